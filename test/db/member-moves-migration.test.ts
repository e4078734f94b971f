/**
 * Migration 0018 (department moves, 岗变酬变) on a database built by the migrations before it: every member
 * kept as it was, the three new columns empty, so people who left before dates were kept stay out of every
 * month (as before) and nobody is moved.
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

/** migrations/ as it was before 0018: the files the journal lists up to 0017, and the journal cut there. */
async function previousMigrations(): Promise<string> {
  const folder = join(dir, "migrations-0017");
  await mkdir(join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 17);
  const tags = new Set(journal.entries.map((e: { tag: string }) => `${e.tag}.sql`));
  for (const f of await readdir(MIGRATIONS_FOLDER))
    if (tags.has(f)) await copyFile(join(MIGRATIONS_FOLDER, f), join(folder, f));
  await writeFile(join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  return folder;
}

test("0018 on a database at 0017: members kept, left_on / moved_to / joined_on empty", async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-0018-"));
  const database = await openNodeDatabase(`file:${join(dir, "old.db")}`);
  const { db } = database;
  try {
    await migrate(db, { migrationsFolder: await previousMigrations() });
    const group = groupIdFor("lark", larkChatId("moves-0018"));
    const [here, gone] = [larkOpenId("m18_here"), larkOpenId("m18_gone")];
    await db.run(
      sql`insert into groups (id, platform, tenant_key, chat_id, name, timezone)
        values (${group}, 'lark', '2ed263bf32cf1651', ${larkChatId("moves-0018")}, '综合办公室', 'Asia/Shanghai')`,
    );
    await db.run(
      sql`insert into members (id, group_id, user_id, name, role, active) values
        (${memberIdFor(group, here)}, ${group}, ${here}, '张三', 'staff', 1),
        (${memberIdFor(group, gone)}, ${group}, ${gone}, '李四', 'staff', 0)`,
    );
    const columns = "id, group_id, user_id, name, role, coefficient, position, active, created_at";
    const kept = await db.all(sql.raw(`select ${columns} from members order by id`));

    await applyMigrations(db);

    expect(await db.all(sql.raw(`select ${columns} from members order by id`))).toEqual(kept);
    expect(await db.all(sql`select left_on, moved_to, joined_on from members`)).toEqual([
      { left_on: null, moved_to: null, joined_on: null },
      { left_on: null, moved_to: null, joined_on: null },
    ]);
  } finally {
    database.close();
  }
});
