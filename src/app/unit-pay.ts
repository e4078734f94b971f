import { and, eq } from "drizzle-orm";
import type { Database } from "../db/database";
import { unitPools, type Group } from "../db/schema";
import { monthsOfYear } from "../domain/periods";
import { unitPeriodScore } from "../domain/scoring/unit-score";
import {
  allowanceFen,
  allowanceLine,
  twoLevelLines,
  twoLevelPay,
  type PayUnitInput,
  type TwoLevelPay,
} from "../domain/scoring/two-level-pay";
import { attendanceRowsOf } from "./attendance";
import type { MonthSource } from "./period-data";
import { computeYear } from "./period-results";
import { inForceFor, unitMonths, unitSchemeOf, unitSchemeVersions } from "./unit-results";
import { auditWrite, type Writes } from "./audit";
import { tenantGroups } from "./groups";

/**
 * 两级分配 for an organisation's year (issue 14 item 4, 篇5 line 95): the office's pool over the units appraised
 * under a unit scheme with pay options (their year's unit score × size coefficient), then each unit's share over its
 * people (guaranteed part, then the scheme's basis), plus each person's monthly 工作量津贴 (篇6 line 121).
 */

export interface PersonAllowance {
  yuanPerDay: number;
  months: { month: string; days: number }[];
  fen: number;
}

export interface UnitPayYear {
  year: string;
  pay: TwoLevelPay;
  allowances: Map<string, PersonAllowance>;
  /** Member id → the lines that explain the person's pay (report card and export). */
  lines: Map<string, string[]>;
  /** Member id → name, as the year's result has it. */
  names: Map<string, string>;
}

type Tenant = Pick<Group, "platform" | "tenantKey">;
/** A group's year as computeYear gives it (the annual job and the export have it already). */
type YearOf = Pick<Awaited<ReturnType<typeof computeYear>>, "scheme" | "combined">;

export async function unitPool(db: Database, tenant: Tenant, year: string): Promise<number | null> {
  const [row] = await db
    .select()
    .from(unitPools)
    .where(
      and(eq(unitPools.platform, tenant.platform), eq(unitPools.tenantKey, tenant.tenantKey), eq(unitPools.year, year)),
    );
  return row?.poolFen ?? null;
}

/** Setting a year's pool again replaces it; the audit log keeps the earlier amount. */
export async function setUnitPool(
  deps: { db: Database },
  input: { group: Group; year: string; poolFen: number; by: string; now: Date },
): Promise<{ ok: true; code: "saved"; previousFen: number | null; writes: Writes }> {
  const { db } = deps;
  const previousFen = await unitPool(db, input.group, input.year);
  const values = {
    platform: input.group.platform,
    tenantKey: input.group.tenantKey,
    year: input.year,
    poolFen: input.poolFen,
    byUserId: input.by,
    createdAt: input.now,
  };
  return {
    ok: true,
    code: "saved",
    previousFen,
    writes: [
      db
        .insert(unitPools)
        .values(values)
        .onConflictDoUpdate({
          target: [unitPools.platform, unitPools.tenantKey, unitPools.year],
          set: { poolFen: input.poolFen, byUserId: input.by, createdAt: input.now },
        }),
      auditWrite(db, {
        groupId: input.group.id,
        by: input.by,
        action: "unit.pool",
        subjectId: input.year,
        detail: { period: input.year, poolFen: input.poolFen, previousFen },
        now: input.now,
      }),
    ],
  };
}

