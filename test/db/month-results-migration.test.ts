import { migrate } from "drizzle-orm/libsql/migrator";
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { openNodeDatabase } from "../../src/db/client-node";
import { groupIdFor, memberIdFor } from "../../src/db/ids";
import { MIGRATIONS_FOLDER } from "../../src/db/migrate";
import { groups, leaves, memberTerms, members, ratings } from "../../src/db/schema";
import { larkChatId, larkOpenId, larkTenantKey } from "../support/ids";

/** A database built at 0012 (the migration before 0015 on main) upgrades with nothing lost, and its writes then count. */
let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));

async function migrationsUpTo(idx: number): Promise<string> {
  const folder = join(dir, `migrations-${idx}`);
  await mkdir(join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= idx);
  const tags = new Set(journal.entries.map((e: { tag: string }) => `${e.tag}.sql`));
  for (const f of await readdir(MIGRATIONS_FOLDER))
    if (tags.has(f)) await copyFile(join(MIGRATIONS_FOLDER, f), join(folder, f));
  await writeFile(join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  return folder;
}

test("0015 on a database at 0012: every row kept, month_results empty, and the next writes bump what they touch", async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-0015-"));
  const database = await openNodeDatabase(`file:${join(dir, "old.db")}`);
  try {
    const { db, client } = database;
    await migrate(db, { migrationsFolder: await migrationsUpTo(12) });
    const chatId = larkChatId("migration_0015");
    const groupId = groupIdFor("lark", chatId);
    const [leader, staff] = [larkOpenId("m15_leader"), larkOpenId("m15_staff")];
    const at = new Date("2026-10-01T00:00:00Z");
    await db.insert(groups).values({
      id: groupId,
      platform: "lark",
      tenantKey: larkTenantKey("migration_0015"),
      chatId,
      timezone: "Asia/Shanghai",
    });
    // Plain SQL with the columns members had then: later migrations add more.
    for (const [i, userId] of [leader, staff].entries())
      await client.execute({
        sql: "insert into members (id, group_id, user_id, name, role, created_at) values (?, ?, ?, ?, ?, ?)",
        args: [
          memberIdFor(groupId, userId),
          groupId,
          userId,
          ["周主任", "吴一"][i]!,
          i ? "staff" : "leader",
          at.getTime(),
        ],
      });
    const rating = (id: string, period: string) => ({
      id,
      groupId,
      period,
      memberId: memberIdFor(groupId, staff),
      dimension: "business",
      raterGroup: "leader",
      raterUserId: leader,
      score: 88,
      createdAt: at,
    });
    await db.insert(ratings).values(rating("rat_0015_before", "2026-10"));
    // Leave as 0012 stored it (no kind, status or number yet): 0014 approves it, and 0015's triggers come after.
    await client.execute({
      sql: "insert into leaves (id, group_id, member_id, from_date, to_date, created_at) values (?, ?, ?, ?, ?, ?)",
      args: ["lv_0015_before", groupId, memberIdFor(groupId, staff), "2026-10-12", "2026-10-13", at.getTime()],
    });
    const count = async (table: string) =>
      Number((await client.execute(`select count(*) as n from ${table}`)).rows[0]!.n);
    const before = { groups: await count("groups"), members: await count("members"), ratings: await count("ratings") };

    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    expect({ groups: await count("groups"), members: await count("members"), ratings: await count("ratings") }).toEqual(
      before,
    );
    // 0014's backfills (terms from the roster, old leave approved) ran before the triggers: nothing bumped.
    expect(await count("member_terms")).toBe(2);
    expect((await db.select({ status: leaves.status }).from(leaves)).map((l) => l.status)).toEqual(["approved"]);
    expect(await count("month_results")).toBe(0);
    const versions = async () =>
      (await client.execute("select group_id, period, version from month_results order by period")).rows.map((r) => ({
        ...r,
      }));
    await db.insert(ratings).values(rating("rat_0015_after", "2026-11"));
    expect(await versions()).toEqual([{ group_id: groupId, period: "2026-11", version: 1 }]);
    // A pending leave request scores nothing; a new term (岗变酬变) touches all the group's months.
    await db.insert(leaves).values({
      id: "lv_0015_after",
      groupId,
      memberId: memberIdFor(groupId, staff),
      from: "2026-11-16",
      to: "2026-11-16",
      kind: "事假",
      no: 1,
      createdAt: at,
    });
    expect(await versions()).toEqual([{ group_id: groupId, period: "2026-11", version: 1 }]);
    await db.insert(memberTerms).values({
      id: "trm_0015_after",
      memberId: memberIdFor(groupId, staff),
      effectiveFrom: "2026-11-01",
      coefficient: 1.042,
      position: "副主任",
      source: "roster",
      createdAt: at,
    });
    expect(await versions()).toEqual([
      { group_id: groupId, period: "", version: 1 },
      { group_id: groupId, period: "2026-11", version: 1 },
    ]);
  } finally {
    database.close();
  }
});
