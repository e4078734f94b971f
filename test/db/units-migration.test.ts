/**
 * Migration 0020 (units appraised under their own scheme, two-level pay) on a database built by the migrations
 * before it: every group, member, rating and 部门绩效 kept as it was, the three new tables empty, and the month
 * cache's counters bumped by a unit rating and a unit scheme version once the triggers exist.
 */
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/libsql/migrator";
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { openNodeDatabase } from "../../src/db/client-node";
import { groupIdFor, memberIdFor } from "../../src/db/ids";
import { applyMigrations, MIGRATIONS_FOLDER } from "../../src/db/migrate";
import { larkChatId, larkOpenId } from "../support/ids";

let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));

/** migrations/ as it was before 0020: the files the journal lists before it, and the journal cut there. */
async function previousMigrations(): Promise<string> {
  const folder = join(dir, "migrations-before-0020");
  await mkdir(join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < "0020");
  const tags = new Set(journal.entries.map((e: { tag: string }) => `${e.tag}.sql`));
  for (const f of await readdir(MIGRATIONS_FOLDER))
    if (tags.has(f)) await copyFile(join(MIGRATIONS_FOLDER, f), join(folder, f));
  await writeFile(join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  return folder;
}

test("0020 on a database at the migration before it: data kept, unit tables empty, unit writes bump the month", async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-0020-"));
  const database = await openNodeDatabase(`file:${join(dir, "old.db")}`);
  const { db } = database;
  try {
    await migrate(db, { migrationsFolder: await previousMigrations() });
    const group = groupIdFor("lark", larkChatId("units-0020"));
    const zhang = larkOpenId("u20_zhang");
    const member = memberIdFor(group, zhang);
    await db.run(
      sql`insert into groups (id, platform, tenant_key, chat_id, name, timezone)
        values (${group}, 'lark', '2ed263bf32cf1651', ${larkChatId("units-0020")}, '乙村', 'Asia/Shanghai')`,
    );
    await db.run(
      sql`insert into members (id, group_id, user_id, name, role, active)
        values (${member}, ${group}, ${zhang}, '郑会计', 'staff', 1)`,
    );
    await db.run(
      sql`insert into ratings (id, group_id, period, member_id, dimension, rater_group, rater_user_id, score)
        values ('rat_0020', ${group}, '2026-11', ${member}, 'work', 'leader', ${larkOpenId("u20_lead")}, 92)`,
    );
    await db.run(
      sql`insert into department_scores (group_id, period, score, by_user_id)
        values (${group}, '2026-11', 88, ${larkOpenId("u20_lead")})`,
    );
    const tables = ["groups", "members", "ratings", "department_scores", "month_results"];
    const before = Object.fromEntries(
      await Promise.all(tables.map(async (t) => [t, await db.all(sql.raw(`select * from ${t} order by rowid`))])),
    );

    await applyMigrations(db);

    for (const t of tables) expect(await db.all(sql.raw(`select * from ${t} order by rowid`)), t).toEqual(before[t]);
    for (const t of ["unit_schemes", "unit_ratings", "unit_pools"])
      expect(await db.all(sql.raw(`select * from ${t}`)), t).toEqual([]);

    const version = async (period: string) =>
      (
        await db.all<{ version: number }>(
          sql`select version from month_results where group_id = ${group} and period = ${period}`,
        )
      )[0]?.version ?? 0;
    const [month, wide] = [await version("2026-11"), await version("")];
    await db.run(
      sql`insert into unit_schemes (id, group_id, version, name, json, created_by)
        values ('usc_0020', ${group}, 1, '镇对村考核', '{}', ${larkOpenId("u20_lead")})`,
    );
    await db.run(
      sql`insert into unit_ratings (id, group_id, period, dimension, rater_user_id, score)
        values ('urt_0020', ${group}, '2026-11', 'economy', ${larkOpenId("u20_lead")}, 90)`,
    );
    expect(await version("2026-11")).toBe(month + 1);
    expect(await version("")).toBe(wide + 1);
  } finally {
    database.close();
  }
});
