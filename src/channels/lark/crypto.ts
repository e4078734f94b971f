/**
 * Lark's event encryption and signature, with Web Crypto only, so the same
 * code runs on Workers and Node.
 *
 * - Encryption: AES-256-CBC, key = SHA-256(encryptKey), the first 16 bytes of
 *   the base64-decoded payload are the IV, PKCS#7 padding.
 * - Signature: hex(SHA-256(timestamp + nonce + encryptKey + rawBody)) in
 *   `X-Lark-Signature`, over the body exactly as sent (never re-serialised JSON).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function sha256(data: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(data)));
}

function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

const keyCache = new Map<string, Promise<CryptoKey>>();

function aesKey(encryptKey: string): Promise<CryptoKey> {
  let key = keyCache.get(encryptKey);
  if (!key) {
    key = sha256(encryptKey).then((raw) =>
      crypto.subtle.importKey("raw", raw as BufferSource, { name: "AES-CBC" }, false, ["encrypt", "decrypt"]),
    );
    keyCache.set(encryptKey, key);
  }
  return key;
}

export class DecryptError extends Error {
  override name = "DecryptError";
}

/** Decrypts Lark's `{"encrypt": "..."}` payload to its plain text. */
export async function decryptEvent(encrypted: string, encryptKey: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(encrypted);
  } catch {
    throw new DecryptError("encrypt is not base64");
  }
  if (bytes.length < 32 || bytes.length % 16 !== 0) throw new DecryptError("encrypt has the wrong length");
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-CBC", iv: bytes.subarray(0, 16) as BufferSource },
      await aesKey(encryptKey),
      bytes.subarray(16) as BufferSource,
    );
    return decoder.decode(plain);
  } catch {
    throw new DecryptError("cannot decrypt: wrong LARK_ENCRYPT_KEY?");
  }
}

/** Encrypts as Lark does (for the local playground, the mock and tests). */
export async function encryptEvent(plain: string, encryptKey: string, iv?: Uint8Array): Promise<string> {
  const vector = iv ?? crypto.getRandomValues(new Uint8Array(16));
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-CBC", iv: vector as BufferSource }, await aesKey(encryptKey), encoder.encode(plain)),
  );
  const out = new Uint8Array(16 + cipher.length);
  out.set(vector, 0);
  out.set(cipher, 16);
  return toBase64(out);
}

export async function signBody(timestamp: string, nonce: string, encryptKey: string, rawBody: string): Promise<string> {
  return toHex(await sha256(timestamp + nonce + encryptKey + rawBody));
}

/** Constant-time comparison of two hex signatures. */
export function sameSignature(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
