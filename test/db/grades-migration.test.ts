/**
 * Migration 0017 (等次确认 and 整改) on a database built by the migrations before it: every row kept, the
 * three new tables empty and usable against the people and schemes already there.
 */
import { eq, sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/libsql/migrator";
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openNodeDatabase, type NodeDatabase } from "../../src/db/client-node";
import { groupIdFor, memberIdFor } from "../../src/db/ids";
import { applyMigrations, MIGRATIONS_FOLDER } from "../../src/db/migrate";
import * as s from "../../src/db/schema";
import { parseScheme } from "../../src/domain/scheme";
import { larkChatId, larkOpenId, larkTenantKey } from "../support/ids";

const CHAT = larkChatId("grades-migration");
const GROUP = groupIdFor("lark", CHAT);
const WANG = memberIdFor(GROUP, larkOpenId("wang"));
const LEADER = larkOpenId("leader");
const NEW_TABLES = ["follow_ups", "grade_confirmations", "grade_overrides"];

let dir: string;
let db: NodeDatabase;

/** migrations/ as it was before 0017: the files the journal lists up to 0012, and the journal cut there. */
async function previousMigrations(): Promise<string> {
  const folder = join(dir, "migrations-0012");
  await mkdir(join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 12);
  const tags = new Set(journal.entries.map((e: { tag: string }) => `${e.tag}.sql`));
  for (const f of await readdir(MIGRATIONS_FOLDER))
    if (tags.has(f)) await copyFile(join(MIGRATIONS_FOLDER, f), join(folder, f));
  await writeFile(join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  return folder;
}

const tables = async () =>
  (
    await db.db.all<{ name: string }>(
      sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`,
    )
  ).map((r) => r.name);
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await tables())
    out[t] = (await db.db.all<{ n: number }>(sql.raw(`select count(*) as n from "${t}"`)))[0]!.n;
  return out;
}

let before: Record<string, number>;
const at = new Date("2026-12-01T01:00:00Z");
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-0017-"));
  db = await openNodeDatabase(`file:${join(dir, "old.db")}`);
  await migrate(db.db, { migrationsFolder: await previousMigrations() });
  expect((await tables()).filter((t) => NEW_TABLES.includes(t))).toEqual([]);
  // Written as plain SQL with the columns those tables had at 0012: later migrations may add more.
  const tenant = larkTenantKey("grades-migration");
  await db.db.run(sql`insert into groups (id, platform, tenant_key, chat_id, name, timezone)
    values (${GROUP}, 'lark', ${tenant}, ${CHAT}, '综合办公室', 'Asia/Shanghai')`);
  await db.db.run(sql`insert into members (id, group_id, user_id, name, role)
    values (${WANG}, ${GROUP}, ${larkOpenId("wang")}, '王五', 'staff'),
           (${memberIdFor(GROUP, LEADER)}, ${GROUP}, ${LEADER}, '李主任', 'leader')`);
  const json = JSON.stringify({ name: "旧方案", dimensions: [{ key: "work", name: "工作", weight: 100 }] });
  await db.db.run(sql`insert into schemes (id, group_id, version, name, json, source, created_by)
    values ('sch_0017', ${GROUP}, 1, '旧方案', ${json}, 'import', ${LEADER})`);
  await db.db.run(sql`insert into publications (id, group_id, period, window_ends, published_at)
    values ('pub_0017', ${GROUP}, '2026-Q3', '2026-10-12', ${at.getTime()})`);
  before = await counts();
  await applyMigrations(db.db);
});
afterAll(async () => {
  db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("migration 0017: grade confirmations, overrides and follow-up items", () => {
  test("keeps every row and adds the three tables, empty", async () => {
    const after = await counts();
    for (const [table, n] of Object.entries(before)) expect(after[table], table).toBe(n);
    expect(NEW_TABLES.map((t) => after[t])).toEqual([0, 0, 0]);
  });

  test("the new tables take rows about the people already there; a stored scheme reads as before", async () => {
    await db.db.insert(s.gradeConfirmations).values({ groupId: GROUP, period: "2026-Q4", requestedAt: at });
    const [confirmation] = await db.db.select().from(s.gradeConfirmations);
    expect([confirmation!.status, confirmation!.computed]).toEqual(["pending", []]);
    await db.db.insert(s.followUps).values({
      id: "fup_0017",
      groupId: GROUP,
      no: 1,
      memberId: WANG,
      period: "2026-Q3",
      problem: "日报缺报5次",
      measure: "每日17:30前提交",
      owner: "王五",
      due: "2026-12-31",
      createdBy: LEADER,
      createdAt: at,
    });
    const [item] = await db.db.select().from(s.followUps).where(eq(s.followUps.memberId, WANG));
    expect(item!.status).toBe("open");
    // The number is unique within the group.
    await expect(db.db.insert(s.followUps).values({ ...item!, id: "fup_0017b" })).rejects.toThrow();
    const [scheme] = await db.db.select().from(s.schemes);
    const parsed = parseScheme(scheme!.json);
    expect(parsed.ok && [parsed.scheme.confirmGrades, parsed.scheme.gradeFloor]).toEqual([undefined, undefined]);
    expect((await db.db.all<{ n: number }>(sql`select count(*) as n from pragma_foreign_key_check`))[0]!.n).toBe(0);
  });
});
