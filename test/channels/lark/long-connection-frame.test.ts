import { describe, expect, test } from "vitest";
import {
  createFragmentBuffer,
  FragmentError,
  FRAGMENT_TTL_MS,
} from "../../../src/channels/lark/long-connection/fragments";
import {
  decodeFrame,
  encodeFrame,
  FrameDecodeError,
  headerOf,
  type Frame,
} from "../../../src/channels/lark/long-connection/frame";

const utf8 = new TextEncoder();

describe("pbbp2 frames", () => {
  test("a data frame survives encode → decode, with 64-bit ids and Chinese text", () => {
    const frame: Frame = {
      seqId: 18446744073709551615n, // the largest uint64
      logId: 7391244386262532097n,
      service: 33554678,
      method: 1,
      headers: [
        { key: "type", value: "event" },
        { key: "message_id", value: "7e6d4a7c-2b1f" },
        { key: "sum", value: "1" },
        { key: "seq", value: "0" },
      ],
      payload: utf8.encode(JSON.stringify({ text: "日报 整理了档案室" })),
      logIdNew: "02173311",
    };
    const back = decodeFrame(encodeFrame(frame));
    expect(back).toEqual(frame);
    expect(headerOf(back, "type")).toBe("event");
  });

  test("the bytes are protobuf's: field tags, varints and a negative int32 as ten bytes", () => {
    const bytes = encodeFrame({ seqId: 1n, logId: 300n, service: -1, method: 0, headers: [] });
    // 08 01 | 10 ac 02 | 18 ff ff ff ff ff ff ff ff ff 01 | 20 00
    expect(Array.from(bytes)).toEqual([0x08, 0x01, 0x10, 0xac, 0x02, 0x18, ...Array(9).fill(0xff), 0x01, 0x20, 0x00]);
    expect(decodeFrame(bytes).service).toBe(-1);
  });

  test("unknown fields are skipped, as protobuf readers do", () => {
    const known = encodeFrame({
      seqId: 2n,
      logId: 3n,
      service: 4,
      method: 1,
      headers: [{ key: "type", value: "card" }],
    });
    // field 15 varint 150, field 14 length-delimited "xy", field 13 fixed32
    const extra = Uint8Array.from([0x78, 0x96, 0x01, 0x72, 0x02, 0x78, 0x79, 0x6d, 1, 2, 3, 4]);
    const frame = decodeFrame(Uint8Array.from([...known, ...extra]));
    expect(frame).toMatchObject({
      seqId: 2n,
      logId: 3n,
      service: 4,
      method: 1,
      headers: [{ key: "type", value: "card" }],
    });
  });

  test("truncated or incomplete frames are refused, not half-read", () => {
    const bytes = encodeFrame({ seqId: 1n, logId: 1n, service: 1, method: 1, headers: [], payload: utf8.encode("{}") });
    expect(() => decodeFrame(bytes.subarray(0, bytes.length - 1))).toThrow(FrameDecodeError);
    expect(() => decodeFrame(Uint8Array.from([0x08, 0x01]))).toThrow(/missing required field 2/);
    expect(() => decodeFrame(Uint8Array.from([0x08, 0xff]))).toThrow(/truncated varint/);
  });
});

describe("payloads in parts", () => {
  const part = (s: string) => utf8.encode(s);

  test("parts arriving out of order are joined once the last one is in", () => {
    const buffer = createFragmentBuffer();
    expect(buffer.add("m1", 3, 2, part('c"}'))).toBeUndefined();
    expect(buffer.add("m1", 3, 0, part('{"a":'))).toBeUndefined();
    const whole = buffer.add("m1", 3, 1, part('"b'));
    expect(new TextDecoder().decode(whole)).toBe('{"a":"bc"}');
    expect(buffer.size).toBe(0);
  });

  test("a single part is the payload itself", () => {
    expect(createFragmentBuffer().add("m2", 1, 0, part("{}"))).toEqual(part("{}"));
  });

  test("bad part numbers are refused", () => {
    const buffer = createFragmentBuffer();
    expect(() => buffer.add("m3", 0, 0, part("x"))).toThrow(FragmentError);
    expect(() => buffer.add("m3", 2, 2, part("x"))).toThrow(FragmentError);
    buffer.add("m3", 2, 0, part("x"));
    expect(() => buffer.add("m3", 3, 1, part("y"))).toThrow(/the first said 2/);
  });

  test("an incomplete payload is forgotten after a while (Lark delivers the unanswered event again)", () => {
    let t = 0;
    const buffer = createFragmentBuffer(() => t);
    buffer.add("old", 2, 0, part("a"));
    t = FRAGMENT_TTL_MS + 1;
    buffer.add("new", 2, 0, part("b"));
    expect(buffer.size).toBe(1);
    expect(buffer.add("old", 2, 1, part("c"))).toBeUndefined(); // its first half is gone
  });
});

describe("the client settings Lark sends", () => {
  test("are bounded, so a broken answer cannot make the client spin or wait forever", async () => {
    const { sanitizeClientConfig, DEFAULT_CLIENT_CONFIG } = await import(
      "../../../src/channels/lark/long-connection/endpoint"
    );
    expect(
      sanitizeClientConfig({ PingInterval: 0, ReconnectInterval: -5, ReconnectNonce: Number.NaN, ReconnectCount: -1 }),
    ).toEqual({
      PingInterval: 1,
      ReconnectCount: -1,
      ReconnectInterval: 0.1,
      ReconnectNonce: DEFAULT_CLIENT_CONFIG.ReconnectNonce,
    });
    expect(sanitizeClientConfig({ PingInterval: 90000 }).PingInterval).toBe(600);
    expect(sanitizeClientConfig(undefined)).toEqual(DEFAULT_CLIENT_CONFIG);
  });
});
