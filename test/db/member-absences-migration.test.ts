/**
 * Migration 0022 (member_absences: the time someone was away from a group they came back to) on a database
 * built by the migrations before it: every group, member and kept month as it was, the new table empty,
 * and a span written for a member invalidates the group's kept months like a member change does.
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

/** migrations/ as it was before 0022: the files the journal lists before it, and the journal cut there. */
async function previousMigrations(): Promise<string> {
  const folder = join(dir, "migrations-before-0022");
  await mkdir(join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < "0022");
  const tags = new Set(journal.entries.map((e: { tag: string }) => `${e.tag}.sql`));
  for (const f of await readdir(MIGRATIONS_FOLDER))
    if (tags.has(f)) await copyFile(join(MIGRATIONS_FOLDER, f), join(folder, f));
  await writeFile(join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  return folder;
}

test("0022 on a database at the migration before it: data kept, no spans away, a span bumps the group", async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-0022-"));
  const database = await openNodeDatabase(`file:${join(dir, "old.db")}`);
  const { db } = database;
  try {
    await migrate(db, { migrationsFolder: await previousMigrations() });
    const group = groupIdFor("lark", larkChatId("stays-0022"));
    const zhang = larkOpenId("u22_zhang");
    const member = memberIdFor(group, zhang);
    await db.run(
      sql`insert into groups (id, platform, tenant_key, chat_id, name, timezone)
        values (${group}, 'lark', '2ed263bf32cf1651', ${larkChatId("stays-0022")}, '综合办公室', 'Asia/Shanghai')`,
    );
    await db.run(
      sql`insert into members (id, group_id, user_id, name, role, active, left_on)
        values (${member}, ${group}, ${zhang}, '张三', 'staff', 0, '2026-11-02')`,
    );
    await db.run(
      sql`insert into month_results (group_id, period, version, stamp, result)
        values (${group}, '2026-12', 1, 'kept', '{}')`,
    );
    const tables = ["groups", "members", "month_results"];
    const before = Object.fromEntries(
      await Promise.all(tables.map(async (t) => [t, await db.all(sql.raw(`select * from ${t} order by rowid`))])),
    );

    await applyMigrations(db);

    for (const t of tables) expect(await db.all(sql.raw(`select * from ${t} order by rowid`)), t).toEqual(before[t]);
    expect(await db.all(sql`select * from member_absences`)).toEqual([]);

    const wide = async () =>
      (
        await db.all<{ version: number }>(
          sql`select version from month_results where group_id = ${group} and period = ''`,
        )
      )[0]?.version ?? 0;
    const was = await wide();
    await db.run(
      sql`insert into member_absences (id, member_id, from_day, until_day)
        values ('abs_0022', ${member}, '2026-11-02', '2027-02-09')`,
    );
    expect(await wide()).toBe(was + 1);
    // A span for no member is refused by the foreign key, and bumps nothing.
    await expect(
      db.run(
        sql`insert into member_absences (id, member_id, from_day, until_day)
          values ('abs_none', 'mem_none', '2026-11-02', '2027-02-09')`,
      ),
    ).rejects.toThrow();
    expect(await wide()).toBe(was + 1);
  } finally {
    database.close();
  }
});
