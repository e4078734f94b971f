import { createClient, LibsqlBatchError, LibsqlError, type Client } from "@libsql/client";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createFileClient, type FileClient } from "../../src/db/file-client";

const PRAGMAS = [
  "PRAGMA journal_mode=WAL",
  "PRAGMA synchronous=NORMAL",
  "PRAGMA busy_timeout=5000",
  "PRAGMA foreign_keys=ON",
];

let dir: string;
let path: string;
let client: FileClient;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-file-client-"));
  path = join(dir, "t.db");
  client = createFileClient(path, { pragmas: PRAGMAS });
  await client.executeMultiple(`
    CREATE TABLE events (id TEXT PRIMARY KEY, at INTEGER NOT NULL);
    CREATE TABLE records (id TEXT PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events(id), text TEXT NOT NULL, n INTEGER, score REAL, raw BLOB);
  `);
});
afterEach(async () => {
  client.close();
  await rm(dir, { recursive: true, force: true });
});

/** One webhook request's write: its dedupe marker first, then its record (as src/bot/bot.ts commits). */
const request = (i: number, eventId = `ev-${i}`) => [
  { sql: "INSERT INTO events (id, at) VALUES (?, ?)", args: [eventId, 1764547200000 + i] },
  {
    sql: "INSERT INTO records (id, event_id, text, n) VALUES (?, ?, ?, ?)",
    args: [`rec-${i}`, eventId, `日报 第${i}条`, i],
  },
];

const count = async (c: Client, table: string) =>
  Number((await c.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

describe("group commit on a libSQL file", () => {
  test("concurrent batches commit together, fewer transactions than callers, and each sees its own results", async () => {
    const before = client.commitStats();
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => client.batch(request(i))));
    const after = client.commitStats();
    expect(after.batches - before.batches).toBe(60);
    // They were issued in the same turn of the event loop: one group (a ratio, not a timing).
    expect(after.transactions - before.transactions).toBeLessThan(60 / 10);
    for (const r of results) {
      expect(r).toHaveLength(2);
      expect(r[1]!.rowsAffected).toBe(1);
    }
    expect(await count(client, "records")).toBe(60);
  });

  test("a failing batch is rolled back alone with its own error; the others in its group commit", async () => {
    await client.batch(request(0, "ev-dup"));
    const settled = await Promise.allSettled([
      client.batch(request(1)),
      client.batch(request(2, "ev-dup")), // a redelivery: its dedupe marker collides
      client.batch([
        ...request(3),
        { sql: "INSERT INTO records (id, event_id, text) VALUES (?, ?, ?)", args: ["rec-x", "no-such-event", "孤儿"] },
      ]),
      client.batch(request(4)),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    const dup = (settled[1] as PromiseRejectedResult).reason;
    expect(dup).toBeInstanceOf(LibsqlBatchError);
    expect(dup.statementIndex).toBe(0);
    expect(dup.code).toBe("SQLITE_CONSTRAINT");
    expect(String(dup.message)).toMatch(/UNIQUE constraint failed: events\.id/);
    const orphan = (settled[2] as PromiseRejectedResult).reason;
    expect(orphan.statementIndex).toBe(2);
    expect(String(orphan.message)).toMatch(/FOREIGN KEY constraint failed/);
    // Batch 3's first two statements succeeded before its third failed: they are undone too.
    const ids = (await client.execute("SELECT id FROM records ORDER BY id")).rows.map((r) => r.id);
    expect(ids).toEqual(["rec-0", "rec-1", "rec-4"]);
    expect((await client.execute("SELECT id FROM events ORDER BY id")).rows.map((r) => r.id)).toEqual([
      "ev-1",
      "ev-4",
      "ev-dup",
    ]);
  });

  test("a batch is answered only once committed: another connection sees it when its promise resolves", async () => {
    const other = createClient({ url: `file:${path}` });
    try {
      const seen = await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          await client.batch(request(i));
          const rows = await other.execute({ sql: "SELECT text FROM records WHERE id = ?", args: [`rec-${i}`] });
          return rows.rows[0]?.text;
        }),
      );
      expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `日报 第${i}条`));
    } finally {
      other.close();
    }
  });

  test("nothing acknowledged is lost when the process is killed mid-stream (SIGKILL)", async () => {
    const crashPath = join(dir, "crash.db");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", new URL("./commit-child.ts", import.meta.url).pathname, crashPath],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const acked: string[] = [];
    await new Promise<void>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`child exited early (${code})`)));
      createInterface({ input: child.stdout! }).on("line", (line) => {
        if (line === "ready") return;
        acked.push(line);
        if (acked.length === 400) {
          child.removeAllListeners("exit");
          child.kill("SIGKILL");
          child.once("exit", () => resolve());
        }
      });
    });
    const after = createClient({ url: `file:${crashPath}` });
    try {
      const stored = new Set(
        (await after.execute("SELECT id, body FROM acks")).rows.map((r) => `${r.id}|${String(r.body).endsWith("!")}`),
      );
      const missing = acked.filter((id) => !stored.has(`${id}|true`));
      expect(missing).toEqual([]);
    } finally {
      after.close();
    }
  });

  test("reads and single statements wait for nothing and see committed data; an interactive transaction holds the group back", async () => {
    const tx = await client.transaction("write");
    await tx.execute({ sql: "INSERT INTO events (id, at) VALUES (?, ?)", args: ["ev-tx", 1] });
    const queued = client.batch(request(1));
    // The one connection belongs to the transaction, as with @libsql/client's file client.
    await expect(client.execute("SELECT 1")).rejects.toMatchObject({ code: "TRANSACTION_ACTIVE" });
    await new Promise((r) => setTimeout(r, 20));
    await tx.commit();
    await queued;
    expect(await count(client, "events")).toBe(2);
  });
});

