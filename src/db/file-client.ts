import {
  LibsqlBatchError,
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode,
} from "@libsql/client";
import Database from "libsql";
import { convertError, resultSet, rowMaker, toSqlArgs, type RowMaker } from "./file-values";

type Connection = InstanceType<typeof Database>;
type Statement = ReturnType<Connection["prepare"]>;
type BatchStatement = InStatement | [string, InArgs?];

interface Prepared {
  stmt: Statement;
  /** Column names and declared types, for statements that return rows. */
  columns?: { names: string[]; types: string[]; row: RowMaker };
}

interface Pending {
  stmts: InStatement[];
  resolve: (results: ResultSet[]) => void;
  reject: (error: unknown) => void;
}

/** Statements kept prepared per connection (SQL texts are few: drizzle builds the same ones). */
const STATEMENT_CACHE = 512;
/** At most this many callers' batches in one group transaction. */
const MAX_GROUP = 256;
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

export interface FileClientOptions {
  /** PRAGMAs run on every connection this client opens (they are per connection). */
  pragmas?: string[];
  /** Commit concurrent write batches together (default true). */
  groupCommit?: boolean;
}

/**
 * A libSQL `Client` for a local file, on one connection of the `libsql`
 * driver. It stands in for `@libsql/client`'s file client for two reasons
 * measured on the webhook (docs/BENCHMARKS.md): that client prepares every
 * statement anew (and probes each with a throwing `raw()` call), and
 * commits every request's batch on its own.
 *
 * - Statements are prepared once and kept (LRU by SQL text), cleared on
 *   any schema change.
 * - Group commit: write batches (drizzle's `db.batch`) that arrive in the
 *   same turn of the event loop (concurrent webhook requests) are committed
 *   in one BEGIN IMMEDIATE … COMMIT, each inside its own savepoint. A
 *   caller's promise settles only after the COMMIT that holds its writes
 *   (nothing answered that is not yet in the WAL); a batch that fails (a
 *   duplicate's dedupe marker, a lost race on a card) is rolled back to its
 *   savepoint and rejected alone, with the error it would have had on its
 *   own, while the others commit. SQLite has one writer at a time, so the
 *   shared pages (indexes, the outbox) reach the WAL once per group.
 *
 * Results, values and errors have the shapes `@libsql/client` gives
 * (rows indexable by position and by column name, integers as numbers,
 * `LibsqlError` / `LibsqlBatchError` with the SQLite code).
 */
export interface FileClient extends Client {
  /** Write transactions committed for callers' batches, and the batches they held (for tests and the benchmark). */
  commitStats(): { transactions: number; batches: number };
}

