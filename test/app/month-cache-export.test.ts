import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createClaim, decideWrites, loadClaim, nextClaimNo } from "../../src/app/claims";
import { correctionMonth, correctionWrites } from "../../src/app/corrections";
import { exportWorkbook } from "../../src/app/export";
import { parseExportPeriod } from "../../src/app/export-period";
import { decodeFigures } from "../../src/app/export-kept";
import { confirmationGate, overrideGrade } from "../../src/app/grade-confirmations";
import { decideLeaveCase, groupCalendar, requestLeave } from "../../src/app/leaves";
import { publish } from "../../src/app/publications";
import { planRosterImport } from "../../src/app/roster";
import { prepareScheme } from "../../src/app/schemes";
import { displayName, rateWrites } from "../../src/app/scores";
import type { BatchItem } from "../../src/db/database";
import { groups, members, records, type Group } from "../../src/db/schema";
import { localDate } from "../../src/domain/dates";
import { parseRoster } from "../../src/domain/roster";
import { schemeTemplates } from "../../src/domain/scheme";
import { readFirstSheet } from "../../src/domain/xlsx/read";
import { openTestDatabase } from "../support/db";
import { larkOpenId, larkTenantKey } from "../support/ids";
import { seedTenant } from "../support/seed-tenant";

/**
 * The export with month_results is the export without it, byte for byte:
 * cold (nothing kept) and warm (everything kept) for a month, a quarter and
 * the year; and after each kind of write through the app's own use cases,
 * the warm export scores again exactly the months the write touched and
 * gives the bytes of an export that scores everything afresh.
 */
