import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { deliveredApprovalCards } from "../../src/app/claims";
import { openNodeDatabase, type NodeDatabase } from "../../src/db/client-node";
import { applyMigrations, MIGRATIONS_FOLDER } from "../../src/db/migrate";
import { outbox } from "../../src/db/schema";
import { larkChatId, larkEventId, larkMessageId, larkOpenId, wechatContactId } from "../support/ids";

/**
 * 0013 gives outbox rows what they are about (subject_kind, subject_id) instead of a key prefix
 * to match. A database built at 0012, with rows queued the old way, upgrades with every row kept
 * and the approval copies and welcome cards marked — and nothing else.
 */
const CLAIM = "clm_00mik2v9k3f9a1b2c3d4e5f6a7b8";
const OTHER_CLAIM = "clm_00mik2v9k3f9a1b2c3d4e5f6a7b9";
const LEADER = larkOpenId("leader");
const LEADER_ON_WECHAT = wechatContactId("leader");
const CLAIMANT = larkOpenId("claimant");
const CHAT = larkChatId("office");
const EVENT = larkEventId("bot-added");

let dir: string;
let database: NodeDatabase;

/** migrations/ as it was at 0012: the files, and a journal cut after entry 12. */
async function migrationsAt0012(): Promise<string> {
  const folder = join(dir, "migrations-0012");
  await mkdir(join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 12);
  const kept = new Set(journal.entries.map((e: { tag: string }) => `${e.tag}.sql`));
  for (const f of await readdir(MIGRATIONS_FOLDER))
    if (kept.has(f)) await copyFile(join(MIGRATIONS_FOLDER, f), join(folder, f));
  await writeFile(join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  return folder;
}

/** Rows as 0012's code queued them (the columns of 0012 only), and one sent approval copy. */
const OLD_ROWS: [key: string, type: string, to: string, status: string, sentMessageId: string | null][] = [
  [`claim:${CLAIM}:${LEADER}`, "open_id", LEADER, "sent", larkMessageId("approval")],
  [`claim:${CLAIM}:${LEADER_ON_WECHAT}`, "open_id", LEADER_ON_WECHAT, "pending", null],
  [`claim:${CLAIM}:${LEADER}:decided`, "update", larkMessageId("approval"), "pending", null],
  [`claim:${CLAIM}:notice`, "open_id", CLAIMANT, "pending", null],
  [`claim:${OTHER_CLAIM}:${LEADER}`, "open_id", LEADER, "pending", null],
  [`welcome:${CHAT}:${EVENT}`, "chat_id", CHAT, "sent", larkMessageId("welcome")],
  [`welcome:${CHAT}:${EVENT}:members:1796182697291`, "update", larkMessageId("welcome"), "pending", null],
  [`report:2026-Q3:v1:${CHAT}`, "chat_id", CHAT, "pending", null],
  [`m:${larkMessageId("said")}:0`, "reply", larkMessageId("said"), "sent", larkMessageId("reply")],
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "outbox-subject-"));
  database = await openNodeDatabase(`file:${join(dir, "old.db")}`);
  await migrate(database.db, { migrationsFolder: await migrationsAt0012() });
  for (const [i, [key, type, to, status, sent]] of OLD_ROWS.entries()) {
    await database.db.run(sql`INSERT INTO outbox (key, channel, receive_id_type, receive_id, msg_type, content, status,
      next_attempt_at, sent_message_id, created_at) VALUES (${key}, ${key.includes(LEADER_ON_WECHAT) ? "wechat" : "lark"},
      ${type}, ${to}, 'interactive', '{}', ${status}, ${1796182697291 + i}, ${sent}, ${1796182697291 + i})`);
  }
});
afterAll(async () => {
  database?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("0013_outbox_subject on a database built at 0012", () => {
  test("keeps every row and marks only the approval copies and the welcome card with its updates", async () => {
    await applyMigrations(database.db);
    const rows = await database.db
      .select({ key: outbox.key, kind: outbox.subjectKind, id: outbox.subjectId, status: outbox.status })
      .from(outbox)
      .orderBy(asc(outbox.id));
    expect(rows).toEqual([
      { key: `claim:${CLAIM}:${LEADER}`, kind: "approval", id: CLAIM, status: "sent" },
      { key: `claim:${CLAIM}:${LEADER_ON_WECHAT}`, kind: "approval", id: CLAIM, status: "pending" },
      { key: `claim:${CLAIM}:${LEADER}:decided`, kind: null, id: null, status: "pending" },
      { key: `claim:${CLAIM}:notice`, kind: null, id: null, status: "pending" },
      { key: `claim:${OTHER_CLAIM}:${LEADER}`, kind: "approval", id: OTHER_CLAIM, status: "pending" },
      { key: `welcome:${CHAT}:${EVENT}`, kind: "welcome", id: CHAT, status: "sent" },
      { key: `welcome:${CHAT}:${EVENT}:members:1796182697291`, kind: "welcome", id: CHAT, status: "pending" },
      { key: `report:2026-Q3:v1:${CHAT}`, kind: null, id: null, status: "pending" },
      { key: `m:${larkMessageId("said")}:0`, kind: null, id: null, status: "sent" },
    ]);
  });

  test("a claim's approval copies queued before the upgrade are found by the claim, not the notice or updates", async () => {
    expect(await deliveredApprovalCards(database.db, CLAIM)).toEqual([
      { key: `claim:${CLAIM}:${LEADER}`, messageId: larkMessageId("approval"), status: "sent", channel: "lark" },
      { key: `claim:${CLAIM}:${LEADER_ON_WECHAT}`, messageId: "", status: "pending", channel: "wechat" },
    ]);
  });
});
