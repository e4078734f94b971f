import { describe, expect, test } from "vitest";
import { decryptEvent } from "../../../src/channels/lark/crypto";
import { docDecrypt, docEncrypt, docSeal, docSignature } from "../../support/lark-seal";

/** The test-only sealer (test/support/lark-seal.ts) against Lark's documented vector and independently computed values. */
describe("the sealer tests use, written from Lark's documentation", () => {
  test('decrypts the documentation\'s vector (key "test key")', () => {
    expect(docDecrypt("P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=", "test key")).toBe("hello world");
  });

  test("encrypts with a fresh IV in front, so the same text seals differently and the bot's decryption reads it", async () => {
    const text = JSON.stringify({ text: "日报 完成季度报表初稿 ✅" });
    const a = docEncrypt(text, "k");
    expect(a).not.toBe(docEncrypt(text, "k"));
    expect(docDecrypt(a, "k")).toBe(text);
    await expect(decryptEvent(a, "k")).resolves.toBe(text);
  });

  test("signs sha256(timestamp + nonce + encryptKey + body) in hex", () => {
    // printf '%s' '1700000000nonce1key{"a":1}' | sha256sum
    expect(docSignature("1700000000", "nonce1", "key", '{"a":1}')).toBe(
      "a41df67d92febb175691877b3ab1e5ac82bad9e1957b886917f3b8cdbc959e6b",
    );
  });

  test("a sealed request carries the three headers over the body exactly as sent", () => {
    const sealed = docSeal({ schema: "2.0" }, { encryptKey: "k", timestamp: 1700000000, nonce: "n1" });
    expect(sealed.headers).toMatchObject({ "x-lark-request-timestamp": "1700000000", "x-lark-request-nonce": "n1" });
    expect(sealed.headers["x-lark-signature"]).toBe(docSignature("1700000000", "n1", "k", sealed.body));
    expect(JSON.parse(docDecrypt(JSON.parse(sealed.body).encrypt, "k"))).toEqual({ schema: "2.0" });
    expect(docSeal({ a: 1 }, { timestamp: 1 })).toEqual({
      body: '{"a":1}',
      headers: { "content-type": "application/json; charset=utf-8" },
    });
  });
});
