/**
 * A unit's score for a month (考核单位, issue 14 item 3): the office's admins rate each leaf of the unit scheme 0–100;
 * a leaf scores the mean of its raters' latest ratings, a node the weighted sum of its children, the unit the weighted
 * sum of its top-level dimensions (百分制, 篇5 line 94 「均实行百分制考核」). A unit with a leaf nobody rated has no
 * total: it neither calibrates its members nor takes the 流动红旗 until every indicator is scored.
 */
import { toCents, round2 } from "./fen";
import { fix2, pct } from "./format";
import { rankGroups } from "./rank";
import type { Dimension } from "../scheme/types";
import type { UnitScheme } from "./unit-scheme";

export interface UnitRatingInput {
  dimension: string;
  score: number;
  by: string;
}

export interface UnitNodeScore {
  key: string;
  name: string;
  weight: number;
  /** Null while a leaf below is unrated. */
  score: number | null;
  /** Leaves only: how many admins rated it. */
  raters?: number;
  children?: UnitNodeScore[];
}

export interface UnitResult {
  scheme: string;
  /** Hundredths-rounded total, or null while incomplete. */
  total: number | null;
  dimensions: UnitNodeScore[];
  leaves: number;
  ratedLeaves: number;
}

const isLeaf = (d: Dimension) => !d.children?.length;

export function leafKeys(dimensions: readonly Dimension[]): string[] {
  return dimensions.flatMap((d) => (isLeaf(d) ? [d.key] : leafKeys(d.children!)));
}

/** The keys of the leaves under a node (itself if a leaf), or null if no such node. */
export function leavesUnder(scheme: UnitScheme, key: string): string[] | null {
  const find = (nodes: readonly Dimension[]): Dimension | undefined =>
    nodes.reduce<Dimension | undefined>((hit, n) => hit ?? (n.key === key ? n : find(n.children ?? [])), undefined);
  const node = find(scheme.dimensions);
  return node ? (isLeaf(node) ? [node.key] : leafKeys(node.children!)) : null;
}

/** Each rater's latest rating per leaf counts (the caller gives them in the order written). */
export function scoreUnit(scheme: UnitScheme, ratings: readonly UnitRatingInput[]): UnitResult {
  const latest = new Map<string, Map<string, number>>();
  for (const r of ratings) {
    const byRater = latest.get(r.dimension) ?? new Map<string, number>();
    byRater.set(r.by, r.score);
    latest.set(r.dimension, byRater);
  }
  let leaves = 0;
  let rated = 0;
  const score = (d: Dimension): UnitNodeScore => {
    if (isLeaf(d)) {
      leaves += 1;
      const scores = [...(latest.get(d.key)?.values() ?? [])];
      if (scores.length) rated += 1;
      return {
        key: d.key,
        name: d.name,
        weight: d.weight,
        score: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
        raters: scores.length,
      };
    }
    const children = d.children!.map(score);
    const complete = children.every((c) => c.score !== null);
    return {
      key: d.key,
      name: d.name,
      weight: d.weight,
      score: complete ? children.reduce((sum, c) => sum + (c.weight / 100) * c.score!, 0) : null,
      children,
    };
  };
  const dimensions = scheme.dimensions.map(score);
  const complete = dimensions.every((d) => d.score !== null);
  const total = complete ? round2(dimensions.reduce((sum, d) => sum + (d.weight / 100) * d.score!, 0)) : null;
  return { scheme: scheme.name, total, dimensions, leaves, ratedLeaves: rated };
}

/** The card's lines: each top-level dimension's score × weight, then the total (or what is still missing). */
export function unitLines(result: UnitResult): string[] {
  const lines = result.dimensions.map((d) =>
    d.score === null
      ? `${d.name}（${pct(d.weight)}）：未评完`
      : `${d.name}（${pct(d.weight)}）：${fix2(d.score)} × ${pct(d.weight)} = ${fix2((d.score * d.weight) / 100)}`,
  );
  lines.push(
    result.total === null
      ? `单位得分：未评完（已评 ${result.ratedLeaves}/${result.leaves} 项）`
      : `单位得分：${result.dimensions.map((d) => fix2((d.score! * d.weight) / 100)).join(" + ")} = ${fix2(result.total)} 分`,
  );
  return lines;
}

/** A quarter's or a year's unit score: the mean of its months with a complete total (months unscored are left out). */
export function unitPeriodScore(months: readonly (number | null)[]): number | null {
  const done = months.filter((m): m is number => m !== null);
  return done.length ? round2(done.reduce((a, b) => a + b, 0) / done.length) : null;
}

export interface RankedUnit {
  rank: number;
  groupId: string;
  groupName: string;
  total: number;
}

/** Units by score, best first, ties sharing a place (rank.ts): the first holds the 流动红旗 (篇9 line 184). */
export function rankUnits(
  units: readonly { groupId: string; groupName: string; total: number | null }[],
): RankedUnit[] {
  const scored = units.flatMap((u) =>
    u.total === null ? [] : [{ id: u.groupId, cents: toCents(u.total), groupName: u.groupName, total: u.total }],
  );
  return rankGroups(scored).flatMap((tie) =>
    tie.members.map((u) => ({ rank: tie.rank, groupId: u.id, groupName: u.groupName, total: u.total })),
  );
}
