/**
 * 季考核 / 年总结: a longer period from the months (or quarters) inside it.
 * Each person's total is the weighted mean of the totals of the periods they
 * were scored in; ranks, grades and prizes then follow the scheme's rules on
 * those totals, exactly as for one month. Dimension scores are averaged the
 * same way, so a report card can set each against the group's average.
 */
import type { Scheme } from "../scheme/types";
import { round2, toCents } from "./fen";
import { assignGrades, type ResolvedQuota } from "./grades";
import { awardPrizes, paysPrizes } from "./prizes";
import { rankGroups } from "./rank";
import type { Warning } from "./warning";

/** What a part needs of a period's result (a month's PeriodResult, or a combined quarter). */
export interface PartMember {
  id: string;
  name: string;
  total: number;
  coefficient?: number;
  dimensions: Record<string, { score: number }>;
}

export interface PartResult {
  period: string;
  result: { members: readonly PartMember[] };
  /** Weight of this part in the whole (default 1: a plain mean). */
  weight?: number;
}

export interface CombinedMember {
  id: string;
  name: string;
  total: number;
  rank: number;
  grade: string | null;
  prize: number;
  /** Each part's total, in order; null where the person was not in that part. */
  parts: { period: string; total: number | null }[];
  /** Top-level dimension → mean score (0–100) over the parts. */
  dimensions: Record<string, number>;
  /** Where the scheme's coefficient weights pay: the member's coefficient in the latest part. */
  coefficient?: number;
}

export interface CombineOptions {
  /**
   * What the combined period is (default a quarter): rules 2 pays place prizes only on the kind the scheme names.
   * A school's semester or school year ("term") pays none: the calendar year stays the pay year (篇6 line 121
   * 「年终绩效考核奖」, 篇4 line 79 「2012年度绩效工资考核实施方案」), so prizes and the pool go with the year's result.
   */
  kind?: "quarter" | "year" | "term";
  quotaSeats?: Readonly<Record<string, ResolvedQuota>>;
}

/** A separately rated year component's scores (篇9 line 193: 半年综合管理评价), member id → 0–100. */
export interface ReviewScores {
  key: string;
  scores: readonly { id: string; name: string; score: number }[];
}

/** A separately rated part beside the periods (a 半年综合管理评价, a 学期测评): its name, weight and scores. */
export interface ReviewPart {
  name: string;
  /** Its share of the whole in percent; the periods share the rest. */
  weight: number;
  scores: readonly { id: string; name: string; score: number }[];
}

/**
 * Periods (months, quarters) and separately rated reviews as the parts of a longer period. Each review keeps its own
 * weight; the periods share the rest in proportion to their own weights (over the periods present). A review nobody
 * scored is left out, as a period nobody was scored in is. yearParts (the year and its quarters) and the school's
 * semester and school year (school-year-parts.ts: months and 学期测评) are this one rule.
 */
export function withReviews(periods: readonly PartResult[], reviews: readonly ReviewPart[]): PartResult[] {
  const reviewParts: PartResult[] = reviews.flatMap((r) => {
    if (r.scores.length === 0) return [];
    const members = r.scores.map((s) => ({ id: s.id, name: s.name, total: s.score, dimensions: {} }));
    return [{ period: r.name, result: { members }, weight: r.weight }];
  });
  const reviewWeight = reviewParts.reduce((n, p) => n + (p.weight ?? 0), 0);
  const periodWeight = periods.reduce((n, p) => n + (p.weight ?? 1), 0);
  if (reviewParts.length === 0 || periodWeight === 0) return [...periods, ...reviewParts];
  return [
    ...periods.map((q) => ({ ...q, weight: ((100 - reviewWeight) * (q.weight ?? 1)) / periodWeight })),
    ...reviewParts,
  ];
}

/**
 * The parts of a year (issue 13 item 5). 篇9 line 193: 「市绩考办将组织一次半年综合管理评价考核，并按30%计入年底总评」.
 * Each of the scheme's `yearReviews` is its own part with its own weight; the quarters share the rest in proportion
 * to `yearWeights` (over the quarters present). With a 30% half-year review and four equal quarters, each quarter
 * weighs 17.5%: year = 0.7 × (Q1 + Q2 + Q3 + Q4) / 4 + 0.3 × review. A review nobody scored is left out, as a
 * quarter nobody was scored in is.
 */
