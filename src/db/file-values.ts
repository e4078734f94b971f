import { LibsqlError, type InArgs, type InValue, type ResultSet, type Row } from "@libsql/client";
import Database from "libsql";

/**
 * Values in and out of the `libsql` driver, converted the way
 * `@libsql/client` converts them with its default `intMode: "number"`, so
 * drizzle and our code see the same values through src/db/file-client.ts.
 */

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;

function toSql(value: InValue | undefined): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
    return value;
  }
  if (typeof value === "bigint") {
    if (value < MIN_I64 || value > MAX_I64)
      throw new RangeError("bigint is too large to be represented as a 64-bit integer and passed as argument");
    return value;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value;
}

/** Positional arguments as they are; named ones without their `:`/`@`/`$` prefix (the driver's form). */
export function toSqlArgs(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (!args) return [];
  if (Array.isArray(args)) {
    const out = new Array(args.length);
    for (let i = 0; i < args.length; i++) out[i] = toSql(args[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const name in args) {
    const bare = name[0] === "@" || name[0] === "$" || name[0] === ":" ? name.slice(1) : name;
    out[bare] = toSql(args[name]);
  }
  return out;
}

function fromSqlValue(value: unknown): unknown {
  if (typeof value === "bigint") {
    if (value < MIN_SAFE || value > MAX_SAFE)
      throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  return value;
}

/** Builds the rows of one statement from the driver's value arrays. */
export type RowMaker = (raw: unknown[]) => Row;

/**
 * Rows shaped as `@libsql/client` shapes them: the columns by name as own
 * enumerable properties (the first column of a name wins; a column named
 * like an index or `length` is reachable by position only), values by
 * position and `length` non-enumerable. The client defines a property
 * per value on every row; here the positions are getters on a prototype
 * made once per statement, so a row costs one object and its names.
 */
export function rowMaker(names: string[]): RowMaker {
  const named = names.map((name, i) =>
    names.indexOf(name) === i && name !== "length" && !/^(0|[1-9]\d*)$/.test(name) ? name : undefined,
  );
  class FileRow {
    readonly #values: unknown[];
    constructor(values: unknown[]) {
      this.#values = values;
      for (let i = 0; i < values.length; i++) {
        const name = named[i];
        if (name !== undefined) (this as Record<string, unknown>)[name] = values[i];
      }
    }
    get length(): number {
      return this.#values.length;
    }
    static at(row: FileRow, i: number): unknown {
      return row.#values[i];
    }
  }
  for (let i = 0; i < names.length; i++)
    Object.defineProperty(FileRow.prototype, i, {
      get: function (this: FileRow) {
        return FileRow.at(this, i);
      },
    });
  Object.defineProperty(FileRow.prototype, Symbol.iterator, { value: Array.prototype[Symbol.iterator] });
  return (raw) => {
    for (let i = 0; i < raw.length; i++) raw[i] = fromSqlValue(raw[i]);
    return new FileRow(raw) as unknown as Row;
  };
}

class FileResultSet implements ResultSet {
  constructor(
    readonly columns: string[],
    readonly columnTypes: string[],
    readonly rows: Row[],
    readonly rowsAffected: number,
    readonly lastInsertRowid: bigint | undefined,
  ) {}

  toJSON() {
    return {
      columns: this.columns,
      columnTypes: this.columnTypes,
      rows: this.rows.map((row) =>
        Array.prototype.map.call(row, (v) =>
          typeof v === "bigint" ? String(v) : v instanceof ArrayBuffer ? Buffer.from(v).toString("base64") : v,
        ),
      ),
      rowsAffected: this.rowsAffected,
      lastInsertRowid: this.lastInsertRowid !== undefined ? String(this.lastInsertRowid) : null,
    };
  }
}

export function resultSet(
  columns: string[],
  columnTypes: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return new FileResultSet(columns, columnTypes, rows, rowsAffected, lastInsertRowid);
}

const BASE_CODES: Record<number, string> = {
  1: "SQLITE_ERROR",
  2: "SQLITE_INTERNAL",
  3: "SQLITE_PERM",
  4: "SQLITE_ABORT",
  5: "SQLITE_BUSY",
  6: "SQLITE_LOCKED",
  7: "SQLITE_NOMEM",
  8: "SQLITE_READONLY",
  9: "SQLITE_INTERRUPT",
  10: "SQLITE_IOERR",
  11: "SQLITE_CORRUPT",
  12: "SQLITE_NOTFOUND",
  13: "SQLITE_FULL",
  14: "SQLITE_CANTOPEN",
  15: "SQLITE_PROTOCOL",
  16: "SQLITE_EMPTY",
  17: "SQLITE_SCHEMA",
  18: "SQLITE_TOOBIG",
  19: "SQLITE_CONSTRAINT",
  20: "SQLITE_MISMATCH",
  21: "SQLITE_MISUSE",
  22: "SQLITE_NOLFS",
  23: "SQLITE_AUTH",
  24: "SQLITE_FORMAT",
  25: "SQLITE_RANGE",
  26: "SQLITE_NOTADB",
  27: "SQLITE_NOTICE",
  28: "SQLITE_WARNING",
};

/** The driver's SqliteError as a LibsqlError (base code, extended code, the original as cause). */
export function convertError(e: unknown): unknown {
  const SqliteError = (Database as unknown as { SqliteError: new (...args: never[]) => Error }).SqliteError;
  if (e instanceof SqliteError) {
    const err = e as Error & { code?: string; rawCode?: number };
    const base =
      err.rawCode === undefined
        ? "SQLITE_UNKNOWN"
        : (BASE_CODES[err.rawCode & 0xff] ?? `SQLITE_UNKNOWN_${err.rawCode & 0xff}`);
    return new LibsqlError(err.message, base, err.code, err.rawCode, err);
  }
  return e;
}
