import { eq, getTableColumns, sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/libsql/migrator";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { computeMonth } from "../../src/app/scores";
import { schemeInForce } from "../../src/app/schemes";
import { openNodeDatabase, type NodeDatabase } from "../../src/db/client-node";
import { groupIdFor, memberIdFor } from "../../src/db/ids";
import { applyMigrations, MIGRATIONS_FOLDER } from "../../src/db/migrate";
import * as s from "../../src/db/schema";
import { parseScheme } from "../../src/domain/scheme";
import { computePeriod, parsePeriodInputs } from "../../src/domain/scoring";
import { OFFICE, TENANT } from "../support/bot-harness";

/**
 * A database built at migration 0012 (before effective-dated coefficients,
 * leave approval and scheme approval), holding a scheme, people with their
 * coefficients and posts, ratings and a leave in October 2026, and a published
 * quarter. After 0014 nothing is lost: each person's coefficient and post are
 * in force from the beginning, the leave counts as approved, and October
 * scores exactly as the same inputs did before.
 */
const LEADER = OFFICE.owner;
const [ZHANG, LI] = OFFICE.members as [{ openId: string; name: string }, { openId: string; name: string }];
const GROUP = groupIdFor("lark", OFFICE.chatId);
const member = (openId: string) => memberIdFor(GROUP, openId);
const AT = new Date("2026-10-01T02:00:00Z");
const SCHEME = {
  name: "考勤方案",
  dimensions: [
    { key: "business", name: "业务", weight: 90 },
    { key: "attendance", name: "出勤", weight: 10, source: "attendance" },
  ],
};

let dir: string;
let database: NodeDatabase;

/** migrations/ as it was at 0012: the files, and a journal cut after entry 12. */
async function migrationsAt0012(): Promise<string> {
  const folder = join(dir, "migrations-0012");
  await mkdir(join(folder, "meta"), { recursive: true });
  for (const f of await readdir(MIGRATIONS_FOLDER))
    if (/^00(0\d|1[0-2])_.*\.sql$/.test(f)) await copyFile(join(MIGRATIONS_FOLDER, f), join(folder, f));
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 12);
  await writeFile(join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  return folder;
}

/** Inserts rows with only the columns the 0012 tables have (drizzle's insert names today's columns). */
async function insertOld(table: SQLiteTable, rows: Record<string, unknown>[]) {
  const { name } = getTableConfig(table);
  const present = new Set(
    (await database.db.all<{ name: string }>(sql`select name from pragma_table_info(${name})`)).map((c) => c.name),
  );
  for (const row of rows) {
    const cells = Object.entries(getTableColumns(table)).flatMap(([key, column]) =>
      present.has(column.name) && row[key] !== undefined
        ? [{ column: column.name, value: row[key] === null ? null : column.mapToDriverValue(row[key]) }]
        : [],
    );
    await database.db.run(
      sql`insert into ${sql.identifier(name)} (${sql.join(
        cells.map((c) => sql.identifier(c.column)),
        sql`, `,
      )}) values (${sql.join(
        cells.map((c) => sql`${c.value}`),
        sql`, `,
      )})`,
    );
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "people-0014-"));
  database = await openNodeDatabase(`file:${join(dir, "old.db")}`);
  await migrate(database.db, { migrationsFolder: await migrationsAt0012() });
  const columns = await database.db.all<{ name: string }>(sql`select name from pragma_table_info('leaves')`);
  expect(columns.map((c) => c.name)).not.toContain("status"); // really the 0012 schema
  await insertOld(s.groups, [
    {
      id: GROUP,
      platform: "lark",
      tenantKey: TENANT,
      chatId: OFFICE.chatId,
      name: OFFICE.name,
      timezone: "Asia/Shanghai",
      createdAt: AT,
    },
  ]);
  await insertOld(s.members, [
    {
      id: member(LEADER.openId),
      groupId: GROUP,
      userId: LEADER.openId,
      name: LEADER.name,
      role: "leader",
      createdAt: AT,
    },
    // 篇5 line 95: 「高于1500人、2000人的村基础分各乘以1.042和1.083」
    {
      id: member(ZHANG.openId),
      groupId: GROUP,
      userId: ZHANG.openId,
      name: ZHANG.name,
      coefficient: 1.083,
      position: "村支书",
      createdAt: AT,
    },
    {
      id: member(LI.openId),
      groupId: GROUP,
      userId: LI.openId,
      name: LI.name,
      coefficient: 1.042,
      position: "科员",
      createdAt: AT,
    },
  ]);
  await insertOld(s.schemes, [
    {
      id: "sch_old_0014",
      groupId: GROUP,
      version: 1,
      name: SCHEME.name,
      json: SCHEME,
      source: "import",
      createdBy: LEADER.openId,
      createdAt: AT,
    },
  ]);
  await insertOld(
    s.ratings,
    [ZHANG, LI].map((p, i) => ({
      id: `rat_old_0014_${i}`,
      groupId: GROUP,
      period: "2026-10",
      memberId: member(p.openId),
      dimension: "business",
      raterGroup: "leader",
      raterUserId: LEADER.openId,
      score: 88,
      createdAt: AT,
    })),
  );
  // Both record on every October workday; 李四 was away on the 26th and 27th (self-declared, as 0012 allowed).
  await insertOld(s.leaves, [
    {
      id: "lv_old_0014",
      groupId: GROUP,
      memberId: member(LI.openId),
      from: "2026-10-26",
      to: "2026-10-27",
      reason: "年假",
      createdAt: AT,
    },
  ]);
  await insertOld(s.publications, [
    {
      id: "pub_old_0014",
      groupId: GROUP,
      period: "2026-Q4",
      status: "final",
      windowEnds: "2026-10-31",
      publishedAt: AT,
    },
  ]);
  await applyMigrations(database.db);
}, 60_000);
afterAll(async () => {
  database.close();
  await rm(dir, { recursive: true, force: true });
});

