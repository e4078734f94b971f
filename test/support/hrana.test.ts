// The Hrana stand-in, driven by the real web client (@libsql/client/web) over loopback HTTP, by
// drizzle on top of that client, and by hand-written protocol requests for what the client in this
// version does not send (Hrana 3: get_autocommit, is_autocommit, cursors).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, LibsqlBatchError, LibsqlError, type Client } from "@libsql/client/web";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql/web";
import { blob, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHranaServer, type HranaServer } from "./hrana/server";

const dir = mkdtempSync(join(tmpdir(), "hrana-test-"));
let server: HranaServer;
let client: Client;
let tableNo = 0;
const newTable = () => `t${++tableNo}`;

beforeAll(async () => {
  server = await startHranaServer({ dbPath: join(dir, "main.db") });
  client = createClient({ url: server.url });
});

afterAll(async () => {
  client?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function count(table: string, c: Client = client): Promise<number> {
  const rs = await c.execute(`SELECT count(*) AS n FROM ${table}`);
  return Number(rs.rows[0]!.n);
}

async function rejection(p: Promise<unknown>): Promise<LibsqlError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(LibsqlError);
  return e as LibsqlError;
}

async function pipeline(body: unknown, version = 3): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.url}/v${version}/pipeline`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe("execute", () => {
  it("round-trips every value type, positionally and by name", async () => {
    const t = newTable();
    await client.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, i INTEGER, f REAL, s TEXT, b BLOB, n)`);
    const blobIn = new Uint8Array([0, 1, 2, 250, 255]);
    const ins = await client.execute({
      sql: `INSERT INTO ${t} (i, f, s, b, n) VALUES (?, ?, ?, ?, ?)`,
      args: [42n, 2.5, "héllo, 世界 'quoted'", blobIn, null],
    });
    expect(ins.rowsAffected).toBe(1);
    expect(ins.lastInsertRowid).toBe(1n);

    const byName = await client.execute({
      sql: `INSERT INTO ${t} (i, f, s, b, n) VALUES (:i, @f, $s, :b, :n)`,
      args: { i: -7, f: -0.125, s: "", b: new Uint8Array([]), ":n": "named with prefix" },
    });
    expect(byName.lastInsertRowid).toBe(2n);

    const rs = await client.execute(`SELECT id, i, f, s, b, n, typeof(n) AS tn FROM ${t} ORDER BY id`);
    expect(rs.columns).toEqual(["id", "i", "f", "s", "b", "n", "tn"]);
    expect(rs.columnTypes).toEqual(["INTEGER", "INTEGER", "REAL", "TEXT", "BLOB", "", ""]);
    expect(rs.rowsAffected).toBe(0);
    const [r1, r2] = rs.rows;
    expect(r1).toMatchObject({ id: 1, i: 42, f: 2.5, s: "héllo, 世界 'quoted'", n: null, tn: "null" });
    expect(new Uint8Array(r1!.b as ArrayBuffer)).toEqual(blobIn);
    // a JS number is sent as a float; INTEGER affinity stores -7.0 as the integer -7
    expect(r2).toMatchObject({ id: 2, i: -7, f: -0.125, s: "", n: "named with prefix", tn: "text" });
    expect((r2!.b as ArrayBuffer).byteLength).toBe(0);
  });

  it("keeps 64-bit integers exact (intMode bigint)", async () => {
    const big = createClient({ url: server.url, intMode: "bigint" });
    try {
      const rs = await big.execute({
        sql: "SELECT ? AS max, ? AS min, 1.0 AS real, typeof(?) AS t",
        args: [2n ** 63n - 1n, -(2n ** 63n), 3],
      });
      expect(rs.rows[0]).toMatchObject({ max: 9223372036854775807n, min: -9223372036854775808n, real: 1, t: "real" });
    } finally {
      big.close();
    }
  });

  it("reports RETURNING rows together with the affected-row count", async () => {
    const t = newTable();
    await client.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, v TEXT)`);
    const rs = await client.execute({ sql: `INSERT INTO ${t} (v) VALUES (?), (?) RETURNING id, v`, args: ["a", "b"] });
    expect(rs.rows.map((r) => [r.id, r.v])).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
    expect(rs.rowsAffected).toBe(2);
    const upd = await client.execute(`UPDATE ${t} SET v = upper(v)`);
    expect(upd.rowsAffected).toBe(2);
    expect(upd.lastInsertRowid).toBeUndefined();
  });

  it("maps SQL errors to LibsqlError codes the way sqld does", async () => {
    const syntax = await rejection(client.execute("SELEC 1"));
    expect(syntax.code).toBe("SQLITE_ERROR");
    expect(syntax.message).toMatch(/syntax error/);
    expect((await rejection(client.execute("SELECT * FROM no_such_table"))).message).toMatch(/no such table/);
    // sqld refuses what the driver would silently accept
    expect((await rejection(client.execute("SELECT 1; SELECT 2"))).code).toBe("SQL_MANY_STATEMENTS");
    expect((await rejection(client.execute({ sql: "SELECT ?, ?", args: [1] }))).code).toBe("ARGS_INVALID");
    expect((await rejection(client.execute({ sql: "SELECT ?", args: [1, 2] }))).code).toBe("ARGS_INVALID");
    expect((await rejection(client.execute({ sql: "SELECT :a", args: { b: 1 } }))).code).toBe("ARGS_INVALID");
    expect((await rejection(client.execute("  -- only a comment"))).code).toBe("SQL_NO_STATEMENT");
    // semicolons inside strings, comments and trigger bodies are not statement breaks
    const rs = await client.execute("SELECT 'a;b' AS s /* ; */ -- ;\n;");
    expect(rs.rows[0]!.s).toBe("a;b");
  });
});

describe("batch", () => {
  it("runs a write batch as one transaction and returns each statement's result", async () => {
    const t = newTable();
    const results = await client.batch(
      [
        `CREATE TABLE ${t} (id INTEGER PRIMARY KEY, email TEXT UNIQUE)`,
        { sql: `INSERT INTO ${t} (email) VALUES (?)`, args: ["a@x"] },
        { sql: `INSERT INTO ${t} (email) VALUES (?)`, args: ["b@x"] },
        `SELECT email FROM ${t} ORDER BY id`,
      ],
      "write",
    );
    expect(results).toHaveLength(4);
    expect(results[2]!.lastInsertRowid).toBe(2n);
    expect(results[3]!.rows.map((r) => r.email)).toEqual(["a@x", "b@x"]);
  });

  it("is all-or-nothing: a unique violation in step 3 undoes steps 1 and 2", async () => {
    const t = newTable();
    await client.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, email TEXT UNIQUE)`);
    await client.execute({ sql: `INSERT INTO ${t} (email) VALUES (?)`, args: ["taken@x"] });

    const err = await rejection(
      client.batch(
        [
          { sql: `INSERT INTO ${t} (email) VALUES (?)`, args: ["one@x"] },
          { sql: `UPDATE ${t} SET email = 'changed@x' WHERE email = ?`, args: ["taken@x"] },
          { sql: `INSERT INTO ${t} (email) VALUES (?)`, args: ["changed@x"] },
        ],
        "write",
      ),
    );
    expect(err).toBeInstanceOf(LibsqlBatchError);
    expect((err as LibsqlBatchError).statementIndex).toBe(2);
    // sqld (and so Turso) sends the base code; the Node file: client would also give
    // extendedCode SQLITE_CONSTRAINT_UNIQUE, the web client only has the message for that.
    expect(err.code).toBe("SQLITE_CONSTRAINT");
    expect(err.message).toMatch(/UNIQUE constraint failed/);

    const rows = await client.execute(`SELECT email FROM ${t} ORDER BY id`);
    expect(rows.rows.map((r) => r.email)).toEqual(["taken@x"]);
  });

  it("serialises two concurrent batches", async () => {
    const t = newTable();
    await client.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, who TEXT)`);
    const other = createClient({ url: server.url });
    const batchOf = (c: Client, who: string) =>
      c.batch(
        [
          ...Array.from({ length: 20 }, () => ({ sql: `INSERT INTO ${t} (who) VALUES (?)`, args: [who] })),
          `SELECT count(*) AS n FROM ${t}`,
        ],
        "write",
      );
    try {
      const [a, b] = await Promise.all([batchOf(client, "a"), batchOf(other, "b")]);
      // each batch saw its own 20 rows plus either nothing or all of the other's
      const seen = [a.at(-1)!.rows[0]!.n, b.at(-1)!.rows[0]!.n].map(Number).sort((x, y) => x - y);
      expect(seen).toEqual([20, 40]);
      expect(await count(t)).toBe(40);
    } finally {
      other.close();
    }
  });

  it("executeMultiple runs a script, and migrate runs statements in one transaction", async () => {
    const t = newTable();
    await client.executeMultiple(`
      CREATE TABLE ${t} (id INTEGER PRIMARY KEY, v TEXT);
      INSERT INTO ${t} (v) VALUES ('one'); -- a comment
      INSERT INTO ${t} (v) VALUES ('two');
    `);
    expect(await count(t)).toBe(2);

    const m = `${t}_m`;
    const results = await client.migrate([
      { sql: `CREATE TABLE ${m} (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES ${t}(id))`, args: [] },
      { sql: `INSERT INTO ${m} (parent) VALUES (?)`, args: [1] },
    ]);
    expect(results[1]!.rowsAffected).toBe(1);
    const failed = await rejection(
      client.migrate([
        { sql: `INSERT INTO ${m} (parent) VALUES (2)`, args: [] },
        { sql: "THIS IS NOT SQL", args: [] },
      ]),
    );
    expect(failed.code).toBe("SQLITE_ERROR");
    expect(await count(m)).toBe(1);
  });
});

describe("interactive transactions", () => {
  it("commits across several HTTP requests on one stream", async () => {
    const t = newTable();
    await client.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, v TEXT)`);
    const tx = await client.transaction("write");
    await tx.execute({ sql: `INSERT INTO ${t} (v) VALUES (?)`, args: ["in tx"] });
    await tx.batch([{ sql: `INSERT INTO ${t} (v) VALUES (?)`, args: ["also in tx"] }]);
    expect(Number((await tx.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n)).toBe(2);

    // another stream reading now waits for the transaction and never sees it half-done
    const outside = count(t);
    await tx.commit();
    expect(await outside).toBe(2);
    expect(tx.closed).toBe(true);
  });

  it("rolls back, including after a failed statement", async () => {
    const t = newTable();
    await client.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, v TEXT UNIQUE)`);
    const tx = await client.transaction("write");
    await tx.execute(`INSERT INTO ${t} (v) VALUES ('x')`);
    const dup = await rejection(tx.execute(`INSERT INTO ${t} (v) VALUES ('x')`));
    expect(dup.code).toBe("SQLITE_CONSTRAINT");
    // the transaction is still open after a statement error, as in SQLite
    await tx.execute(`INSERT INTO ${t} (v) VALUES ('y')`);
    await tx.rollback();
    expect(await count(t)).toBe(0);
  });

  it("serialises concurrent read-modify-write transactions (no lost update)", async () => {
    const t = newTable();
    await client.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, n INTEGER)`);
    await client.execute(`INSERT INTO ${t} (id, n) VALUES (1, 0)`);
    const clients = [client, createClient({ url: server.url }), createClient({ url: server.url })];
    const increment = async (c: Client) => {
      const tx = await c.transaction("write");
      try {
        const n = Number((await tx.execute(`SELECT n FROM ${t} WHERE id = 1`)).rows[0]!.n);
        await new Promise((r) => setTimeout(r, 20));
        await tx.execute({ sql: `UPDATE ${t} SET n = ? WHERE id = 1`, args: [n + 1] });
        await tx.commit();
      } finally {
        tx.close();
      }
    };
    try {
      await Promise.all(clients.flatMap((c) => [increment(c), increment(c)]));
      expect(Number((await client.execute(`SELECT n FROM ${t}`)).rows[0]!.n)).toBe(6);
    } finally {
      clients.slice(1).forEach((c) => c.close());
    }
  });
});

