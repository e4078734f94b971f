import { eq, getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decideLeaveCase, requestLeave } from "../../src/app/leaves";
import { decodeResult, encodeResult, keepWrites, readMonthCache, type ResultSummary } from "../../src/app/month-cache";
import { MONTH_RULES } from "../../src/app/month-rules";
import { exportWorkbook } from "../../src/app/export";
import { parseExportPeriod } from "../../src/app/export-period";
import { departmentScoreWrites } from "../../src/app/organisation";
import { periodSource } from "../../src/app/period-data";
import { decideProposal, prepareScheme, proposeScheme } from "../../src/app/schemes";
import { answerSurvey, closeSurvey, openSurvey } from "../../src/app/surveys";
import { adjustWrites, awardWrites, rateWrites } from "../../src/app/scores";
import type { BatchItem } from "../../src/db/database";
import * as schema from "../../src/db/schema";
import { memberIdFor } from "../../src/db/ids";
import {
  adjustments,
  awards,
  claims,
  groups,
  memberTerms,
  members,
  ratings,
  records,
  schemes,
  type Group,
} from "../../src/db/schema";
import { schemeTemplates } from "../../src/domain/scheme";
import { openTestDatabase } from "../support/db";
import { larkOpenId, larkTenantKey } from "../support/ids";
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
const TENANT = larkTenantKey("month-cache");
const MONTHS = ["2026-09", "2026-10", "2026-11", "2026-12"];
const NOW = new Date("2027-01-05T02:00:00Z");
const run = (items: unknown[]) => t.db.batch(items as [BatchItem, ...BatchItem[]]);
const memberOf = async (g: Group, n = 0) =>
  (await t.db.select().from(members).where(eq(members.groupId, g.id))).filter((m) => m.role === "staff")[n]!;

/** A pending week of leave over October's end, by a staff member of the group. */
const leaveOf = async (g: Group) =>
  requestLeave(t.db, {
    group: g,
    member: await memberOf(g),
    from: "2026-10-29",
    to: "2026-11-04",
    kind: "事假",
    now: new Date("2026-10-20T02:00:00Z"),
  });