describe("migration 0014 on a database built at 0012", () => {
  test("each coefficient and post is in force from the beginning; members keep theirs", async () => {
    const terms = await database.db.select().from(s.memberTerms);
    expect(terms.map((t) => [t.memberId, t.effectiveFrom, t.coefficient, t.position, t.source]).sort()).toEqual(
      [
        [member(LEADER.openId), "0001-01-01", 1, null, "upgrade"],
        [member(ZHANG.openId), "0001-01-01", 1.083, "村支书", "upgrade"],
        [member(LI.openId), "0001-01-01", 1.042, "科员", "upgrade"],
      ].sort(),
    );
    const people = await database.db.select().from(s.members);
    expect(people.map((p) => [p.userId, p.coefficient, p.position]).sort()).toEqual(
      [
        [LEADER.openId, 1, null],
        [ZHANG.openId, 1.083, "村支书"],
        [LI.openId, 1.042, "科员"],
      ].sort(),
    );
  });

  test("leave registered before approval existed stays counted (approved); the scheme stays in force", async () => {
    const [leave] = await database.db.select().from(s.leaves);
    expect(leave).toMatchObject({
      from: "2026-10-26",
      to: "2026-10-27",
      reason: "年假",
      status: "approved",
      kind: null,
    });
    const inForce = await schemeInForce(database.db, GROUP);
    expect(inForce).toMatchObject({ version: 1, isDefault: false, approvedBy: null });
    expect(inForce.scheme.name).toBe("考勤方案");
  });

  test("October scores exactly as the same inputs did before the upgrade (the published quarter unchanged)", async () => {
    const [group] = await database.db.select().from(s.groups).where(eq(s.groups.id, GROUP));
    const month = await computeMonth(database.db, group!, "2026-10", new Date("2026-12-02T02:00:00Z"));
    // Nobody recorded anything: 18 workdays from the 8th (国庆 1–7 off, 10th 调休) — 李四's 2 approved days are not due.
    expect(month.attendance.get(member(LI.openId))).toMatchObject({ due: 16, onTime: 0 });
    expect(month.attendance.get(member(ZHANG.openId))).toMatchObject({ due: 18, onTime: 0 });
    // The same figures from the inputs as they stood at 0012 (coefficients from the members' rows).
    const scheme = parseScheme(SCHEME);
    if (!scheme.ok) throw new Error("scheme");
    const before = parsePeriodInputs(scheme.scheme, {
      members: [
        { id: member(ZHANG.openId), name: ZHANG.name, coefficient: 1.083 },
        { id: member(LI.openId), name: LI.name, coefficient: 1.042 },
      ],
      ratings: [ZHANG, LI].flatMap((p) => [
        { member: member(p.openId), dimension: "business", rater: "leader", score: 88, by: LEADER.openId },
        { member: member(p.openId), dimension: "attendance", rater: "leader", score: 0, by: "system:attendance" },
      ]),
    });
    if (!before.ok) throw new Error(JSON.stringify(before.errors));
    const expected = computePeriod(scheme.scheme, before.inputs);
    const totals = (r: typeof expected) => r.members.map((m) => [m.id, m.total, m.rank, m.grade]);
    expect(totals(month.result)).toEqual(totals(expected));
    const [publication] = await database.db.select().from(s.publications);
    expect(publication).toMatchObject({ period: "2026-Q4", status: "final", version: 1 });
  });
});