describe("drizzle-orm over the web client", () => {
  const people = sqliteTable("drizzle_people", {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull().unique(),
    score: real("score"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    avatar: blob("avatar", { mode: "buffer" }),
  });

  it("inserts, selects and batches", async () => {
    const db = drizzle(client);
    await db.run(sql`CREATE TABLE drizzle_people (
      id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, score REAL,
      active INTEGER NOT NULL DEFAULT 1, avatar BLOB)`);

    const [ada] = await db
      .insert(people)
      .values({ email: "ada@x", score: 9.5, avatar: Buffer.from("png") })
      .returning();
    expect(ada).toMatchObject({ id: 1, email: "ada@x", score: 9.5, active: true });
    expect(Buffer.from(ada!.avatar!).toString()).toBe("png");

    const [inserted, updated, all] = await db.batch([
      db.insert(people).values({ email: "bob@x", active: false }),
      db.update(people).set({ score: 10 }).where(eq(people.email, "ada@x")),
      db.select({ email: people.email, score: people.score, active: people.active }).from(people).orderBy(people.id),
    ]);
    expect(inserted.rowsAffected).toBe(1);
    expect(updated.rowsAffected).toBe(1);
    expect(all).toEqual([
      { email: "ada@x", score: 10, active: true },
      { email: "bob@x", score: null, active: false },
    ]);

    // a failing drizzle batch leaves nothing behind
    const err = await rejection(
      db.batch([db.insert(people).values({ email: "cy@x" }), db.insert(people).values({ email: "ada@x" })]),
    );
    expect(err.code).toBe("SQLITE_CONSTRAINT");
    expect(await db.select().from(people).where(eq(people.email, "cy@x"))).toEqual([]);

    // and an interactive drizzle transaction
    await db
      .transaction(async (tx) => {
        await tx.insert(people).values({ email: "dee@x" });
        tx.rollback();
      })
      .catch(() => undefined);
    expect(await db.$count(people)).toBe(2);
  });
});

describe("the protocol underneath", () => {
  it("is reachable as libsql://host:port?tls=0 too (the web client turns that into http://)", async () => {
    const c = createClient({ url: `libsql://127.0.0.1:${server.port}?tls=0` });
    try {
      expect((await c.execute("SELECT 'via libsql:' AS s")).rows[0]!.s).toBe("via libsql:");
    } finally {
      c.close();
    }
  });

  it("answers version probes so clients pick JSON", async () => {
    expect((await fetch(`${server.url}/v2`)).status).toBe(200);
    expect((await fetch(`${server.url}/v3`)).status).toBe(200);
    expect((await fetch(`${server.url}/v3-protobuf`)).status).toBe(404);
  });

  it("speaks Hrana 3: batons, store_sql, get_autocommit, is_autocommit, describe", async () => {
    const t = newTable();
    const first = await pipeline({
      requests: [
        { type: "execute", stmt: { sql: `CREATE TABLE ${t} (id INTEGER PRIMARY KEY, v TEXT)` } },
        { type: "store_sql", sql_id: 1, sql: `INSERT INTO ${t} (v) VALUES (?)` },
        { type: "execute", stmt: { sql: "BEGIN" } },
        { type: "execute", stmt: { sql_id: 1, args: [{ type: "text", value: "a" }] } },
        { type: "get_autocommit" },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.json.results.map((r: any) => r.type)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    expect(first.json.results[3].response.result.last_insert_rowid).toBe("1");
    expect(first.json.results[4].response).toEqual({ type: "get_autocommit", is_autocommit: false });
    const baton = first.json.baton as string;
    expect(typeof baton).toBe("string");

    const second = await pipeline({
      baton,
      requests: [
        {
          type: "batch",
          batch: {
            steps: [
              {
                stmt: { sql_id: 1, args: [{ type: "text", value: "b" }] },
                condition: { type: "not", cond: { type: "is_autocommit" } },
              },
              {
                stmt: { sql: "COMMIT" },
                condition: {
                  type: "and",
                  conds: [
                    { type: "ok", step: 0 },
                    { type: "not", cond: { type: "error", step: 0 } },
                  ],
                },
              },
              { stmt: { sql: "ROLLBACK" }, condition: { type: "not", cond: { type: "ok", step: 1 } } },
              {
                stmt: { sql: `SELECT count(*) AS n FROM ${t}` },
                condition: { type: "or", conds: [{ type: "is_autocommit" }] },
              },
            ],
          },
        },
        { type: "describe", sql: `SELECT v AS value FROM ${t} WHERE id = :id AND v <> ?5` },
        { type: "describe", sql: `UPDATE ${t} SET v = 'x'` },
        { type: "close" },
      ],
    });
    expect(second.json.baton).toBeNull();
    const batch = second.json.results[0].response.result;
    expect(batch.step_errors).toEqual([null, null, null, null]);
    expect(batch.step_results[2]).toBeNull(); // ROLLBACK skipped
    expect(batch.step_results[3].rows).toEqual([[{ type: "integer", value: "2" }]]);
    const described = second.json.results[1].response.result;
    expect(described.params).toEqual([{ name: ":id" }, { name: null }, { name: null }, { name: null }, { name: "?5" }]);
    expect(described.cols).toEqual([{ name: "value", decltype: "TEXT" }]);
    expect(described).toMatchObject({ is_explain: false, is_readonly: true });
    expect(second.json.results[2].response.result.is_readonly).toBe(false);

    // a used baton is dead
    const again = await pipeline({ baton, requests: [{ type: "close" }] });
    expect(again.status).toBe(400);
    expect(again.json.code).toBe("BATON_INVALID");
  });

  it("keeps Hrana 3 features off the v2 endpoint, which is the one @libsql/client 0.18 uses", async () => {
    const r = await pipeline({ requests: [{ type: "get_autocommit" }, { type: "close" }] }, 2);
    expect(r.json.results[0]).toMatchObject({ type: "error", error: { code: "NOT_SUPPORTED" } });
    expect(r.json.results[1]).toEqual({ type: "ok", response: { type: "close" } });
  });

  it("streams a batch through the v3 cursor endpoint", async () => {
    const res = await fetch(`${server.url}/v3/cursor`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        batch: {
          steps: [
            { stmt: { sql: "SELECT 1 AS one UNION ALL SELECT 2" } },
            { stmt: { sql: "SELECT * FROM nowhere" } },
            { stmt: { sql: "SELECT 3" }, condition: { type: "ok", step: 1 } },
          ],
        },
      }),
    });
    const lines = (await res.text())
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(typeof lines[0].baton).toBe("string");
    expect(lines.slice(1).map((e) => e.type)).toEqual(["step_begin", "row", "row", "step_end", "step_error"]);
    expect(lines[2].row).toEqual([{ type: "integer", value: "1" }]);
    expect(lines[5]).toMatchObject({ step: 1, error: { code: "SQLITE_ERROR" } });
    await pipeline({ baton: lines[0].baton, requests: [{ type: "close" }] });
  });

  it("rejects malformed requests with an HTTP 400 and a Hrana error body", async () => {
    const r = await pipeline({ requests: [{ type: "execute", stmt: { sql: "SELECT ?", args: [{ value: 1 }] } }] });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe("HRANA_PROTO_ERROR");
  });
});

describe("stream lifetime and auth", () => {
  it("expires an idle stream, rolls back its transaction and frees the database", async () => {
    const s = await startHranaServer({ dbPath: join(dir, "expiry.db"), streamIdleMs: 200 });
    const c = createClient({ url: s.url });
    try {
      await c.execute("CREATE TABLE t (v TEXT)");
      const tx = await c.transaction("write");
      await tx.execute("INSERT INTO t VALUES ('abandoned')");
      // the abandoned transaction holds the lock until it expires; this waits, then proceeds
      expect(await count("t", c)).toBe(0);
      const err = await rejection(tx.execute("SELECT 1"));
      expect(err.code).toBe("STREAM_EXPIRED");
    } finally {
      c.close();
      await s.close();
    }
  });

  it("gives up with SQLITE_BUSY when a transaction holds the database too long", async () => {
    const s = await startHranaServer({ dbPath: join(dir, "busy.db"), lockTimeoutMs: 100 });
    const c = createClient({ url: s.url });
    try {
      const tx = await c.transaction("write");
      await tx.execute("CREATE TABLE t (v TEXT)");
      expect((await rejection(c.execute("SELECT 1"))).code).toBe("SQLITE_BUSY");
      await tx.commit();
      expect((await c.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(0);
    } finally {
      c.close();
      await s.close();
    }
  });

  it("checks the bearer token when one is configured", async () => {
    const s = await startHranaServer({ dbPath: join(dir, "auth.db"), authToken: "s3cret" });
    const good = createClient({ url: s.url, authToken: "s3cret" });
    const bad = createClient({ url: s.url, authToken: "nope" });
    try {
      expect((await good.execute("SELECT 1 AS one")).rows[0]!.one).toBe(1);
      expect((await rejection(bad.execute("SELECT 1"))).code).toBe("UNAUTHORIZED");
    } finally {
      good.close();
      bad.close();
      await s.close();
    }
  });
});