let t: Awaited<ReturnType<typeof openTestDatabase>>;
let list: Group[];
const TENANT = larkTenantKey("month-cache-export");
const MONTHS = ["2026-03", "2026-06", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"];
const AT = new Date("2027-01-05T02:00:00Z");
const run = (items: unknown[]) => t.db.batch(items as [BatchItem, ...BatchItem[]]);

beforeAll(async () => {
  t = await openTestDatabase();
  await seedTenant(t.db, { tenantKey: TENANT, groups: 3, perGroup: 4, months: MONTHS, at: new Date("2026-02-01Z") });
  list = (await t.db.select().from(groups)).sort((a, b) => a.id.localeCompare(b.id));
  // One group with a year-end pool, so pay is in the figures too.
  const section = schemeTemplates.find((x) => x.id === "unit-staff")!.scheme;
  const p = await prepareScheme(
    t.db,
    list[1]!,
    { ...section, annualPool: 50000 },
    "import",
    larkOpenId("1_leader"),
    new Date("2026-02-01T00:00:00Z"),
  );
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  await run(p.writes);
  // Another with 按时记录率 (a computed leaf), and one person's October records, each filed on its day, except
  // the week of 12–16 October: leave approved for that week turns those days from missed into not due.
  const third = await prepareScheme(
    t.db,
    list[2]!,
    {
      ...section,
      // 作风 gives 10 of its 20 to 出勤.
      dimensions: [
        ...section.dimensions.map((d) => (d.key === "conduct" ? { ...d, weight: d.weight - 10 } : d)),
        { key: "attendance", name: "出勤", weight: 10, source: "attendance" },
      ],
    },
    "import",
    larkOpenId("2_leader"),
    new Date("2026-02-01T00:00:00Z"),
  );
  if (!third.ok) throw new Error(JSON.stringify(third.errors));
  await run(third.writes);
  const person = await staff(list[2]!, 2);
  const days = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, "0")}`);
  await t.db.insert(records).values(
    days
      .filter((d) => d < "2026-10-12" || d > "2026-10-16")
      .map((date) => ({
        id: `rec_mce_${date}`,
        groupId: list[2]!.id,
        memberId: person.id,
        date,
        text: "走访农户，整理台账",
        createdAt: new Date(`${date}T09:00:00Z`),
      })),
  );
});
afterAll(() => t.dispose());

async function exportBytes(period: string, at = AT): Promise<Uint8Array> {
  const out = await exportWorkbook(t.db, {
    platform: "lark",
    tenantKey: TENANT,
    period: parseExportPeriod(period)!,
    at,
  });
  return out.bytes;
}
/** The export as it was before month_results: everything scored (and, as a side effect, kept again). */
async function coldBytes(period: string, at = AT): Promise<Uint8Array> {
  await t.client.execute("delete from month_results");
  return exportBytes(period, at);
}
/** The kept entries' stamps: one that changes is a month scored again. */
async function stamps(): Promise<Map<string, string>> {
  const rows = (await t.client.execute("select group_id, period, stamp from month_results where result is not null"))
    .rows;
  return new Map(rows.map((r) => [`${r.group_id}|${r.period}`, String(r.stamp)]));
}
/** Every month of the year, with or without ratings: the year's export keeps them all. */
const yearOf = (g: Group) => Array.from({ length: 12 }, (_, i) => `${g.id}|2026-${String(i + 1).padStart(2, "0")}`);
const staff = async (g: Group, n = 0) =>
  (
    await t.db
      .select()
      .from(members)
      .where(and(eq(members.groupId, g.id), eq(members.role, "staff")))
  )[n]!;

test.each(["2026-11", "2026-Q4", "2026"])("export %s: cold and warm give the same bytes", async (period) => {
  const cold = await coldBytes(period);
  const kept = await stamps();
  expect(kept.size).toBeGreaterThan(0);
  const warm = await exportBytes(period);
  expect(Buffer.from(warm).equals(Buffer.from(cold))).toBe(true);
  // Nothing was scored again.
  expect(await stamps()).toEqual(kept);
});

test("a month still open is scored afresh, never kept", async () => {
  const mid = new Date("2026-12-15T02:00:00Z");
  const cold = await coldBytes("2026-Q4", mid);
  const kept = await stamps();
  expect([...kept.keys()].some((k) => k.endsWith("|2026-12"))).toBe(false);
  expect([...kept.keys()].filter((k) => k.endsWith("|2026-11"))).toHaveLength(list.length);
  expect(Buffer.from(await exportBytes("2026-Q4", mid)).equals(Buffer.from(cold))).toBe(true);
});

describe("after a write, the warm export scores again only what it touched, and equals a cold one", () => {
  const cases: [string, () => Promise<string[]>][] = [
    [
      "a leader's rating",
      async () => {
        const g = list[0]!;
        await run(
          rateWrites(t.db, {
            group: g,
            month: "2026-06",
            member: await staff(g),
            leaves: ["business"],
            score: 41,
            raterGroup: "leader",
            by: larkOpenId("0_leader"),
            now: new Date("2026-06-29T02:00:00Z"),
          }),
        );
        return [`${g.id}|2026-06`];
      },
    ],
    [
      "a claim decided (a bonus approved)",
      async () => {
        const g = list[2]!;
        const claimant = await staff(g, 1);
        const now = new Date("2026-10-20T02:00:00Z");
        const c = createClaim(t.db, {
          group: g,
          member: claimant,
          kind: "bonus",
          period: "2026-10",
          detail: { dimension: "business", points: 5 },
          evidence: "牵头完成县里防汛检查迎检材料",
          no: await nextClaimNo(t.db, g.id),
          now,
        });
        await run(c.writes);
        const ctx = (await loadClaim(t.db, c.claim.id))!;
        await run(decideWrites(t.db, ctx, { decision: "approved", by: larkOpenId("2_leader"), now }));
        return [`${g.id}|2026-10`];
      },
    ],
    [
      "a correction of a published quarter",
      async () => {
        const g = list[0]!;
        const now = new Date("2027-01-04T02:00:00Z");
        const pub = await publish(t.db, g, "2026-Q3", localDate(now, g.timezone), groupCalendar(g), now);
        await run(
          correctionWrites(t.db, {
            group: g,
            publication: pub,
            member: await staff(g, 2),
            dimension: "village",
            points: -4,
            reason: "汛期值班脱岗一次，经核实扣分",
            by: larkOpenId("0_leader"),
            action: "publication.correct",
            now,
          }),
        );
        return [`${g.id}|${correctionMonth("2026-Q3")}`];
      },
    ],
    [
      "a roster import changing a coefficient",
      async () => {
        const g = list[2]!;
        const person = await staff(g, 3);
        const plan = await planRosterImport(t.db, {
          platform: "lark",
          tenantKey: TENANT,
          // 岗变酬变 from December, imported in December: the earliest a roster may date a change.
          parsed: parseRoster([
            ["姓名", "部门", "岗位", "系数", "生效日期"],
            [displayName(person), g.name, "副主任", 1.083, "2026-12-01"],
          ]),
          by: larkOpenId("2_leader"),
          now: new Date("2026-12-20T02:00:00Z"),
          today: "2026-12-20",
        });
        expect(plan.problems).toEqual([]);
        expect(plan.changed).toBe(1);
        await run(plan.writes);
        return yearOf(g);
      },
    ],
    [
      "a leave approved (the group's months: 按时记录率 leaves its days out)",
      async () => {
        const g = list[2]!;
        const r = await requestLeave(t.db, {
          group: g,
          member: await staff(g, 2),
          from: "2026-10-12",
          to: "2026-10-16",
          kind: "病假",
          now: new Date("2026-10-10T02:00:00Z"),
        });
        await run(r.writes);
        const d = await decideLeaveCase(t.db, {
          leaveId: r.leave.id,
          tenant: g,
          by: (
            await t.db
              .select()
              .from(members)
              .where(and(eq(members.groupId, g.id), eq(members.role, "leader")))
          )[0]!.userId,
          decision: "approve",
          now: new Date("2026-10-10T03:00:00Z"),
        });
        if (!d.ok) throw new Error(d.code);
        await run(d.writes);
        return yearOf(g);
      },
    ],
    [
      "a scheme change (weights from October)",
      async () => {
        const g = list[1]!;
        const section = schemeTemplates.find((x) => x.id === "unit-staff")!.scheme;
        // The heaviest dimension gives 5 to the lightest.
        const weights = section.dimensions.map((d) => d.weight);
        const [most, least] = [weights.indexOf(Math.max(...weights)), weights.indexOf(Math.min(...weights))];
        const dimensions = section.dimensions.map((d, i) => ({
          ...d,
          weight: d.weight + (i === least ? 5 : i === most ? -5 : 0),
        }));
        const p = await prepareScheme(
          t.db,
          g,
          { ...section, dimensions, annualPool: 50000 },
          "import",
          larkOpenId("1_leader"),
          new Date("2026-10-01T00:00:00Z"),
        );
        if (!p.ok) throw new Error(JSON.stringify(p.errors));
        await run(p.writes);
        return yearOf(g);
      },
    ],
  ];

  test.each(cases)("%s", async (_, write) => {
    await coldBytes("2026");
    const before = await exportBytes("2026");
    const kept = await stamps();
    const touched = await write();
    const warm = await exportBytes("2026");
    const after = await stamps();
    const again = [...after].filter(([k, s]) => kept.get(k) !== s).map(([k]) => k);
    const isMonth = (k: string) => /\|\d{4}-\d{2}$/.test(k);
    expect(again.filter(isMonth).sort()).toEqual([...touched].sort());
    // The year's figures are kept beside the months: kept again for the touched group only.
    const groupsTouched = new Set(touched.map((k) => k.split("|")[0]));
    expect(again.filter((k) => !isMonth(k)).sort()).toEqual([...groupsTouched].map((g) => `${g}|2026`).sort());
    // The write changed the figures, so a stale month would show; the warm export has the new ones.
    expect(readFirstSheet(warm)).not.toEqual(readFirstSheet(before));
    const cold = await coldBytes("2026");
    expect(Buffer.from(warm).equals(Buffer.from(cold))).toBe(true);
  });
});

test("an office's grade override shows in the export, never in the kept figures (finalGrades runs after them)", async () => {
  const g = list[0]!;
  const staffScheme = schemeTemplates.find((x) => x.id === "unit-staff")!.scheme;
  const p = await prepareScheme(
    t.db,
    g,
    { ...staffScheme, confirmGrades: true },
    "import",
    larkOpenId("0_leader"),
    new Date("2026-02-01T00:00:00Z"),
  );
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  await run(p.writes);
  await coldBytes("2026");
  const keptYear = async () =>
    (
      await t.client.execute({
        sql: "select stamp, result from month_results where group_id = ? and period = '2026'",
        args: [g.id],
      })
    ).rows[0]!;
  const before = await keptYear();
  const figures = decodeFigures(String(before.result));
  const person = await staff(g, 1);
  const engine = figures.find((f) => f.id === person.id)!;
  // The office is asked for the year (as the job does), then gives this person another grade.
  const gate = await confirmationGate(
    t.db,
    g,
    "2026",
    p.scheme,
    figures.map((f) => ({ id: f.id, name: f.name, total: f.total, rank: f.rank, grade: f.grade, dimensions: {} })),
    AT,
  );
  expect(gate.kind).toBe("wait");
  const other = p.scheme.grades.map((x) => x.name).find((name) => name !== engine.grade)!;
  const o = await overrideGrade(t.db, {
    group: g,
    scheme: p.scheme,
    period: "2026",
    member: person,
    grade: other,
    reason: "年内获县级表彰，考核组评定",
    by: larkOpenId("office"),
    now: AT,
  });
  if (o.code !== "overridden") throw new Error(o.code);
  await run(o.writes);
  const warm = await exportBytes("2026");
  const gradeOf = (bytes: Uint8Array) => {
    const [head, ...rows] = readFirstSheet(bytes);
    return rows.find((r) => r[0] === g.name && r[1] === displayName(person))![head!.indexOf("等次")];
  };
  expect(gradeOf(warm)).toBe(other);
  // The kept figures were used as they were (not scored again) and still hold the engine's grade.
  expect(await keptYear()).toEqual(before);
  expect(Buffer.from(warm).equals(Buffer.from(await coldBytes("2026")))).toBe(true);
  expect(decodeFigures(String((await keptYear()).result)).find((f) => f.id === person.id)!.grade).toBe(engine.grade);
});
