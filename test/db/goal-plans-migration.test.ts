/**
 * Migration 0019 (targets that score) on a database built by the migrations before it: every target kept as it
 * was, a plan to reach (at_least) with no deadline, standard or plan, so nothing scores an indicator until an office
 * approves a plan; and its triggers make a kept month stale when a target or work tagged 「#目标N」 changes.
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

/** migrations/ as it was before 0019: the files the journal lists up to 0018, and the journal cut there. */
async function previousMigrations(): Promise<string> {
  const folder = join(dir, "migrations-0018");
  await mkdir(join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 18);
  const tags = new Set(journal.entries.map((e: { tag: string }) => `${e.tag}.sql`));
  for (const f of await readdir(MIGRATIONS_FOLDER))
    if (tags.has(f)) await copyFile(join(MIGRATIONS_FOLDER, f), join(folder, f));
  await writeFile(join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  return folder;
}

test("0019 on a database at 0018: targets kept, at_least, no plan; tagged work and targets stale kept months", async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-0019-"));
  const database = await openNodeDatabase(`file:${join(dir, "old.db")}`);
  const { db } = database;
  try {
    await migrate(db, { migrationsFolder: await previousMigrations() });
    const chat = larkChatId("goals-0019");
    const group = groupIdFor("lark", chat);
    const zhang = larkOpenId("g19_zhang");
    const member = memberIdFor(group, zhang);
    await db.run(
      sql`insert into groups (id, platform, tenant_key, chat_id, name, timezone)
        values (${group}, 'lark', '2ed263bf32cf1651', ${chat}, '综合办公室', 'Asia/Shanghai')`,
    );
    await db.run(
      sql`insert into members (id, group_id, user_id, name, role, active) values (${member}, ${group}, ${zhang}, '张三', 'staff', 1)`,
    );
    await db.run(
      sql`insert into goals (id, group_id, seq, period, member_id, dimension, title, planned, unit, by_user_id)
        values ('gol_0019_a', ${group}, 1, '2026-Q4', ${member}, 'business', '完成12个项目', 12, '个项目', ${zhang})`,
    );
    const columns = "id, group_id, seq, period, member_id, dimension, title, planned, unit, by_user_id, created_at";
    const kept = await db.all(sql.raw(`select ${columns} from goals`));

    await applyMigrations(db);

    expect(await db.all(sql.raw(`select ${columns} from goals`))).toEqual(kept);
    expect(await db.all(sql`select direction, deadline, standard, plan_id from goals`)).toEqual([
      { direction: "at_least", deadline: null, standard: null, plan_id: null },
    ]);
    expect(await db.all(sql`select count(*) as n from goal_plans`)).toEqual([{ n: 0 }]);

    const groupWide = async () =>
      (
        await db.all<{ version: number }>(
          sql`select version from month_results where group_id = ${group} and period = ''`,
        )
      )[0]?.version ?? 0;
    const start = await groupWide();
    // An untagged record touches its own month only; a tagged one (a quarter's target counts earlier months) all.
    await db.run(
      sql`insert into records (id, group_id, member_id, date, text) values ('rec_0019_a', ${group}, ${member}, '2026-10-09', '整理档案')`,
    );
    expect(await groupWide()).toBe(start);
    await db.run(
      sql`insert into records (id, group_id, member_id, date, text) values ('rec_0019_b', ${group}, ${member}, '2026-10-09', '验收 #目标1 +2')`,
    );
    expect(await groupWide()).toBe(start + 1);
    await db.run(sql`update goals set plan_id = 'gpl_0019' where id = 'gol_0019_a'`);
    expect(await groupWide()).toBe(start + 2);
  } finally {
    database.close();
  }
});
