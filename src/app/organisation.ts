import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/database";
import { departmentScores, type Group } from "../db/schema";
import type { IsoMonth } from "../domain/dates";
import {
  calibrationFor,
  organisationGrades,
  rankOrganisation,
  type GradedGroup,
  type OrganisationGrades,
  type Calibration,
  type GroupPeriod,
  type OrganisationRanking,
} from "../domain/scoring";
import { periodSource, type MonthSource, type PeriodSource } from "./period-data";
import { computeMonth, type MonthScores } from "./scores";
import { auditWrite, type Writes } from "./audit";
import { performanceOf } from "./unit-results";

/** How a group's month is obtained: computed afresh, or from a job run's cache. */
export type MonthOf = (group: Group, month: IsoMonth) => Promise<MonthScores>;

/** 部门绩效 the office set for these groups' month. */
export async function departmentScoresFor(
  db: Database,
  groupIds: readonly string[],
  month: IsoMonth,
): Promise<Map<string, number>> {
  if (!groupIds.length) return new Map();
  const rows = await db
    .select()
    .from(departmentScores)
    .where(and(inArray(departmentScores.groupId, [...groupIds]), eq(departmentScores.period, month)));
  return new Map(rows.map((r) => [r.groupId, r.score]));
}

/** Setting a group's 部门绩效 for a month again replaces it; the audit log keeps the earlier value. */
export function departmentScoreWrites(
  db: Database,
  input: { group: Group; month: IsoMonth; score: number; by: string; previous: number | null; now: Date },
): Writes {
  return [
    db
      .insert(departmentScores)
      .values({
        groupId: input.group.id,
        period: input.month,
        score: input.score,
        byUserId: input.by,
        createdAt: input.now,
      })
      .onConflictDoUpdate({
        target: [departmentScores.groupId, departmentScores.period],
        set: { score: input.score, byUserId: input.by, createdAt: input.now },
      }),
    auditWrite(db, {
      groupId: input.group.id,
      by: input.by,
      action: "department.score",
      subjectId: input.group.id,
      detail: { month: input.month, score: input.score, previous: input.previous },
      now: input.now,
    }),
  ];
}

export interface OrganisationMonth {
  month: IsoMonth;
  groups: GroupPeriod[];
  ranking: OrganisationRanking;
  /** Rules-2 percentage quotas counted over the whole organisation (organisation-grades.ts); the groups' own
   * results are untouched. */
  grades: OrganisationGrades;
}

/** Every active group of the tenant for a month, people and groups ranked across them. */
export async function organisationMonth(
  db: Database,
  all: readonly Group[],
  month: IsoMonth,
  now: Date,
  monthOf: MonthOf = batchedMonths(db, all, month, now),
): Promise<OrganisationMonth> {
  // 部门绩效: the unit's score where the group is appraised as a unit (unit-results.ts), else the typed figure.
  const performance = await performanceOf(db, all, [month]);
  const periods: GroupPeriod[] = [];
  const graded: GradedGroup[] = [];
  // One group at a time: a tenant may have hundreds (read a chunk of groups at a time by default).
  for (const g of all) {
    const { inForce, result } = await monthOf(g, month);
    periods.push({
      groupId: g.id,
      groupName: g.name,
      people: result.members.map((m) => ({ id: m.id, name: m.name, total: m.total })),
      calibrate: inForce.scheme.departmentCalibration,
      performance: performance.get(`${g.id}|${month}`) ?? null,
    });
    graded.push({
      groupId: g.id,
      rules: inForce.scheme.rules,
      grades: inForce.scheme.grades,
      people: result.members.map((m) => ({ id: m.id, total: m.total })),
    });
  }
  return { month, groups: periods, ranking: rankOrganisation(periods), grades: organisationGrades(graded) };
}

/** Every group's month from a handful of queries per chunk of groups (period-data.ts), rather than several per group. */
function batchedMonths(db: Database, all: readonly Group[], month: IsoMonth, now: Date): MonthOf {
  const source = periodSource(db, all, [month], now);
  return (g, m) => (m === month && all.includes(g) ? source.month(g, m) : computeMonth(db, g, m, now));
}

/**
 * A group's calibration over some months (one for 成绩, a quarter's for the
 * report card): its scheme must turn it on, and the office's 部门绩效 of
 * those months (their mean, where set) is compared with the group's average.
 * A group appraised as a unit takes its unit's score as its 部门绩效 (unit-results.ts).
 */
export async function groupCalibration(
  db: Database,
  group: Group,
  calibrate: boolean,
  months: readonly IsoMonth[],
  totals: readonly number[],
  source?: MonthSource,
): Promise<Calibration | null> {
  if (!calibrate || !months.length) return null;
  const scores = source
    ? await source.departmentScores(group, months)
    : await performanceOf(db, [group], months).then((p) => months.flatMap((m) => p.get(`${group.id}|${m}`) ?? []));
  if (!scores.length) return null;
  const performance = Math.round((scores.reduce((n, s) => n + s, 0) / scores.length) * 100) / 100;
  return calibrationFor(totals, performance);
}

/** 设置 部门绩效: the office's score for a group's month; the earlier value, if any, is said and logged. */
export async function setDepartmentScore(
  deps: { db: Database },
  input: { group: Group; month: IsoMonth; score: number; by: string; now: Date },
): Promise<{ ok: true; code: "saved"; previous: number | null; writes: Writes }> {
  const previous = (await departmentScoresFor(deps.db, [input.group.id], input.month)).get(input.group.id) ?? null;
  return { ok: true, code: "saved", previous, writes: departmentScoreWrites(deps.db, { ...input, previous }) };
}
