import type { Database } from "../db/database";
import type { Group, Member } from "../db/schema";
import type { SchoolPeriod, SchoolPeriodArg } from "../domain/school-year";
import type { CombinedMember } from "../domain/scoring";
import { round2 } from "../domain/scoring";
import { computeSchoolArg, type SchoolResult } from "./school-results";
import { visibleRows } from "../domain/ranking";
import type { RankingVisibility } from "../domain/scheme";
import { isLeader } from "./authority";
import type { RankRow } from "./rank-view";

/**
 * How one person's semester or school-year total is made up: each month's total and their mean (平时), each 测评,
 * and each part's share of this person's total (a part they have no score in is left out and the others scale up,
 * as combinePeriods does).
 */
export interface SchoolBreakdown {
  period: SchoolPeriod;
  me: CombinedMember;
  headcount: number;
  months: { month: string; total: number | null }[];
  /** 平时: the mean of the months the person was scored in; null when none. */
  monthsMean: number | null;
  /** The months' share of this person's total, in percent (0 when none). */
  monthsShare: number;
  reviews: { name: string; score: number | null; share: number }[];
}

export type MySchoolResult =
  | { ok: false; code: "no_school_year" }
  | { ok: false; code: "not_started" | "no_score"; period: SchoolPeriod }
  | ({ ok: true; code: "scored" } & SchoolBreakdown);

const pct = (w: number, of: number) => (of > 0 ? round2((w * 100) / of) : 0);

/** The breakdown of one member's line of a computed school period. */
export function breakdownOf(r: SchoolResult, me: CombinedMember): SchoolBreakdown {
  const parts = r.parts.map((p, i) => ({ ...p, total: me.parts[i]?.total ?? null }));
  const mine = parts.filter((p) => p.total !== null);
  const weight = mine.reduce((n, p) => n + p.weight, 0);
  const months = parts.filter((p) => !p.review);
  const scoredMonths = months.filter((p) => p.total !== null);
  return {
    period: r.period,
    me,
    headcount: r.combined.members.length,
    months: months.map((p) => ({ month: p.period, total: p.total })),
    monthsMean: scoredMonths.length
      ? round2(scoredMonths.reduce((n, p) => n + p.total!, 0) / scoredMonths.length)
      : null,
    monthsShare: pct(
      scoredMonths.reduce((n, p) => n + p.weight, 0),
      weight,
    ),
    reviews: parts
      .filter((p) => p.review)
      .map((p) => ({ name: p.period, score: p.total, share: p.total === null ? 0 : pct(p.weight, weight) })),
  };
}

/** 成绩 学期 / 成绩 学年: the member's semester or school year so far, with its parts. */
export async function mySchoolPeriod(
  db: Database,
  input: { group: Group; member: Member; arg: SchoolPeriodArg; now: Date },
): Promise<MySchoolResult> {
  const r = await computeSchoolArg(db, input.group, input.arg, input.now);
  if (!r.ok) return r;
  const me = r.combined.members.find((m) => m.id === input.member.id);
  if (!me) return { ok: false, code: "no_score", period: r.period };
  return { ok: true, code: "scored", ...breakdownOf(r, me) };
}

export type SchoolRanking =
  | { ok: false; code: "no_school_year" }
  | { ok: false; code: "not_started"; period: SchoolPeriod }
  | {
      ok: true;
      code: "ranked";
      period: SchoolPeriod;
      /** The period's last month so far (the ranking card's month field). */
      month: string;
      rows: RankRow[];
      headcount: number;
      visibility: RankingVisibility | "leader";
      myPlace?: RankRow;
    };

/** 排名 学期 / 排名 学年: the semester or school year ranked, as the scheme's rankingVisibility lets this member see it. */
export async function schoolRanking(
  db: Database,
  input: { group: Group; member: Member; arg: SchoolPeriodArg; now: Date },
): Promise<SchoolRanking> {
  const r = await computeSchoolArg(db, input.group, input.arg, input.now);
  if (!r.ok) return r;
  const all = r.combined.members.map((m) => ({
    rank: m.rank,
    name: m.name,
    total: m.total,
    grade: m.grade,
    me: m.id === input.member.id,
  }));
  const mine = all.find((x) => x.me);
  const leader = isLeader(input.member);
  const visibility = leader ? "leader" : r.scheme.rankingVisibility;
  return {
    ok: true,
    code: "ranked",
    period: r.period,
    month: r.months.at(-1)!,
    rows: visibleRows(all, visibility),
    headcount: all.length,
    visibility,
    ...(mine && !leader ? { myPlace: mine } : {}),
  };
}
