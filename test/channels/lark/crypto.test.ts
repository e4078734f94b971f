import { describe, expect, test } from "vitest";
import { decryptEvent, DecryptError, encryptEvent, sameSignature, signBody } from "../../../src/channels/lark/crypto";

describe("Lark event crypto", () => {
  test("decrypts the test vector from Lark's documentation", async () => {
    await expect(decryptEvent("P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=", "test key")).resolves.toBe("hello world");
  });

  test("round-trips Chinese text and emoji", async () => {
    const text = JSON.stringify({ text: "日报 完成了季度报表初稿 ✅" });
    const sealed = await encryptEvent(text, "k");
    expect(sealed).not.toContain("日报");
    await expect(decryptEvent(sealed, "k")).resolves.toBe(text);
  });

  test("a wrong key or garbage is a DecryptError, not a crash", async () => {
    const sealed = await encryptEvent("{}", "right");
    await expect(decryptEvent(sealed, "wrong")).rejects.toBeInstanceOf(DecryptError);
    await expect(decryptEvent("***", "k")).rejects.toBeInstanceOf(DecryptError);
    await expect(decryptEvent("aGVsbG8=", "k")).rejects.toBeInstanceOf(DecryptError);
  });

  test("signature is sha256(timestamp + nonce + key + body) in hex", async () => {
    // Computed independently: printf '%s' '1700000000nonce1key{"a":1}' | sha256sum
    const sig = await signBody("1700000000", "nonce1", "key", '{"a":1}');
    expect(sig).toBe("a41df67d92febb175691877b3ab1e5ac82bad9e1957b886917f3b8cdbc959e6b");
    expect(await signBody("1700000000", "nonce1", "key", '{"a": 1}')).not.toBe(sig);
  });

  test("sameSignature compares exactly", () => {
    expect(sameSignature("abc", "abc")).toBe(true);
    expect(sameSignature("abc", "abd")).toBe(false);
    expect(sameSignature("abc", "ab")).toBe(false);
  });
});
