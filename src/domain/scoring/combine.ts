/**
 * 季考核 / 年总结: a longer period from the months (or quarters) inside it.
 * Each person's total is the weighted mean of the totals of the periods they
 * were scored in; ranks, grades and prizes then follow the scheme's rules on
 * those totals, exactly as for one month. Dimension scores are averaged the
 * same way, so a report card can set each against the group's average.
 */
import type { Scheme } from "../scheme/types";
import { round2, toCents } from "./fen";
import { assignGrades } from "./grades";
import { awardPrizes } from "./prizes";
import { rankGroups } from "./rank";
import type { Warning } from "./warning";

/** What a part needs of a period's result (a month's PeriodResult, or a combined quarter). */
export interface PartMember {
  id: string;
  name: string;
  total: number;
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

export function combinePeriods(scheme: Scheme, parts: readonly PartResult[]): CombinedResult {
  const people = new Map<
    string,
    {
      id: string;
      name: string;
      totals: { value: number; weight: number }[];
      dims: Map<string, { value: number; weight: number }[]>;
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
  const { byMember: grades, warnings } = assignGrades(scheme.grades, groups, totals.length);
  const prizes = awardPrizes(scheme.prizes, groups);
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