describe("the file client gives what @libsql/client gives", () => {
  test("rows, values, counts and errors match for the same statements on the same file", async () => {
    await client.batch([
      { sql: "INSERT INTO events (id, at) VALUES (?, ?)", args: ["ev-1", 1764547200123] },
      {
        sql: "INSERT INTO records (id, event_id, text, n, score, raw) VALUES (:id, :ev, :text, :n, :score, :raw)",
        args: { id: "rec-1", ev: "ev-1", text: "张三", n: 42, score: 3.25, raw: new Uint8Array([1, 2, 3]).buffer },
      },
      {
        sql: "INSERT INTO records (id, event_id, text, n, score) VALUES (?, ?, ?, ?, ?)",
        args: ["rec-2", "ev-1", "李四", null, true],
      },
    ]);
    const reference = createClient({ url: `file:${path}` });
    try {
      for (const sql of [
        "SELECT * FROM records ORDER BY id",
        "SELECT r.id, e.at, r.n * 2 AS twice, r.id FROM records r JOIN events e ON e.id = r.event_id",
        "SELECT count(*) AS n, sum(score) FROM records",
      ]) {
        const ours = await client.execute(sql);
        const theirs = await reference.execute(sql);
        expect(ours.columns).toEqual(theirs.columns);
        expect(ours.columnTypes).toEqual(theirs.columnTypes);
        expect(ours.rows.map((r) => Array.from(r))).toEqual(theirs.rows.map((r) => Array.from(r)));
        expect(ours.rows.map((r) => ({ ...r }))).toEqual(theirs.rows.map((r) => ({ ...r })));
        expect(ours.toJSON()).toEqual(theirs.toJSON());
        expect(ours.rows.map((r) => [Object.keys(r), r.length, JSON.stringify(r)])).toEqual(
          theirs.rows.map((r) => [Object.keys(r), r.length, JSON.stringify(r)]),
        );
      }
      const upd = "UPDATE records SET n = coalesce(n, 0) + 1";
      expect((await client.execute(upd)).rowsAffected).toBe((await reference.execute(upd)).rowsAffected);
      const bad = { sql: "INSERT INTO events (id, at) VALUES (?, ?)", args: ["ev-1", 2] };
      const ourError = await client.execute(bad).catch((e: unknown) => e);
      const theirError = await reference.execute(bad).catch((e: unknown) => e);
      expect(ourError).toBeInstanceOf(LibsqlError);
      expect({
        message: (ourError as LibsqlError).message,
        code: (ourError as LibsqlError).code,
        ext: (ourError as LibsqlError).extendedCode,
      }).toEqual({
        message: (theirError as LibsqlError).message,
        code: (theirError as LibsqlError).code,
        ext: (theirError as LibsqlError).extendedCode,
      });
      await expect(client.execute({ sql: "SELECT ?", args: [Number.NaN] })).rejects.toThrow(RangeError);
    } finally {
      reference.close();
    }
  });

  test("a cached statement is prepared again after the schema changes", async () => {
    await client.batch(request(1));
    expect((await client.execute("SELECT * FROM events")).columns).toEqual(["id", "at"]);
    await client.execute("ALTER TABLE events ADD COLUMN kind TEXT");
    expect((await client.execute("SELECT * FROM events")).columns).toEqual(["id", "at", "kind"]);
  });
});
