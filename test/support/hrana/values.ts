// Hrana values <-> the JS values of the `libsql` driver (with safeIntegers on), and argument binding.
import { Buffer } from "node:buffer";
import { HranaError, type ProtoValue, type Stmt } from "./protocol";
import type { SqlParam } from "./sql";

/** What the driver binds and returns: integers as bigint, reals as number, blobs as Buffer. */
export type SqlValue = null | bigint | number | string | Buffer;

const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;

export function valueFromProto(value: ProtoValue): SqlValue {
  switch (value.type) {
    case "null":
      return null;
    case "integer": {
      const n = BigInt(value.value);
      if (n < MIN_I64 || n > MAX_I64)
        throw new HranaError(`Integer ${value.value} is out of the 64-bit range`, "ARGS_INVALID");
      return n;
    }
    case "float":
      return value.value;
    case "text":
      return value.value;
    case "blob":
      // Node accepts padded and unpadded base64 alike
      return Buffer.from(value.base64, "base64");
  }
}

export function valueToProto(value: unknown): ProtoValue {
  if (value === null || value === undefined) return { type: "null" };
  if (typeof value === "bigint") return { type: "integer", value: value.toString() };
  // With safeIntegers on, a JS number is always a REAL. A non-finite REAL (SELECT 1e999) becomes
  // JSON null, which the client rejects; sqld (serde_json) behaves the same way.
  if (typeof value === "number") return { type: "float", value };
  if (typeof value === "string") return { type: "text", value };
  if (value instanceof Uint8Array) return { type: "blob", base64: Buffer.from(value).toString("base64") };
  if (value instanceof ArrayBuffer) return { type: "blob", base64: Buffer.from(value).toString("base64") };
  throw new HranaError(`Cannot encode a value of type ${typeof value}`, "INTERNAL");
}

/**
 * Turns a statement's arguments into what the driver binds, with sqld's rules (libsql-server
 * `Params::bind`): positional or named, not both; every parameter of the statement must get a value;
 * no more values than parameters. The driver itself binds a missing value as NULL without a word, so
 * without these checks a mistake that Turso rejects would pass here.
 */
export function bindArgs(stmt: Stmt, params: SqlParam[]): SqlValue[] | Record<string, SqlValue> {
  const args = stmt.args ?? [];
  const named = stmt.named_args ?? [];
  if (args.length > 0 && named.length > 0) {
    throw new HranaError(
      "Specifying both positional and named arguments is not supported",
      "ARGS_BOTH_POSITIONAL_AND_NAMED",
    );
  }
  if (args.length + named.length > params.length) {
    throw new HranaError(
      `Arguments do not match SQL parameters: too many parameters, expected ${params.length} found ${args.length + named.length}`,
      "ARGS_INVALID",
    );
  }
  if (named.length === 0) {
    params.forEach((p, i) => {
      const ok = p.name === null || p.name.startsWith("?") ? i < args.length : false;
      if (!ok) throw missing(p.name ?? String(i + 1));
    });
    return args.map(valueFromProto);
  }
  // Named: accept the name with its prefix (":a") or without ("a"), as sqld does; the driver wants it bare.
  const byName = new Map(named.map((a) => [a.name, a.value] as const));
  const out: Record<string, SqlValue> = {};
  params.forEach((p, i) => {
    if (p.name === null || p.name.startsWith("?")) throw missing(p.name ?? String(i + 1));
    const bare = p.name.slice(1);
    const v = byName.get(p.name) ?? byName.get(bare);
    if (v === undefined) throw missing(p.name);
    out[bare] = valueFromProto(v);
  });
  return out;
}

function missing(name: string): HranaError {
  return new HranaError(`Arguments do not match SQL parameters: value for parameter ${name} not found`, "ARGS_INVALID");
}
