import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { departmentScoreWrites, organisationMonth } from "../../src/app/organisation";
import { periodSource } from "../../src/app/period-data";
import { prepareScheme, schemeForMonth } from "../../src/app/schemes";
import { computeMonth, loadMonth, rateWrites } from "../../src/app/scores";
import type { BatchItem } from "../../src/db/database";
import { groups, leaves, members, records, type Group } from "../../src/db/schema";
import { computeYear } from "../../src/app/period-results";
import { computeQuarter } from "../../src/app/period-results";
import { openTestDatabase } from "../support/db";
import { seedTenant } from "../support/seed-tenant";
import { larkOpenId } from "../support/ids";

/**
 * The batched loader against the per-group one, on a tenant with what makes
 * a month's inputs differ: another scheme with peer raters and a computed
 * 出勤 leaf (records on time and late, leave across a month's end), a scheme
 * changed mid-period, 部门绩效 with calibration, peer ratings held back and
 * counted, a withdrawn record, an inactive member.
 */
let t: Awaited<ReturnType<typeof openTestDatabase>>;
let all: Group[];
const MONTHS = ["2026-09", "2026-10", "2026-11", "2026-12"];
const run = (items: unknown[]) => t.db.batch(items as [BatchItem, ...BatchItem[]]);
const ATTENDANCE_SCHEME = {
  name: "出勤方案",
  dimensions: [
    { key: "business", name: "业务", weight: 80 },
    { key: "attendance", name: "出勤", weight: 20, source: "attendance" },
  ],
  raters: { leader: 70, peer: 30 },
  departmentCalibration: true,
  rankingVisibility: "full",
};

async function scheme(g: Group, json: unknown, at: string) {
  const p = await prepareScheme(t.db, g, json, "import", larkOpenId(`${g.id}_leader`), new Date(at));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  await run(p.writes);
}

beforeAll(async () => {
  t = await openTestDatabase();
  await seedTenant(t.db, {
    tenantKey: "t1",
    groups: 5,
    perGroup: 5,
    months: MONTHS,
    leaves: ["business"],
    at: new Date("2026-08-01T00:00:00Z"),
  });
  all = (await t.db.select().from(groups)).sort((a, b) => a.id.localeCompare(b.id));
  const [g1, g2, g3] = [all[1]!, all[2]!, all[3]!];
  await scheme(g1, ATTENDANCE_SCHEME, "2026-08-01T00:00:00Z");
  // g2 changes scheme in mid-October: September is scored with the old one, November with the new.
  await scheme(
    g2,
    { ...ATTENDANCE_SCHEME, name: "旧方案", dimensions: [{ key: "business", name: "业务", weight: 100 }] },
    "2026-08-01T00:00:00Z",
  );
  await scheme(g2, ATTENDANCE_SCHEME, "2026-10-15T00:00:00Z");
  const people = (g: Group) => t.db.select().from(members).where(eq(members.groupId, g.id));
  const [p1, p2] = [await people(g1), await people(g2)];
  // Records: on the day (on time), two days late, withdrawn; leave across October's end.
  const rec = (m: (typeof p1)[number], date: string, createdAt: string, withdrawn = false) => ({
    id: `rec_${m.id}_${date}_${createdAt}`,
    groupId: m.groupId,
    memberId: m.id,
    date,
    text: "工作",
    createdAt: new Date(createdAt),
    ...(withdrawn ? { withdrawnAt: new Date(createdAt) } : {}),
  });
  const rows = [p1, p2].flatMap((ps) =>
    ps
      .slice(0, 3)
      .flatMap((m, i) => [
        rec(m, "2026-10-09", "2026-10-09T10:00:00Z"),
        rec(m, "2026-10-12", i === 0 ? "2026-10-14T10:00:00Z" : "2026-10-12T10:00:00Z"),
        rec(m, "2026-11-02", "2026-11-02T10:00:00Z", i === 1),
        rec(m, "2026-11-03", "2026-11-03T09:00:00Z"),
      ]),
  );
  await t.db.insert(records).values(rows);
  await t.db.insert(leaves).values([
    {
      id: "lv_1",
      groupId: g1.id,
      memberId: p1[1]!.id,
      from: "2026-10-29",
      to: "2026-11-04",
      status: "approved", // only approved leave removes due days (issue 13 item 9)
      createdAt: new Date("2026-10-20T00:00:00Z"),
    },
    {
      id: "lv_2",
      groupId: g2.id,
      memberId: p2[2]!.id,
      from: "2026-11-10",
      to: "2026-11-10",
      status: "approved",
      createdAt: new Date("2026-10-20T00:00:00Z"),
      cancelledAt: new Date("2026-11-01T00:00:00Z"),
    },
  ]);
  // Peer ratings: three colleagues on one person (counted), two on another (held back).
  for (const [target, raters] of [
    [p1[2]!, [p1[3]!, p1[4]!, p1[0]!]],
    [p1[3]!, [p1[4]!, p1[0]!]],
  ] as const)
    for (const r of raters)
      await run(
        rateWrites(t.db, {
          group: g1,
          month: "2026-11",
          member: target,
          leaves: ["business"],
          score: 70,
          raterGroup: "peer",
          by: r.userId,
          now: new Date("2026-11-15T02:00:00Z"),
        }),
      );
  for (const [g, m, s] of [
    [g1, "2026-10", 92],
    [g1, "2026-11", 88],
    [g2, "2026-11", 97],
  ] as const)
    await run(
      departmentScoreWrites(t.db, {
        group: g,
        month: m,
        score: s,
        by: larkOpenId("office"),
        previous: null,
        now: new Date("2026-12-01T00:00:00Z"),
      }),
    );
  // Someone who left: not in the month however they were rated.
  await t.db.update(members).set({ active: false }).where(eq(members.id, p2[4]!.id));
});
afterAll(() => t.dispose());