export function yearParts(
  scheme: Pick<Scheme, "yearReviews">,
  quarters: readonly PartResult[],
  reviews: readonly ReviewScores[],
): PartResult[] {
  return withReviews(
    quarters,
    scheme.yearReviews.map((r) => ({
      name: r.name,
      weight: r.weight,
      scores: reviews.find((x) => x.key === r.key)?.scores ?? [],
    })),
  );
}

export interface CombinedResult {
  members: CombinedMember[];
  /** Per part: the group's mean total. */
  partAverages: { period: string; average: number | null }[];
  /** Top-level dimension → the group's mean score. */
  dimensionAverages: Record<string, number>;
  warnings: Warning[];
}

const mean = (xs: { value: number; weight: number }[]) => {
  const w = xs.reduce((n, x) => n + x.weight, 0);
  return w > 0 ? xs.reduce((n, x) => n + x.value * x.weight, 0) / w : 0;
};

export function combinePeriods(
  scheme: Scheme,
  parts: readonly PartResult[],
  options: CombineOptions = {},
): CombinedResult {
  const people = new Map<
    string,
    {
      id: string;
      name: string;
      totals: { value: number; weight: number }[];
      dims: Map<string, { value: number; weight: number }[]>;
      coefficient?: number;
    }
  >();
  for (const part of parts) {
    const weight = part.weight ?? 1;
    for (const m of part.result.members) {
      const p = people.get(m.id) ?? {
        id: m.id,
        name: m.name,
        totals: [] as { value: number; weight: number }[],
        dims: new Map<string, { value: number; weight: number }[]>(),
      };
      p.totals.push({ value: m.total, weight });
      if (m.coefficient !== undefined) p.coefficient = m.coefficient;
      for (const [key, f] of Object.entries(m.dimensions)) {
        const scores = p.dims.get(key);
        if (scores) scores.push({ value: f.score, weight });
        else p.dims.set(key, [{ value: f.score, weight }]);
      }
      people.set(m.id, p);
    }
  }
  const totals = [...people.values()].map((p) => ({ id: p.id, cents: toCents(mean(p.totals)) }));
  const groups = rankGroups(totals);
  const { byMember: grades, warnings } = assignGrades(
    scheme.grades,
    groups,
    totals.length,
    scheme.rules,
    options.quotaSeats,
  );
  const kind = options.kind ?? "quarter";
  const prizes = kind !== "term" && paysPrizes(scheme, kind) ? awardPrizes(scheme.prizes, groups) : new Map();
  const rankOf = new Map(groups.flatMap((g) => g.members.map((m) => [m.id, g.rank] as const)));
  // Each part's totals by person: a year export combines 10,000 people, so no search per person and part.
  const totalIn = parts.map((part) => {
    const byId = new Map<string, number>();
    for (const m of part.result.members) if (!byId.has(m.id)) byId.set(m.id, m.total);
    return byId;
  });

  const members: CombinedMember[] = [...people.values()]
    .map((p) => ({
      id: p.id,
      name: p.name,
      total: round2(mean(p.totals)),
      rank: rankOf.get(p.id)!,
      grade: grades.get(p.id)?.name ?? null,
      prize: (prizes.get(p.id)?.fen ?? 0) / 100,
      parts: parts.map((part, i) => ({ period: part.period, total: totalIn[i]!.get(p.id) ?? null })),
      dimensions: Object.fromEntries([...p.dims].map(([k, v]) => [k, round2(mean(v))])),
      ...(scheme.coefficient === "pay" && p.coefficient !== undefined ? { coefficient: p.coefficient } : {}),
    }))
    .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1));

  const dimensionAverages: Record<string, number> = {};
  for (const d of scheme.dimensions) {
    const scores = members.map((m) => m.dimensions[d.key]).filter((x): x is number => x !== undefined);
    dimensionAverages[d.key] = scores.length ? round2(scores.reduce((a, b) => a + b, 0) / scores.length) : 0;
  }
  return {
    members,
    partAverages: parts.map((part) => ({
      period: part.period,
      average: part.result.members.length
        ? round2(part.result.members.reduce((n, m) => n + m.total, 0) / part.result.members.length)
        : null,
    })),
    dimensionAverages,
    warnings,
  };
}
