// One SQL connection per Hrana stream, and the execution of statements, batches, sequences and
// describes on it.
//
// The engine is `libsql`, the native driver that @libsql/client uses for `file:` URLs, loaded through
// @libsql/client's own dependency so both are always the same build. @libsql/client's Node API cannot
// stand in for a stream: it returns a connection to its pool after every call and rolls back whatever
// the call left open, while a Hrana stream keeps its connection, and an open BEGIN, across requests.
import { createRequire } from "node:module";
import type LibsqlDatabase from "libsql";
import {
  HranaError,
  type Batch,
  type BatchCond,
  type BatchResult,
  type CursorEntry,
  type DescribeResult,
  type ProtoError,
  type Stmt,
  type StmtResult,
} from "./protocol";
import { analyzeSql } from "./sql";
import { bindArgs, valueToProto } from "./values";

const requireHere = createRequire(import.meta.url);
const Database = createRequire(requireHere.resolve("@libsql/client"))("libsql") as typeof LibsqlDatabase;
type Db = LibsqlDatabase.Database;

export type Version = 2 | 3;
/** SQL texts stored with `store_sql`, per stream. */
export type SqlStore = Map<number, string>;

export class Connection {
  readonly #db: Db;
  readonly #meta: LibsqlDatabase.Statement; // SELECT changes(), last_insert_rowid()

  constructor(path: string) {
    this.#db = new Database(path);
    // WAL is a property of the file (set once by the server); these two are per connection.
    this.#db.exec("PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;");
    this.#meta = this.#db.prepare("SELECT changes(), last_insert_rowid()");
    this.#meta.raw(true).safeIntegers(true);
  }

  get isAutocommit(): boolean {
    return !this.#db.inTransaction;
  }

