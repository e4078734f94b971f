import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Seals a request body as Lark does, written from Lark's documentation and
 * independent of src/channels/lark/crypto.ts, so a wrong formula in the
 * production check cannot be hidden by the same wrong formula here.
 *
 * - Encryption (https://open.feishu.cn/document/ukTMukTMukTM/uYDNxYjL2QTM24iN0EjN/event-subscription-configure-/encrypt-key-encryption-configuration-case):
 *   AES-256-CBC, key = SHA-256(Encrypt Key), a random 16-byte IV put in front of
 *   the cipher text, PKCS#7 padding, base64; the body is {"encrypt": "..."}.
 * - Signature (same page, 签名校验): SHA-256 over
 *   X-Lark-Request-Timestamp + X-Lark-Request-Nonce + Encrypt Key + the raw body,
 *   as lowercase hex in X-Lark-Signature.
 * The documented decryption vector ("test key" → "hello world") is checked in
 * test/channels/lark/doc-seal.test.ts against this sealer's own decrypt.
 */

export function docEncrypt(plain: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const key = createHash("sha256").update(encryptKey, "utf8").digest();
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  return Buffer.concat([iv, cipher.update(plain, "utf8"), cipher.final()]).toString("base64");
}

/** The documented decryption: base64 → first 16 bytes IV, the rest AES-256-CBC with SHA-256(key). */
export function docDecrypt(encrypted: string, encryptKey: string): string {
  const bytes = Buffer.from(encrypted, "base64");
  const key = createHash("sha256").update(encryptKey, "utf8").digest();
  const decipher = createDecipheriv("aes-256-cbc", key, bytes.subarray(0, 16));
  return Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString("utf8");
}

export function docSignature(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash("sha256")
    .update(timestamp + nonce + encryptKey + body, "utf8")
    .digest("hex");
}

export interface DocSealed {
  body: string;
  headers: Record<string, string>;
}

/** A request as Lark sends it: plain JSON without an Encrypt Key; encrypted and signed with one. */
export function docSeal(payload: unknown, opts: { encryptKey?: string; timestamp: number; nonce?: string }): DocSealed {
  const plain = JSON.stringify(payload);
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (!opts.encryptKey) return { body: plain, headers };
  const body = JSON.stringify({ encrypt: docEncrypt(plain, opts.encryptKey) });
  const timestamp = String(opts.timestamp);
  const nonce = opts.nonce ?? randomBytes(8).toString("hex");
  headers["x-lark-request-timestamp"] = timestamp;
  headers["x-lark-request-nonce"] = nonce;
  headers["x-lark-signature"] = docSignature(timestamp, nonce, opts.encryptKey, body);
  return { body, headers };
}
