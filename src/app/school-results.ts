import type { Database } from "../db/database";
import type { Group } from "../db/schema";
import { localDate, monthOf, type IsoMonth } from "../domain/dates";
import type { Scheme } from "../domain/scheme";
import { schoolParts } from "../domain/school-year-parts";
import {
  monthsOfSchoolPeriod,
  monthsOfSemester,
  parseSchoolPeriod,
  resolveSchoolPeriod,
  type SchoolPeriod,
  type SchoolPeriodArg,
  type SchoolYear,
} from "../domain/school-year";
import { combinePeriods, type CombinedResult } from "../domain/scoring";
import type { MonthSource } from "./period-data";
import { schemeForMonth } from "./schemes";
import { computeMonth } from "./scores";
import { reviewScores } from "./year-reviews";

/**
 * 学期 and 学年 results (issue 14 item 6): a school's semester or school year, combined from its months and its
 * 学期测评 (domain/school-year-parts.ts), ranked and graded as a quarter is. They pay nothing: place prizes and the
 * year-end pool stay with the calendar year (period-results.ts computeYear; 篇6 line 121 「年终绩效考核奖」).
 */

export interface SchoolResult {
  period: SchoolPeriod;
  /** The scheme of the period's last month so far, which decides grades and quotas (as in computeQuarter). */
  scheme: Scheme;
  schoolYear: SchoolYear;
  /** The period's months up to the current one (a period still running has only those). */
  months: IsoMonth[];
  /** Each part as combined: a month (2025-09) or a 测评 by its name, and its weight in percent of the whole. */
  parts: { period: string; weight: number; review: boolean }[];
  combined: CombinedResult;
}

export type SchoolOutcome =
  | { ok: false; code: "no_school_year" }
  | { ok: false; code: "not_started"; period: SchoolPeriod }
  | ({ ok: true; code: "computed" } & SchoolResult);

/** The school year the group's scheme in force now sets, if any. */
export async function schoolYearOf(db: Database, group: Group, now: Date): Promise<SchoolYear | undefined> {
  const current = monthOf(localDate(now, group.timezone));
  return (await schemeForMonth(db, group, current, now)).scheme.schoolYear;
}

/**
 * A group's semester or school year. Months after the current one are not scored; a month nobody in the group was
 * scored in is left out (as computeQuarter does). `source` is the export's and the job's reader of months.
 */
export async function computeSchoolPeriod(
  db: Database,
  group: Group,
  periodOrId: SchoolPeriod | string,
  now: Date,
  source?: MonthSource,
): Promise<SchoolOutcome> {
  const schoolYear = await schoolYearOf(db, group, now);
  if (!schoolYear) return { ok: false, code: "no_school_year" };
  const period = typeof periodOrId === "string" ? parseSchoolPeriod(periodOrId) : periodOrId;
  if (!period) throw new RangeError(`not a school period: ${String(periodOrId)}`);
  return computeWith(db, group, period, schoolYear, now, source);
}

/** What the person wrote (学期, 第一学期, 2025-2026学年…), resolved against today and the group's school year, computed. */
export async function computeSchoolArg(
  db: Database,
  group: Group,
  arg: SchoolPeriodArg,
  now: Date,
): Promise<SchoolOutcome> {
  const schoolYear = await schoolYearOf(db, group, now);
  if (!schoolYear) return { ok: false, code: "no_school_year" };
  const period = resolveSchoolPeriod(arg, monthOf(localDate(now, group.timezone)), schoolYear);
  return computeWith(db, group, period, schoolYear, now);
}

async function computeWith(
  db: Database,
  group: Group,
  period: SchoolPeriod,
  schoolYear: SchoolYear,
  now: Date,
  source?: MonthSource,
): Promise<SchoolOutcome> {
  const current = monthOf(localDate(now, group.timezone));
  const months = monthsOfSchoolPeriod(period, schoolYear).filter((m) => m <= current);
  if (!months.length) return { ok: false, code: "not_started", period };
  const scores = await Promise.all(
    months.map((m) => (source ? source.month(group, m) : computeMonth(db, group, m, now))),
  );
  const last = scores.at(-1)!.inForce.scheme;
  // The months' config decides which 测评 belongs to which semester, also where the last month's scheme has none.
  const scheme: Scheme = last.schoolYear ? last : { ...last, schoolYear };
  const sy = scheme.schoolYear!;
  const scored = scores.filter((m) => m.result.members.some((x) => x.total > 0));
  const keys = (sy.reviews ?? []).filter((k): k is string => Boolean(k));
  const terms: (1 | 2)[] = period.kind === "semester" ? [period.term] : [1, 2];
  const reviews = await Promise.all(
    terms.map((term) => {
      const within = monthsOfSemester(period.first, term, sy).filter((m) => m <= current);
      return within.length ? reviewScores(db, group, keys, within[0]!, within.at(-1)!) : Promise.resolve([]);
    }),
  );
  const parts = schoolParts(
    scheme,
    period,
    scored.map((m) => ({ period: m.month, result: m.result })),
    reviews,
  );
  const combined = combinePeriods(scheme, parts, { kind: "term" });
  const monthIds = new Set(scored.map((m) => m.month));
  return {
    ok: true,
    code: "computed",
    period,
    scheme,
    schoolYear: sy,
    months,
    parts: parts.map((p) => ({ period: p.period, weight: p.weight ?? 1, review: !monthIds.has(p.period) })),
    combined,
  };
}
