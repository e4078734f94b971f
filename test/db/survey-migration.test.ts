/**
 * Migration 0016 (surveys) on a database built at the migration before it: every row already there
 * is kept as it was, and the new tables work at once.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterEach, expect, test } from "vitest";
import { openNodeDatabase } from "../../src/db/client-node";
import { groupIdFor, memberIdFor } from "../../src/db/ids";
import { applyMigrations, MIGRATIONS_FOLDER } from "../../src/db/migrate";
import { larkChatId, larkOpenId } from "../support/ids";

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

test("a database at the previous migration upgrades with nothing lost", async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-0016-"));
  // The migrations folder as it was before 0016: the same files, the journal up to the entry before it.
  const before = join(dir, "migrations");
  await cp(MIGRATIONS_FOLDER, before, { recursive: true });
  const journalPath = join(before, "meta", "_journal.json");
  const journal = JSON.parse(await readFile(journalPath, "utf8")) as { entries: { tag: string }[] };
  expect(journal.entries.map((e) => e.tag)).toContain("0016_surveys");
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === "0016_surveys"),
  );
  await writeFile(journalPath, JSON.stringify(journal));

  const database = await openNodeDatabase(`file:${join(dir, "old.db")}`);
  const { db } = database;
  try {
    await migrate(db, { migrationsFolder: before });
    const tables = async () =>
      (await db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' order by name`)).map(
        (r) => r.name,
      );
    expect(await tables()).not.toContain("surveys");
    // Ids as the bot derives them (0009's data step leaves them as they are).
    const group = groupIdFor("lark", larkChatId("old"));
    const member = memberIdFor(group, larkOpenId("old"));
    await db.run(
      sql`insert into groups (id, platform, tenant_key, chat_id, name, timezone)
        values (${group}, 'lark', '2ed263bf32cf1651', ${larkChatId("old")}, '综合办公室', 'Asia/Shanghai')`,
    );
    await db.run(
      sql`insert into members (id, group_id, user_id, name, role)
        values (${member}, ${group}, ${larkOpenId("old")}, '张三', 'staff')`,
    );
    await db.run(
      sql`insert into ratings (id, group_id, period, member_id, dimension, rater_group, rater_user_id, score, comment)
        values ('rat_old', ${group}, '2026-10', ${member}, 'work', 'leader', ${larkOpenId("boss")}, 88.5, '按时完成')`,
    );
    const snapshot = async () => ({
      groups: await db.all(sql`select * from groups order by id`),
      members: await db.all(sql`select * from members order by id`),
      ratings: await db.all(sql`select * from ratings order by id`),
    });
    const kept = await snapshot();

    await applyMigrations(db);

    expect(await tables()).toEqual(expect.arrayContaining(["surveys", "survey_codes"]));
    // The columns they had are as they were (later migrations may add columns; those are not compared here).
    const after = await snapshot();
    for (const t of ["groups", "members", "ratings"] as const)
      expect(
        (after[t] as Record<string, unknown>[]).map((r) =>
          Object.fromEntries(Object.keys((kept[t] as Record<string, unknown>[])[0]!).map((k) => [k, r[k]])),
        ),
      ).toEqual(kept[t]);
    await db.run(
      sql`insert into surveys (id, group_id, seq, period, dimension, title, source, min_sample, public_key, print_key,
        by_user_id) values ('svy_new', ${group}, 1, '2026-11', 'image', '张三 · 公众形象', 'page', 30,
        ${"c".repeat(32)}, ${"d".repeat(32)}, ${larkOpenId("boss")})`,
    );
    await db.run(sql`insert into survey_codes (survey_id, code) values ('svy_new', 'ABCDE23456')`);
    // One code per survey: the primary key refuses a second row for it.
    await expect(
      db.run(sql`insert into survey_codes (survey_id, code) values ('svy_new', 'ABCDE23456')`),
    ).rejects.toThrow();
    const [row] = await db.all<{ status: string }>(sql`select status from surveys where id = 'svy_new'`);
    expect(row!.status).toBe("open");
  } finally {
    database.close();
  }
});