// Mid-November (today counts only once recorded) and after the year.
const NOWS = [new Date("2026-11-20T02:00:00Z"), new Date("2027-01-05T02:00:00Z")];

test.each(NOWS)(
  "the batched loader gives exactly loadMonth's inputs, attendance and peer counts, group by group, month by month (now %s)",
  async (now) => {
    // Two groups a chunk, so the source reads three chunks and goes back and forth between them.
    const source = periodSource(t.db, all, MONTHS, now, 2);
    let attendanceSeen = 0;
    for (const month of MONTHS)
      for (const g of [...all].reverse()) {
        const inForce = await schemeForMonth(t.db, g, month, now);
        const batched = await source.inputs(g, month);
        expect(batched.inForce).toEqual(inForce);
        expect(batched, `${g.id} ${month}`).toEqual({
          ...(await loadMonth(t.db, g, month, inForce.scheme, now)),
          inForce,
        });
        attendanceSeen += batched.attendance.size;
        expect(await source.month(g, month)).toEqual(await computeMonth(t.db, g, month, now));
      }
    expect(attendanceSeen).toBeGreaterThan(0);
  },
);

test("quarters, the year (with calibration) and the organisation's month are the same from the batched source", async () => {
  const now = NOWS[1]!;
  const source = periodSource(
    t.db,
    all,
    ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", ...MONTHS],
    now,
    2,
  );
  for (const g of all) {
    const q = await computeQuarter(t.db, g, "2026-Q4", now, source);
    expect(q).toEqual(await computeQuarter(t.db, g, "2026-Q4", now));
    if (g.id === all[1]!.id) expect(q.calibration).not.toBeNull();
    expect(await computeYear(t.db, g, "2026", now, source)).toEqual(await computeYear(t.db, g, "2026", now));
  }
  const single = periodSource(t.db, all, ["2026-11"], now);
  expect(await organisationMonth(t.db, all, "2026-11", now, (g, m) => single.month(g, m))).toEqual(
    await organisationMonth(t.db, all, "2026-11", now, (g, m) => computeMonth(t.db, g, m, now)),
  );
});
