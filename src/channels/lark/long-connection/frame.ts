/**
 * The frames of Lark's long connection: protobuf messages of the `pbbp2`
 * schema the SDKs ship (larksuite/node-sdk ws-client/proto-buf):
 *
 *   message Header { required string key = 1; required string value = 2; }
 *   message Frame {
 *     required uint64 SeqID = 1;   required uint64 LogID = 2;
 *     required int32 service = 3;  required int32 method = 4;   // 0 control, 1 data
 *     repeated Header headers = 5;
 *     optional string payload_encoding = 6; optional string payload_type = 7;
 *     optional bytes payload = 8;  optional string LogIDNew = 9;
 *   }
 *
 * Eight fields do not need a protobuf library: this codec is written from the
 * schema (varints and length-delimited fields only) and runs anywhere. The
 * SDK's own client decodes what the mock encodes with it (see the tests).
 */

export const FrameMethod = { control: 0, data: 1 } as const;

/** The `type` header: control frames are ping/pong, data frames event/card. */
export const MessageType = { ping: "ping", pong: "pong", event: "event", card: "card" } as const;

export const HeaderKey = {
  type: "type",
  messageId: "message_id",
  sum: "sum",
  seq: "seq",
  traceId: "trace_id",
  /** Business response time, which the client adds to its answer. */
  bizRt: "biz_rt",
} as const;

export interface FrameHeader {
  key: string;
  value: string;
}

export interface Frame {
  seqId: bigint;
  logId: bigint;
  service: number;
  method: number;
  headers: FrameHeader[];
  payloadEncoding?: string;
  payloadType?: string;
  payload?: Uint8Array;
  logIdNew?: string;
}

export class FrameDecodeError extends Error {
  override name = "FrameDecodeError";
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

const WIRE_VARINT = 0;
const WIRE_64BIT = 1;
const WIRE_LEN = 2;
const WIRE_32BIT = 5;

class Writer {
  private chunks: number[] = [];
  varint(value: bigint): this {
    // Negative int32 values are sign-extended to 64 bits, as protobuf does.
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.chunks.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.chunks.push(Number(v));
    return this;
  }
  tag(field: number, wire: number): this {
    return this.varint(BigInt((field << 3) | wire));
  }
  bytes(field: number, data: Uint8Array): this {
    this.tag(field, WIRE_LEN).varint(BigInt(data.length));
    for (const b of data) this.chunks.push(b);
    return this;
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

class Reader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  get done() {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.buf.length) throw new FrameDecodeError("truncated varint");
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
    throw new FrameDecodeError("varint too long");
  }
  bytes(): Uint8Array {
    const len = Number(this.varint());
    if (this.pos + len > this.buf.length) throw new FrameDecodeError("truncated field");
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wire: number): void {
    if (wire === WIRE_VARINT) this.varint();
    else if (wire === WIRE_LEN) this.bytes();
    else if (wire === WIRE_64BIT) this.pos += 8;
    else if (wire === WIRE_32BIT) this.pos += 4;
    else throw new FrameDecodeError(`unknown wire type ${wire}`);
  }
}

const int32 = (v: bigint) => Number(BigInt.asIntN(32, v));

export function encodeFrame(frame: Frame): Uint8Array {
  const w = new Writer();
  w.tag(1, WIRE_VARINT).varint(frame.seqId);
  w.tag(2, WIRE_VARINT).varint(frame.logId);
  w.tag(3, WIRE_VARINT).varint(BigInt(frame.service));
  w.tag(4, WIRE_VARINT).varint(BigInt(frame.method));
  for (const h of frame.headers) {
    const header = new Writer().bytes(1, utf8.encode(h.key)).bytes(2, utf8.encode(h.value)).finish();
    w.bytes(5, header);
  }
  if (frame.payloadEncoding !== undefined) w.bytes(6, utf8.encode(frame.payloadEncoding));
  if (frame.payloadType !== undefined) w.bytes(7, utf8.encode(frame.payloadType));
  if (frame.payload !== undefined) w.bytes(8, frame.payload);
  if (frame.logIdNew !== undefined) w.bytes(9, utf8.encode(frame.logIdNew));
  return w.finish();
}

function decodeHeader(buf: Uint8Array): FrameHeader {
  const r = new Reader(buf);
  const header: FrameHeader = { key: "", value: "" };
  while (!r.done) {
    const tag = Number(r.varint());
    const field = tag >>> 3;
    if (field === 1 && (tag & 7) === WIRE_LEN) header.key = fromUtf8.decode(r.bytes());
    else if (field === 2 && (tag & 7) === WIRE_LEN) header.value = fromUtf8.decode(r.bytes());
    else r.skip(tag & 7);
  }
  return header;
}

export function decodeFrame(buf: Uint8Array): Frame {
  const r = new Reader(buf);
  const frame: Frame = { seqId: 0n, logId: 0n, service: 0, method: 0, headers: [] };
  const seen = new Set<number>();
  while (!r.done) {
    const tag = Number(r.varint());
    const field = tag >>> 3;
    const wire = tag & 7;
    seen.add(field);
    if (field <= 4 && wire === WIRE_VARINT) {
      const v = r.varint();
      if (field === 1) frame.seqId = v;
      else if (field === 2) frame.logId = v;
      else if (field === 3) frame.service = int32(v);
      else frame.method = int32(v);
    } else if (field >= 5 && field <= 9 && wire === WIRE_LEN) {
      const bytes = r.bytes();
      if (field === 5) frame.headers.push(decodeHeader(bytes));
      else if (field === 8) frame.payload = bytes.slice();
      else {
        const text = fromUtf8.decode(bytes);
        if (field === 6) frame.payloadEncoding = text;
        else if (field === 7) frame.payloadType = text;
        else frame.logIdNew = text;
      }
    } else r.skip(wire);
  }
  // The four numbers are `required` in the schema: a frame without them is not a frame.
  for (const f of [1, 2, 3, 4]) if (!seen.has(f)) throw new FrameDecodeError(`missing required field ${f}`);
  return frame;
}

export function headerOf(frame: Frame, key: string): string | undefined {
  return frame.headers.find((h) => h.key === key)?.value;
}
