import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client/web";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql/web";
import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { constraintFailure } from "../../src/db/constraint";
import { memberIdFor, groupIdFor } from "../../src/db/ids";
import { members, processedEvents } from "../../src/db/schema";
import { openTestDatabase } from "../support/db";
import { startHranaServer, type HranaServer } from "../support/hrana/server";
import { larkChatId, larkEventId, larkOpenId } from "../support/ids";

/**
 * Which constraint a failed batch broke comes from the driver's error code, never its message:
 * on the Node file client (src/db/file-client.ts) and on the Hrana HTTP client Workers use.
 */
const NOW = new Date("2026-12-02T03:00:00Z");
const GROUP = groupIdFor("lark", larkChatId("nowhere"));

/** The error a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.unreachable("the batch should fail"),
    (e: unknown) => e,
  );
}

describe("the Node file client", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.dispose());

  test("a second dedupe marker breaks a unique key, at the batch's first statement", async () => {
    const { db } = database;
    const marker = () =>
      db.insert(processedEvents).values({ eventId: larkEventId("twice"), kind: "message", receivedAt: NOW });
    await db.batch([marker()]);
    const e = await failure(db.batch([marker(), db.run(sql`select 1`)] as never));
    expect(constraintFailure(e)).toEqual({ kind: "unique", statementIndex: 0 });
  });

  test("a member of a group that does not exist breaks a foreign key, at its own statement", async () => {
    const { db } = database;
    const e = await failure(
      db.batch([
        db.insert(processedEvents).values({ eventId: larkEventId("fk"), kind: "message", receivedAt: NOW }),
        db.insert(members).values({
          id: memberIdFor(GROUP, larkOpenId("nobody")),
          groupId: GROUP,
          userId: larkOpenId("nobody"),
          name: "无名",
          createdAt: NOW,
        }),
      ]),
    );
    expect(constraintFailure(e)).toEqual({ kind: "foreign-key", statementIndex: 1 });
  });

  test("outside a batch drizzle wraps the driver's error: the code is read from its cause", async () => {
    const { db } = database;
    const e = await failure(
      db
        .insert(processedEvents)
        .values({ eventId: larkEventId("twice"), kind: "message", receivedAt: NOW })
        .run(),
    );
    expect(e).not.toHaveProperty("code");
    expect(constraintFailure(e)).toEqual({ kind: "unique" });
  });

  test("an error that is no constraint is not one, even when its message says 'constraint'", async () => {
    const e = await failure(database.db.run(sql`select * from "UNIQUE constraint failed"`));
    expect(String((e as Error).cause)).toContain("no such table");
    expect(constraintFailure(e)).toBeNull();
    expect(constraintFailure(new Error("UNIQUE constraint failed: processed_events.event_id"))).toBeNull();
  });
});

describe("the Hrana (HTTP) client, as on Workers", () => {
  const events = sqliteTable("events", { id: text("id").primaryKey() });
  let dir: string;
  let server: HranaServer;
  let client: Client;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "constraint-hrana-"));
    server = await startHranaServer({ dbPath: join(dir, "main.db") });
    client = createClient({ url: server.url });
    await client.execute("CREATE TABLE events (id TEXT PRIMARY KEY)");
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("gives only the base code (sqld sends no extended one): a constraint, of unspecified kind, at its statement", async () => {
    const db = drizzle(client);
    await db.batch([db.insert(events).values({ id: larkEventId("once") })]);
    const e = await failure(
      db.batch([
        db.insert(events).values({ id: larkEventId("other") }),
        db.insert(events).values({ id: larkEventId("once") }),
      ]),
    );
    expect(constraintFailure(e)).toEqual({ kind: "unspecified", statementIndex: 1 });
    expect(constraintFailure(await failure(client.execute("SELECT * FROM missing")))).toBeNull();
  });
});