/** The year's two-level pay, or null where the office set no pool or no unit scheme names pay options. */
export async function unitPayYear(
  db: Database,
  groups: readonly Group[],
  year: string,
  now: Date,
  options: { source?: MonthSource; known?: ReadonlyMap<string, YearOf>; poolFen?: number } = {},
): Promise<UnitPayYear | null> {
  const tenant = groups[0];
  if (!tenant) return null;
  const poolFen = options.poolFen ?? (await unitPool(db, tenant, year));
  if (poolFen === null) return null;
  const months = monthsOfYear(year);
  const versions = await unitSchemeVersions(
    db,
    groups.map((g) => g.id),
  );
  // The unit scheme in force at the year's end decides the coefficient and the pay options, as a scheme does.
  const paying = groups.flatMap((g) => {
    const row = inForceFor(versions.get(g.id) ?? [], g, months.at(-1)!);
    const scheme = row ? unitSchemeOf(row) : null;
    return scheme?.pay ? [{ group: g, scheme, pay: scheme.pay }] : [];
  });
  if (!paying.length) return null;
  const scored = await unitMonths(
    db,
    paying.map((p) => p.group),
    months,
  );
  const records = await attendanceRowsOf(
    db,
    paying.map((p) => p.group.id),
    months,
  );
  // 实际工作量: the days each person filed a daily record, by month (withdrawn records do not count).
  const daysOf = new Map<string, Set<string>>();
  for (const r of records.records) {
    const k = `${r.memberId}|${r.date.slice(0, 7)}`;
    daysOf.set(k, (daysOf.get(k) ?? new Set()).add(r.date));
  }
  const units: PayUnitInput[] = [];
  const names = new Map<string, string>();
  const allowances = new Map<string, PersonAllowance>();
  for (const { group, scheme, pay } of paying) {
    const year$ = options.known?.get(group.id) ?? (await computeYear(db, group, year, now, options.source));
    const people = year$.combined.members.filter((m) => m.total > 0);
    for (const m of people) names.set(m.id, m.name);
    const dimension = year$.scheme.dimensions.find((d) => d.key === pay.basis);
    // A basis the members' scheme does not have is said, not silently replaced: the total stands in, named so.
    const basisName = pay.basis === "total" ? "总分" : (dimension?.name ?? `总分（成员方案没有「${pay.basis}」维度）`);
    units.push({
      groupId: group.id,
      groupName: group.name,
      score: unitPeriodScore(months.map((m) => scored.get(`${group.id}|${m}`)?.result.total ?? null)),
      coefficient: scheme.coefficient,
      basePct: pay.basePct,
      basisName,
      people: people.map((m) => ({
        id: m.id,
        name: m.name,
        basis: dimension ? (m.dimensions[dimension.key] ?? 0) : m.total,
      })),
    });
    if (pay.allowancePerDay > 0)
      for (const m of people) {
        const byMonth = months.map((month) => ({ month, days: daysOf.get(`${m.id}|${month}`)?.size ?? 0 }));
        allowances.set(m.id, {
          yuanPerDay: pay.allowancePerDay,
          months: byMonth,
          fen: byMonth.reduce((n, x) => n + allowanceFen(x.days, pay.allowancePerDay), 0),
        });
      }
  }
  const split = twoLevelPay(poolFen, units);
  const lines = new Map<string, string[]>();
  for (const [id, p] of split.byPerson) lines.set(id, twoLevelLines(p));
  for (const [id, a] of allowances) lines.set(id, [...(lines.get(id) ?? []), allowanceLine(a.months, a.yuanPerDay)]);
  return { year, pay: split, allowances, lines, names };
}

export type UnitPayOutcome = {
  ok: true;
  code: "no-pool" | "no-units" | "split";
  poolFen: number | null;
  pay: TwoLevelPay | null;
  /** The asker's own lines, where they are in the split or have an allowance. */
  mine?: string[];
};

/** 两级分配 as someone asks for it: the organisation's split of the year, and their own lines. */
export async function twoLevelPayFor(
  deps: { db: Database },
  input: { group: Group; year: string; memberId: string; now: Date; poolFen?: number },
): Promise<UnitPayOutcome> {
  const { db } = deps;
  // A pool being set in this very update is not committed yet: the caller passes it.
  const poolFen = input.poolFen ?? (await unitPool(db, input.group, input.year));
  if (poolFen === null) return { ok: true, code: "no-pool", poolFen, pay: null };
  const run = await unitPayYear(db, await tenantGroups(db, input.group), input.year, input.now, { poolFen });
  if (!run) return { ok: true, code: "no-units", poolFen, pay: null };
  const mine = run.lines.get(input.memberId);
  return { ok: true, code: "split", poolFen, pay: run.pay, ...(mine ? { mine } : {}) };
}