  execute(stmt: Stmt, sqls: SqlStore): StmtResult {
    const sql = resolveSql(stmt, sqls);
    const info = analyzeSql(sql);
    if (info.stmtCount === 0) throw new HranaError("SQL string does not contain any statement", "SQL_NO_STATEMENT");
    if (info.stmtCount > 1) throw new HranaError("SQL string contains more than one statement", "SQL_MANY_STATEMENTS");
    const args = bindArgs(stmt, info.params);
    const started = performance.now();
    return sqlite(() => {
      const prepared = this.#db.prepare(sql).safeIntegers(true);
      let cols: StmtResult["cols"] = [];
      let rows: unknown[][] = [];
      if (prepared.reader) {
        cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type }));
        rows = prepared.raw(true).all(args) as unknown[][];
      } else {
        prepared.run(args);
      }
      const isIud = ["INSERT", "REPLACE", "UPDATE", "DELETE"].includes(info.verb ?? "");
      const isInsert = info.verb === "INSERT" || info.verb === "REPLACE";
      const [changes, rowid] = isIud ? (this.#meta.get() as [bigint, bigint]) : [0n, 0n];
      return {
        cols,
        rows: stmt.want_rows === false ? [] : rows.map((row) => row.map(valueToProto)),
        affected_row_count: Number(changes),
        last_insert_rowid: isInsert ? rowid.toString() : null,
        query_duration_ms: performance.now() - started,
      };
    });
  }

  batch(batch: Batch, sqls: SqlStore, version: Version): BatchResult {
    const result: BatchResult = { step_results: [], step_errors: [] };
    this.#runBatch(batch, sqls, version, (_step, outcome) => {
      result.step_results.push(outcome.ok ?? null);
      result.step_errors.push(outcome.error ?? null);
    });
    return result;
  }

  /** A batch for the v3 cursor endpoint: the same execution, reported as cursor entries. */
  cursor(batch: Batch, sqls: SqlStore, version: Version): CursorEntry[] {
    const entries: CursorEntry[] = [];
    this.#runBatch(batch, sqls, version, (step, outcome) => {
      if (outcome.error) {
        entries.push({ type: "step_error", step, error: outcome.error });
      } else if (outcome.ok) {
        const r = outcome.ok;
        entries.push({ type: "step_begin", step, cols: r.cols });
        for (const row of r.rows) entries.push({ type: "row", row });
        entries.push({
          type: "step_end",
          affected_row_count: r.affected_row_count,
          last_insert_rowid: r.last_insert_rowid,
        });
      }
    });
    return entries;
  }

  /** `sequence`: several statements separated by `;`, no arguments, no results. */
  sequence(sql: string): void {
    sqlite(() => this.#db.exec(sql));
  }

  describe(sql: string): DescribeResult {
    const info = analyzeSql(sql);
    if (info.stmtCount === 0) throw new HranaError("SQL string does not contain any statement", "SQL_NO_STATEMENT");
    if (info.stmtCount > 1) throw new HranaError("SQL string contains more than one statement", "SQL_MANY_STATEMENTS");
    return sqlite(() => {
      const prepared = this.#db.prepare(sql);
      const cols = prepared.reader ? prepared.columns().map((c) => ({ name: c.name, decltype: c.type })) : [];
      // The driver has no sqlite3_stmt_readonly(); the bytecode tells the same thing: a statement
      // that writes opens a write transaction (OP_Transaction with P2 != 0).
      let isReadonly = true;
      if (!info.isExplain) {
        const ops = this.#db.prepare(`EXPLAIN ${sql}`).raw(true).all() as unknown[][];
        isReadonly = !ops.some((op) => op[1] === "Transaction" && Number(op[3]) !== 0);
      }
      return { params: info.params, cols, is_explain: info.isExplain, is_readonly: isReadonly };
    });
  }

  /** Closing a stream rolls back whatever it left open, as sqld does. */
  close(): void {
    try {
      if (this.#db.open && this.#db.inTransaction) this.#db.exec("ROLLBACK");
    } finally {
      if (this.#db.open) this.#db.close();
    }
  }

  #runBatch(
    batch: Batch,
    sqls: SqlStore,
    version: Version,
    report: (step: number, outcome: { ok?: StmtResult; error?: ProtoError }) => void,
  ): void {
    // Check every condition before running anything, so a malformed batch does not half-run.
    batch.steps.forEach((step, i) => step.condition && checkCond(step.condition, i, version));
    const outcomes: { ok?: StmtResult; error?: ProtoError }[] = [];
    batch.steps.forEach((step, i) => {
      let outcome: { ok?: StmtResult; error?: ProtoError } = {};
      if (!step.condition || this.#evalCond(step.condition, outcomes)) {
        try {
          outcome = { ok: this.execute(step.stmt, sqls) };
        } catch (e) {
          outcome = { error: toHranaError(e).toProto() };
        }
      }
      outcomes.push(outcome);
      report(i, outcome);
    });
  }

  #evalCond(cond: BatchCond, outcomes: { ok?: StmtResult; error?: ProtoError }[]): boolean {
    switch (cond.type) {
      case "ok":
        return outcomes[cond.step]?.ok !== undefined;
      case "error":
        return outcomes[cond.step]?.error !== undefined;
      case "not":
        return !this.#evalCond(cond.cond, outcomes);
      case "and":
        return cond.conds.every((c) => this.#evalCond(c, outcomes));
      case "or":
        return cond.conds.some((c) => this.#evalCond(c, outcomes));
      case "is_autocommit":
        return this.isAutocommit;
    }
  }
}

function checkCond(cond: BatchCond, stepIndex: number, version: Version): void {
  switch (cond.type) {
    case "ok":
    case "error":
      if (cond.step >= stepIndex)
        throw new HranaError(
          `Batch step ${stepIndex} has a condition on step ${cond.step}, which does not run before it`,
          "BATCH_COND_INVALID",
        );
      return;
    case "not":
      return checkCond(cond.cond, stepIndex, version);
    case "and":
    case "or":
      return cond.conds.forEach((c) => checkCond(c, stepIndex, version));
    case "is_autocommit":
      if (version < 3) throw new HranaError("The is_autocommit condition requires Hrana 3", "NOT_SUPPORTED");
  }
}

export function resolveSql(ref: { sql?: string | null; sql_id?: number | null }, sqls: SqlStore): string {
  const hasSql = ref.sql !== undefined && ref.sql !== null;
  const hasId = ref.sql_id !== undefined && ref.sql_id !== null;
  if (hasSql && hasId) throw new HranaError("Both sql and sql_id were given", "SQL_ID_AND_SQL_GIVEN");
  if (hasSql) return ref.sql!;
  if (!hasId) throw new HranaError("Neither sql nor sql_id was given", "SQL_ID_OR_SQL_NOT_GIVEN");
  const sql = sqls.get(ref.sql_id!);
  if (sql === undefined) throw new HranaError(`SQL text ${ref.sql_id} was not stored on this stream`, "SQL_NOT_FOUND");
  return sql;
}

// ---- errors ----------------------------------------------------------------------------------

// Base result codes, named as sqld names them (libsql-server/src/hrana/stmt.rs, sqlite_error_code):
// sqld reports the base code (SQLITE_CONSTRAINT), not the extended one (SQLITE_CONSTRAINT_UNIQUE),
// and prefixes the message with "SQLite error: ".
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
  17: "SQLITE_SCHEMA",
  18: "SQLITE_TOOBIG",
  19: "SQLITE_CONSTRAINT",
  20: "SQLITE_MISMATCH",
  21: "SQLITE_MISUSE",
  22: "SQLITE_NOLFS",
  23: "SQLITE_AUTH",
  25: "SQLITE_RANGE",
  26: "SQLITE_NOTADB",
};

export function toHranaError(e: unknown): HranaError {
  if (e instanceof HranaError) return e;
  if (e instanceof Database.SqliteError) {
    const base =
      e.rawCode !== undefined
        ? BASE_CODES[e.rawCode & 0xff]
        : Object.values(BASE_CODES).find((b) => e.code === b || e.code.startsWith(`${b}_`));
    return new HranaError(`SQLite error: ${e.message}`, base ?? "SQLITE_UNKNOWN");
  }
  return new HranaError(e instanceof Error ? e.message : String(e), "UNKNOWN");
}

function sqlite<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toHranaError(e);
  }
}
