import { eq, getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { leaveWrites } from "../../src/app/leaves";
import { decodeResult, encodeResult, readMonthCache, type ResultSummary } from "../../src/app/month-cache";
import { MONTH_RULES } from "../../src/app/month-rules";
import { departmentScoreWrites } from "../../src/app/organisation";
import { periodSource } from "../../src/app/period-data";
import { prepareScheme } from "../../src/app/schemes";
import { adjustWrites, awardWrites, rateWrites } from "../../src/app/scores";
import type { BatchItem } from "../../src/db/database";
import * as schema from "../../src/db/schema";
import { adjustments, awards, claims, groups, members, ratings, records, type Group } from "../../src/db/schema";
import { schemeTemplates } from "../../src/domain/scheme";
import { openTestDatabase } from "../support/db";
import { larkOpenId } from "../support/ids";
import { monthRuleFiles, monthRulesFingerprint } from "../support/month-rules";
import { seedTenant } from "../support/seed-tenant";

/**
 * month_results: the scoring-code stamp follows the code, every table a
 * month is scored from has its triggers, and each kind of write to each of
 * them makes exactly the months it touches stale (and nothing else).
 */
let t: Awaited<ReturnType<typeof openTestDatabase>>;
let g0: Group;
let g1: Group;
const MONTHS = ["2026-09", "2026-10", "2026-11", "2026-12"];
const NOW = new Date("2027-01-05T02:00:00Z");
const run = (items: unknown[]) => t.db.batch(items as [BatchItem, ...BatchItem[]]);
const memberOf = async (g: Group, n = 0) =>
  (await t.db.select().from(members).where(eq(members.groupId, g.id))).filter((m) => m.role === "staff")[n]!;

beforeAll(async () => {
  t = await openTestDatabase();
  await seedTenant(t.db, { tenantKey: "t1", groups: 2, perGroup: 3, months: MONTHS, at: new Date("2026-08-01Z") });
  [g0, g1] = (await t.db.select().from(groups)).sort((a, b) => a.id.localeCompare(b.id)) as [Group, Group];
});
afterAll(() => t.dispose());

/** Every group-month summarised (so kept), then which are valid now. */
async function keepAll() {
  const all = [g0, g1];
  const source = periodSource(t.db, all, MONTHS, NOW);
  for (const g of all) for (const m of MONTHS) await source.summary(g, m);
  await source.save();
}
async function validKeys(): Promise<Set<string>> {
  const cache = await readMonthCache(t.db, [g0.id, g1.id], MONTHS);
  return new Set((await cache.current(MONTHS.map((m) => ({ id: m, months: [m] })))).keys());
}
const NOTHING = () => [];
const all = (g: Group) => MONTHS.map((m) => `${g.id}|${m}`);

test("MONTH_RULES is the hash of the code that scores and keeps a month (update it to this value when that code changes)", () => {
  expect(monthRuleFiles()).toEqual(
    expect.arrayContaining(["src/app/scores.ts", "src/domain/scoring/compute.ts", "src/app/month-cache.ts"]),
  );
  expect(MONTH_RULES).toBe(monthRulesFingerprint());
});

/**
 * Tables the export's files read that no kept result is computed from: each is read afresh at
 * every export (or only by what sends cards). A table not named here needs its triggers.
 */
const READ_FRESH: Record<string, string> = {
  audit_log: "the audit sheet (export-audit.ts) is built afresh at every export",
  publications: "publish() numbers report cards; computeQuarter and computeYear never read it",
  appeals: "read by publish() only",
  groups: "the list and names are read afresh; the columns that score (id, timezone, settings) have an UPDATE trigger",
};

test("every table the month's code reads has triggers bumping month_results on insert, update and delete", async () => {
  const root = resolve(import.meta.dirname, "../..");
  const tableOf = new Map(
    Object.entries(schema).flatMap(([name, v]) => (is(v, SQLiteTable) ? [[name, getTableName(v)] as const] : [])),
  );
  const read = new Set<string>();
  for (const f of monthRuleFiles())
    for (const [, name] of readFileSync(join(root, f), "utf8").matchAll(/\.from\((\w+)\)/g))
      if (tableOf.has(name!) && name !== "monthResults") read.add(tableOf.get(name!)!);
  expect([...read].sort()).toEqual(
    expect.arrayContaining(["adjustments", "awards", "leaves", "members", "ratings", "records", "schemes"]),
  );
  const triggers = (
    await t.client.execute(
      "select tbl_name, sql from sqlite_master where type = 'trigger' and sql like '%month_results%'",
    )
  ).rows.map((r) => ({ table: String(r.tbl_name), sql: String(r.sql) }));
  for (const table of read)
    for (const op of table in READ_FRESH ? (table === "groups" ? ["UPDATE"] : []) : ["INSERT", "UPDATE", "DELETE"])
      expect(
        triggers.some((x) => x.table === table && x.sql.includes(`AFTER ${op}`)),
        `${op} on ${table}`,
      ).toBe(true);
});

describe("the compact form", () => {
  const result: ResultSummary = {
    scheme: "单位干部",
    headcount: 2,
    pool: 1000.5,
    poolFen: 100050,
    warnings: [{ code: "no-grade", zh: "未评等次", en: "no grade", members: ["mem_b"] }],
    members: [
      {
        id: "mem_a",
        name: "张三",
        coefficient: 1.042,
        total: 91.23,
        rank: 1,
        grade: "优秀",
        prize: 300,
        prizeFen: 30000,
        pay: 600.33,
        payFen: 60033,
        dimensions: {
          village: { score: 90.1, points: 36.04, bonus: 2, deduction: 0 },
          business: { score: 0.1 + 0.2, points: 1 / 3, bonus: 0, deduction: 1.5 },
        },
        extra: 1.5,
        missing: [],
      },
      {
        id: "mem_b",
        name: "李四",
        coefficient: 1,
        total: 70,
        rank: 2,
        grade: null,
        prize: 0,
        prizeFen: 0,
        pay: 400.17,
        payFen: 40017,
        // Another order: kept as it is.
        dimensions: { business: { score: 70, points: 35, bonus: 0, deduction: 0 } },
        extra: 0,
        missing: ["village"],
      },
    ],
  };

  test("reads back exactly what was scored, numbers to the last bit", () => {
    const text = encodeResult(result)!;
    expect(decodeResult(text)).toStrictEqual(result);
    expect(text.length).toBeLessThan(JSON.stringify(result).length);
  });

  test.each([Number.NaN, Number.POSITIVE_INFINITY, -0])("a result holding %s is not kept at all", (bad) => {
    expect(encodeResult({ ...result, members: [{ ...result.members[0]!, total: bad }] })).toBeUndefined();
  });
});

describe("writes make stale exactly the months they touch", () => {
  const cases: [string, () => Promise<unknown>, () => string[]][] = [
    [
      "a rating (insert)",
      async () =>
        run(
          rateWrites(t.db, {
            group: g0,
            month: "2026-10",
            member: await memberOf(g0),
            leaves: ["business"],
            score: 77,
            raterGroup: "leader",
            by: larkOpenId("0_leader"),
            now: new Date("2026-10-20T02:00:00Z"),
          }),
        ),
      () => [`${g0.id}|2026-10`],
    ],
    [
      "a rating superseded (update) and one deleted",
      async () => {
        const [r] = await t.db.select().from(ratings).where(eq(ratings.period, "2026-11")).limit(1);
        await t.db.update(ratings).set({ supersededAt: NOW }).where(eq(ratings.id, r!.id));
        const [d] = await t.db.select().from(ratings).where(eq(ratings.period, "2026-09")).limit(1);
        await t.client.execute({ sql: "delete from ratings where id = ?", args: [d!.id] });
        return { touched: [r!, d!].map((x) => `${x.groupId}|${x.period}`) };
      },
      () => [], // the rows written say which months
    ],
    [
      "an adjustment (insert), then revoked (update)",
      async () => {
        await run(
          adjustWrites(t.db, {
            group: g1,
            month: "2026-11",
            member: await memberOf(g1),
            dimension: "business",
            points: 3,
            reason: "临时抽调支援",
            by: larkOpenId("1_leader"),
            now: new Date("2026-11-20T02:00:00Z"),
          }),
        );
        await t.db.update(adjustments).set({ revokedAt: NOW }).where(eq(adjustments.reason, "临时抽调支援"));
      },
      () => [`${g1.id}|2026-11`],
    ],
    [
      "an award (insert), then moved to another month (update)",
      async () => {
        await run(
          awardWrites(t.db, {
            group: g1,
            month: "2026-09",
            member: await memberOf(g1, 1),
            level: "county",
            reason: "获市级表彰",
            by: larkOpenId("1_leader"),
            now: new Date("2026-09-20T02:00:00Z"),
          }),
        );
        await t.db.update(awards).set({ period: "2026-12" }).where(eq(awards.reason, "获市级表彰"));
      },
      () => [`${g1.id}|2026-09`, `${g1.id}|2026-12`],
    ],
    [
      "a daily record (insert) and its withdrawal (update)",
      async () => {
        const m = await memberOf(g0, 2);
        await t.db.insert(records).values({
          id: "rec_month_cache_1",
          groupId: g0.id,
          memberId: m.id,
          date: "2026-12-03",
          text: "走访农户",
          createdAt: new Date("2026-12-03T09:00:00Z"),
        });
        await t.db.update(records).set({ withdrawnAt: NOW }).where(eq(records.id, "rec_month_cache_1"));
      },
      () => [`${g0.id}|2026-12`],
    ],
    [
      "部门绩效",
      () =>
        run(
          departmentScoreWrites(t.db, {
            group: g0,
            month: "2026-09",
            score: 90,
            by: larkOpenId("office"),
            previous: null,
            now: NOW,
          }),
        ),
      () => [`${g0.id}|2026-09`],
    ],
    [
      "leave (all the group's months: leave may span several)",
      async () =>
        run(
          leaveWrites(t.db, {
            group: g1,
            member: await memberOf(g1),
            from: "2026-10-29",
            to: "2026-11-04",
            now: new Date("2026-10-20T02:00:00Z"),
          }),
        ),
      () => all(g1),
    ],
    [
      "a coefficient (members update)",
      async () =>
        t.db
          .update(members)
          .set({ coefficient: 1.083 })
          .where(eq(members.id, (await memberOf(g0)).id)),
      () => all(g0),
    ],
    [
      "someone joining (members insert)",
      () =>
        t.db.insert(members).values({
          id: "mem_month_cache_new",
          groupId: g1.id,
          userId: larkOpenId("1_new"),
          name: "王五",
          createdAt: NOW,
        }),
      () => all(g1),
    ],
    [
      "a scheme",
      async () => {
        const section = schemeTemplates.find((x) => x.id === "section-leader")!.scheme;
        const p = await prepareScheme(t.db, g0, section, "import", larkOpenId("0_leader"), NOW);
        if (!p.ok) throw new Error(JSON.stringify(p.errors));
        await run(p.writes);
      },
      () => all(g0),
    ],
    [
      "the group's calendar (settings)",
      () =>
        t.db
          .update(groups)
          .set({ settings: { holidays: ["2026-10-09"] } })
          .where(eq(groups.id, g1.id)),
      () => all(g1),
    ],
    [
      "the group's name and sync time: nothing (the result does not depend on them)",
      () => t.db.update(groups).set({ name: "新名字", syncedAt: NOW }).where(eq(groups.id, g0.id)),
      NOTHING,
    ],
    [
      "a pending claim: nothing (only its decision writes what scores)",
      async () =>
        t.db.insert(claims).values({
          id: "clm_month_cache_1",
          groupId: g0.id,
          memberId: (await memberOf(g0)).id,
          kind: "bonus",
          period: "2026-10",
          detail: { points: 2, dimension: "business" },
          evidence: "牵头完成防汛值班",
          createdAt: NOW,
        }),
      NOTHING,
    ],
  ];
  test.each(cases)("%s", async (_, write, expected) => {
    await keepAll();
    expect(await validKeys()).toEqual(new Set([...all(g0), ...all(g1)]));
    const written = await write();
    const want =
      written && typeof written === "object" && "touched" in written ? (written.touched as string[]) : expected();
    const valid = await validKeys();
    const stale = [...all(g0), ...all(g1)].filter((k) => !valid.has(k));
    expect(stale.sort()).toEqual([...new Set(want)].sort());
    expect(want.length || expected === NOTHING).toBeTruthy();
  });
});