export function createFileClient(path: string, opts: FileClientOptions = {}): FileClient {
  const groupCommit = opts.groupCommit !== false;
  let conn: Connection = open();
  let cache = new Map<string, Prepared>();
  let queue: Pending[] = [];
  let scheduled = false;
  /** An interactive transaction holds the connection until it settles. */
  let transactionOpen = false;
  let closed = false;
  const stats = { transactions: 0, batches: 0 };

  function open(): Connection {
    const c = new Database(path);
    for (const pragma of opts.pragmas ?? []) c.exec(pragma);
    return c;
  }

  function prepare(sql: string): Prepared {
    let p = cache.get(sql);
    if (p) {
      // Refresh its place in the LRU order.
      cache.delete(sql);
      cache.set(sql, p);
      return p;
    }
    const stmt = conn.prepare(sql);
    p = { stmt };
    if (stmt.reader) {
      stmt.raw(true);
      stmt.safeIntegers(true);
      const cols = stmt.columns();
      const names = cols.map((c) => c.name);
      p.columns = { names, types: cols.map((c) => c.type ?? ""), row: rowMaker(names) };
    } else {
      stmt.safeIntegers(true);
    }
    // A statement that changes the schema may change what the cached ones return.
    if (SCHEMA_CHANGE.test(sql)) cache = new Map();
    else {
      cache.set(sql, p);
      if (cache.size > STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
    }
    return p;
  }

  /** Runs one statement now (the connection is synchronous). */
  function run(stmt: InStatement): ResultSet {
    const sql = typeof stmt === "string" ? stmt : stmt.sql;
    const args = typeof stmt === "string" ? [] : toSqlArgs(stmt.args);
    try {
      const p = prepare(sql);
      if (p.columns) {
        const raw = p.stmt.all(args) as unknown[][];
        const rows: Row[] = new Array(raw.length);
        for (let i = 0; i < raw.length; i++) rows[i] = p.columns.row(raw[i]!);
        return resultSet(p.columns.names, p.columns.types, rows, 0, undefined);
      }
      const info = p.stmt.run(args);
      return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (e) {
      throw convertError(e);
    }
  }

  /** Runs a caller's statements; a failure names the statement, as the client's batch does. */
  function runAll(stmts: InStatement[]): ResultSet[] {
    const results: ResultSet[] = [];
    for (let i = 0; i < stmts.length; i++) {
      try {
        results.push(run(stmts[i]!));
      } catch (e) {
        if (e instanceof LibsqlError)
          throw new LibsqlBatchError(
            e.message,
            i,
            e.code,
            e.extendedCode,
            e.rawCode,
            e.cause instanceof Error ? e.cause : undefined,
          );
        throw e;
      }
    }
    return results;
  }

  function rollbackQuietly(): void {
    try {
      if (conn.inTransaction) run("ROLLBACK");
    } catch {
      // the connection rolls back on its own when the statement failed with it
    }
  }

  /** One transaction of its own (no group): the read batches, and everything when grouping is off. */
  function batchNow(stmts: InStatement[], mode: TransactionMode): ResultSet[] {
    run(mode === "write" ? "BEGIN IMMEDIATE" : mode === "read" ? "BEGIN TRANSACTION READONLY" : "BEGIN DEFERRED");
    try {
      const results = runAll(stmts);
      run("COMMIT");
      stats.transactions++;
      stats.batches++;
      return results;
    } finally {
      rollbackQuietly();
    }
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    // setImmediate runs after this turn's I/O callbacks: every request whose body
    // arrived in the same turn has reached its commit by then and joins the group.
    setImmediate(() => {
      scheduled = false;
      flush();
    });
  }

  function flush(): void {
    if (closed || transactionOpen || !queue.length) return;
    const group = queue.splice(0, MAX_GROUP);
    if (queue.length) schedule();
    const done: { p: Pending; results: ResultSet[] }[] = [];
    let next = 0;
    try {
      run("BEGIN IMMEDIATE");
      for (; next < group.length; next++) {
        const p = group[next]!;
        run("SAVEPOINT group_item");
        try {
          const results = runAll(p.stmts);
          run("RELEASE group_item");
          done.push({ p, results });
        } catch (error) {
          // Undo this caller's writes only; the transaction and the others go on.
          run("ROLLBACK TO group_item");
          run("RELEASE group_item");
          p.reject(error);
        }
      }
      run("COMMIT");
      stats.transactions++;
      stats.batches += done.length;
    } catch (error) {
      // BEGIN, the savepoints or COMMIT failed: nothing of the group is stored.
      rollbackQuietly();
      for (const d of done) d.p.reject(error);
      for (const p of group.slice(next)) p.reject(error); // rejecting a settled one is a no-op
      return;
    }
    for (const d of done) d.p.resolve(d.results);
  }

  function checkUsable(): void {
    if (closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
    // As @libsql/client's one-connection file client: an open transaction holds the connection.
    if (transactionOpen) {
      throw new LibsqlError(
        "This client has a single connection, which an open transaction is holding. Commit or roll back the transaction before using the client again.",
        "TRANSACTION_ACTIVE",
      );
    }
  }

  const client = {
    async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
      checkUsable();
      return run(typeof stmtOrSql === "string" && args ? { sql: stmtOrSql, args } : stmtOrSql);
    },
    async batch(stmts: BatchStatement[], mode: TransactionMode = "deferred"): Promise<ResultSet[]> {
      if (closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
      const normalized = stmts.map(normalize);
      if (!groupCommit || mode === "read") {
        checkUsable();
        return batchNow(normalized, mode);
      }
      // Grouped batches queue while an interactive transaction holds the connection.
      return new Promise<ResultSet[]>((resolve, reject) => {
        queue.push({ stmts: normalized, resolve, reject });
        schedule();
      });
    },
    async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
      checkUsable();
      run("PRAGMA foreign_keys=off");
      try {
        return batchNow(stmts, "deferred");
      } finally {
        cache = new Map();
        run("PRAGMA foreign_keys=on");
      }
    },
    async transaction(mode: TransactionMode = "write"): Promise<Transaction> {
      checkUsable();
      run(mode === "write" ? "BEGIN IMMEDIATE" : mode === "read" ? "BEGIN TRANSACTION READONLY" : "BEGIN DEFERRED");
      transactionOpen = true;
      return interactive();
    },
    async executeMultiple(sql: string): Promise<void> {
      checkUsable();
      try {
        conn.exec(sql);
      } catch (e) {
        throw convertError(e);
      } finally {
        cache = new Map();
      }
    },
    async sync(): Promise<never> {
      throw new LibsqlError("sync() is for embedded replicas; this is a local file", "SYNC_NOT_SUPPORTED");
    },
    close(): void {
      if (closed) return;
      closed = true;
      client.closed = true;
      const error = new LibsqlError("The client is closed", "CLIENT_CLOSED");
      for (const p of queue.splice(0)) p.reject(error);
      cache = new Map();
      conn.close();
    },
    reconnect(): void {
      client.close();
      conn = open();
      closed = false;
      client.closed = false;
      transactionOpen = false;
    },
    closed: false,
    protocol: "file",
    commitStats: () => ({ ...stats }),
  };

  /** An interactive transaction on the one connection; group commits wait until it settles. */
  function interactive(): Transaction {
    let settled = false;
    const check = () => {
      if (settled || closed) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
    };
    const settle = () => {
      if (settled) return;
      settled = true;
      rollbackQuietly();
      transactionOpen = false;
      if (queue.length) schedule();
    };
    const tx: Transaction = {
      async execute(stmt: InStatement) {
        check();
        return run(stmt);
      },
      async batch(stmts: InStatement[]) {
        check();
        return runAll(stmts);
      },
      async executeMultiple(sql: string) {
        check();
        try {
          conn.exec(sql);
        } catch (e) {
          throw convertError(e);
        }
      },
      async rollback() {
        settle();
      },
      async commit() {
        check();
        try {
          run("COMMIT");
        } finally {
          settle();
        }
      },
      close() {
        settle();
      },
      get closed() {
        return settled;
      },
    };
    return tx;
  }

  return client as FileClient;
}

function normalize(stmt: BatchStatement): InStatement {
  return Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt;
}