beforeAll(async () => {
  t = await openTestDatabase();
  await seedTenant(t.db, { tenantKey: TENANT, groups: 2, perGroup: 3, months: MONTHS, at: new Date("2026-08-01Z") });
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
  appeal_decisions: "read by publish() only",
  leave_decisions: "the decision card's; an approval scores through leaves.status, which has triggers",
  scheme_proposals: "a proposal scores only once approved, as a new schemes row, which has triggers",
  surveys: "the 群众评价 sheet is built afresh; a closed survey scores through the ratings it writes",
  survey_codes: "answers are counted into a survey's result, which scores through ratings",
  grade_confirmations: "finalGrades (export.ts) applies them after the kept figures are read or computed",
  grade_overrides: "finalGrades (export.ts) applies them after the kept figures are read or computed",
  tenant_admins: "who may act, never what a month scores",
  unit_pools: "the 两级分配 sheet (export-units.ts) is built afresh at every year's export",
  goal_plans: "a plan scores only through goals.plan_id, set on approval: goals has triggers (0019)",
  claims: "a claim counts toward a target only once decided: claim_decisions' insert has a trigger (0019)",
};

test("every table the month's code reads has triggers bumping month_results on insert, update and delete", async () => {
  const root = resolve(import.meta.dirname, "../..");
  const tableOf = new Map(
    Object.entries(schema).flatMap(([name, v]) => (is(v, SQLiteTable) ? [[name, getTableName(v)] as const] : [])),
  );
  const read = new Set<string>();
  for (const f of monthRuleFiles())
    for (const [, name] of readFileSync(join(root, f), "utf8").matchAll(/\.(?:from|\w*[jJ]oin)\((\w+)\b/g))
      if (tableOf.has(name!) && name !== "monthResults") read.add(tableOf.get(name!)!);
  expect([...read].sort()).toEqual(
    expect.arrayContaining([
      "adjustments",
      "awards",
      "leave_decisions",
      "leaves",
      "member_terms",
      "members",
      "ratings",
      "records",
      "scheme_proposals",
      "schemes",
      "surveys",
    ]),
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
      "a leave request: nothing (only approved leave removes due days)",
      async () => run((await leaveOf(g1)).writes),
      NOTHING,
    ],
    [
      "a leave approval (all the group's months: leave may span several)",
      async () => {
        const { leave, writes } = await leaveOf(g0);
        await run(writes);
        await keepAll();
        const decided = await decideLeaveCase(t.db, {
          leaveId: leave.id,
          tenant: g0,
          by: larkOpenId("0_leader"),
          decision: "approve",
          now: new Date("2026-10-21T02:00:00Z"),
        });
        if (!decided.ok) throw new Error(decided.code);
        await run(decided.writes);
      },
      () => all(g0),
    ],
    [
      "a leave rejection: nothing",
      async () => {
        const { leave, writes } = await leaveOf(g1);
        await run(writes);
        await keepAll();
        const decided = await decideLeaveCase(t.db, {
          leaveId: leave.id,
          tenant: g1,
          by: larkOpenId("1_leader"),
          decision: "reject",
          now: new Date("2026-10-21T02:00:00Z"),
        });
        if (!decided.ok) throw new Error(decided.code);
        await run(decided.writes);
      },
      NOTHING,
    ],
    [
      "a coefficient from November (member_terms insert: the group's months)",
      async () =>
        t.db.insert(memberTerms).values({
          id: "trm_month_cache_1",
          memberId: (await memberOf(g1, 2)).id,
          effectiveFrom: "2026-11-01",
          coefficient: 1.083,
          position: "副科长",
          source: "roster",
          createdBy: larkOpenId("1_leader"),
          createdAt: NOW,
        }),
      () => all(g1),
    ],
    [
      "a term corrected (member_terms update)",
      () => t.db.update(memberTerms).set({ coefficient: 1.042 }).where(eq(memberTerms.id, "trm_month_cache_1")),
      () => all(g1),
    ],
    [
      "a scheme proposal: nothing until the office approves it, then the group's months",
      async () => {
        const section = schemeTemplates.find((x) => x.id === "section-leader")!.scheme;
        const p = await proposeScheme(t.db, g1, section, "import", larkOpenId("1_leader"), NOW);
        if (!p.ok) throw new Error(JSON.stringify(p.errors));
        await run(p.writes);
        expect(await validKeys()).toEqual(new Set([...all(g0), ...all(g1)]));
        const d = await decideProposal(t.db, {
          proposal: p.proposal,
          group: g1,
          decision: "approve",
          by: larkOpenId("office"),
          byIsAdmin: true,
          now: NOW,
        });
        if (!d.ok) throw new Error(d.code);
        await run(d.writes);
      },
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
          id: memberIdFor(g1.id, larkOpenId("1_new")),
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

/** A year's kept export figures (export.ts keeps them beside the months) and whether they still count. */
const YEAR = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
async function yearKept(g: Group): Promise<boolean> {
  const cache = await readMonthCache(t.db, [g.id], [...YEAR, "2026"]);
  return (await cache.current([{ id: "2026", months: YEAR }])).has(`${g.id}|2026`);
}

describe("writes that reach a month through ratings", () => {
  test("a half-year review rating: its month, and so the year's kept figures", async () => {
    await exportWorkbook(t.db, { platform: "lark", tenantKey: TENANT, period: parseExportPeriod("2026")!, at: NOW });
    await keepAll();
    expect(await yearKept(g0)).toBe(true);
    // 篇9 line 193: a review is stored as a rating of the month it was given, under the review's key.
    await run(
      rateWrites(t.db, {
        group: g0,
        month: "2026-12",
        member: await memberOf(g0, 1),
        leaves: ["half-year"],
        score: 88,
        raterGroup: "leader",
        by: larkOpenId("0_leader"),
        now: new Date("2026-12-28T02:00:00Z"),
      }),
    );
    const valid = await validKeys();
    expect([...all(g0), ...all(g1)].filter((k) => !valid.has(k))).toEqual([`${g0.id}|2026-12`]);
    expect(await yearKept(g0)).toBe(false);
    expect(await yearKept(g1)).toBe(true);
  });

  test("a survey closing: the month it rates, nothing else (the survey rows themselves score nothing)", async () => {
    // A scheme with a 群众 rater group, in force since before the months.
    await t.db.insert(schemes).values({
      id: "sch_month_cache_survey",
      groupId: g1.id,
      version: 99,
      name: "窗口单位",
      json: {
        name: "窗口单位",
        dimensions: [
          { key: "work", name: "业务工作", weight: 70 },
          { key: "image", name: "公众形象", weight: 30 },
        ],
        raters: { leader: 70, public: 30 },
      },
      source: "import",
      createdAt: new Date("2026-08-01Z"),
    });
    const opened = await openSurvey(t.db, {
      group: g1,
      month: "2026-10",
      dimension: "公众形象",
      member: null,
      codes: 2,
      minSample: 1,
      by: larkOpenId("1_leader"),
      now: NOW,
    });
    if (opened.code !== "ok") throw new Error(opened.code);
    await run(opened.writes);
    await keepAll();
    const answer = (code: string) =>
      answerSurvey(t.db, { publicKey: opened.survey.publicKey, code, choice: "good", comment: null, now: NOW });
    expect(await answer(opened.codes[0]!)).toBe("ok");
    expect(await validKeys()).toEqual(new Set([...all(g0), ...all(g1)]));
    const closed = await closeSurvey(t.db, { survey: opened.survey, by: larkOpenId("1_leader"), now: NOW });
    if (closed.code !== "ok") throw new Error(closed.code);
    expect(closed.covered).toBeGreaterThan(0);
    await run(closed.writes);
    const valid = await validKeys();
    expect([...all(g0), ...all(g1)].filter((k) => !valid.has(k))).toEqual([`${g1.id}|2026-10`]);
  });
});
