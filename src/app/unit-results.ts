import { and, asc, desc, inArray, isNull } from "drizzle-orm";
import type { Database } from "../db/database";
import { departmentScores, unitRatings, unitSchemes, type Group } from "../db/schema";
import { DataError } from "../domain/data-error";
import { endOfLocalMonth, type IsoMonth } from "../domain/dates";
import { parseUnitScheme, type UnitScheme } from "../domain/scoring/unit-scheme";
import { scoreUnit, type UnitResult } from "../domain/scoring/unit-score";

/**
 * Units' results read from the database (issue 14 item 3): the unit scheme in force for a group's month and the
 * admins' ratings on it, scored by domain/scoring/unit-score.ts. Everything that reads 部门绩效 (calibration, the
 * 流动红旗) and the months that bind people to their unit (捆绑考核) read it through here, a few queries for many
 * groups and months at once.
 */

/** Marks the rating the engine gets for a leaf bound to the unit's score (捆绑考核), so the trail says where it is from. */
export const UNIT_RATER = "system:unit";

export interface UnitMonth {
  version: number;
  scheme: UnitScheme;
  result: UnitResult;
}

type SchemeRow = typeof unitSchemes.$inferSelect;
const key = (groupId: string, month: string) => `${groupId}|${month}`;

export function unitSchemeOf(row: SchemeRow): UnitScheme {
  const parsed = parseUnitScheme(JSON.parse(row.json));
  // Stored versions were validated when saved; a later, stricter validator must not lose them silently.
  if (!parsed.ok) throw new DataError(row.groupId, `unit scheme v${row.version}`, `unit scheme ${row.id} invalid`);
  return parsed.scheme;
}

/** The version in force for a month: the newest created before the month ended in the group's zone. */
export function inForceFor(versions: readonly SchemeRow[], group: Pick<Group, "timezone">, month: IsoMonth) {
  const end = endOfLocalMonth(month, group.timezone);
  return versions.find((v) => v.createdAt <= end);
}

/** Each group's unit scheme versions, newest first (groups without one are absent). */
export async function unitSchemeVersions(db: Database, groupIds: readonly string[]): Promise<Map<string, SchemeRow[]>> {
  const out = new Map<string, SchemeRow[]>();
  if (!groupIds.length) return out;
  const rows = await db
    .select()
    .from(unitSchemes)
    .where(inArray(unitSchemes.groupId, [...groupIds]))
    .orderBy(desc(unitSchemes.version));
  for (const r of rows) out.set(r.groupId, [...(out.get(r.groupId) ?? []), r]);
  return out;
}

/** The groups' months that have a unit scheme in force, scored; two queries however many. */
export async function unitMonths(
  db: Database,
  groups: readonly Pick<Group, "id" | "timezone">[],
  months: readonly IsoMonth[],
): Promise<Map<string, UnitMonth>> {
  const out = new Map<string, UnitMonth>();
  const versions = await unitSchemeVersions(
    db,
    groups.map((g) => g.id),
  );
  const withScheme = groups.filter((g) => versions.has(g.id));
  if (!withScheme.length || !months.length) return out;
  const rated = await db
    .select({
      groupId: unitRatings.groupId,
      period: unitRatings.period,
      dimension: unitRatings.dimension,
      score: unitRatings.score,
      by: unitRatings.raterUserId,
    })
    .from(unitRatings)
    .where(
      and(
        inArray(
          unitRatings.groupId,
          withScheme.map((g) => g.id),
        ),
        inArray(unitRatings.period, [...months]),
        isNull(unitRatings.supersededAt),
      ),
    )
    .orderBy(asc(unitRatings.createdAt), asc(unitRatings.id));
  const byMonth = new Map<string, typeof rated>();
  for (const r of rated) byMonth.set(key(r.groupId, r.period), [...(byMonth.get(key(r.groupId, r.period)) ?? []), r]);
  const parsed = new Map<string, UnitScheme>();
  for (const g of withScheme)
    for (const m of months) {
      const row = inForceFor(versions.get(g.id)!, g, m);
      if (!row) continue;
      if (!parsed.has(row.id)) parsed.set(row.id, unitSchemeOf(row));
      const scheme = parsed.get(row.id)!;
      out.set(key(g.id, m), {
        version: row.version,
        scheme,
        result: scoreUnit(scheme, byMonth.get(key(g.id, m)) ?? []),
      });
    }
  return out;
}

/**
 * 部门绩效 by "group|month": a group with a unit scheme in force takes its unit's score (once fully rated; nothing
 * before), any other the figure the office typed with 设置 部门绩效. Months with neither are absent.
 */
export async function performanceOf(
  db: Database,
  groups: readonly Pick<Group, "id" | "timezone">[],
  months: readonly IsoMonth[],
): Promise<Map<string, number>> {
  const ids = groups.map((g) => g.id);
  if (!ids.length || !months.length) return new Map();
  const [typed, units] = await Promise.all([
    db
      .select()
      .from(departmentScores)
      .where(and(inArray(departmentScores.groupId, ids), inArray(departmentScores.period, [...months]))),
    unitMonths(db, groups, months),
  ]);
  const out = new Map(typed.map((p) => [key(p.groupId, p.period), p.score]));
  for (const [k, u] of units) {
    if (u.result.total === null) out.delete(k);
    else out.set(k, u.result.total);
  }
  return out;
}
