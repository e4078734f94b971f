/**
 * Indicators bound to targets (目标责任制, issue 14 item 1): which approved targets score which person's leaf in a
 * month, and what the leaf scores. Pure; the curve is curve.ts.
 *
 * A leaf with `source: "target"` takes, for each person, every approved target bound to it (its `dimension`) that
 * applies to them: their own, and the group's (no person named: everyone answers for it, 同奖同赔). Their points on
 * the curve are averaged. A person with no such target is rated on that leaf like on any other, so an indicator
 * whose targets are not yet approved is not silently 0.
 */
import type { Dimension, Scheme } from "../scheme/types";
import { bonusPoints, DEFAULT_CURVE, itemPoints, meanPoint, targetPoint, type CurvePoint } from "./curve";
import type { TargetCurve, TargetDirection } from "./curve";

/** A target as scoring sees it in one month: its progress through that month's end. */
export interface BoundGoal {
  seq: number;
  /** Null: the whole group's. */
  memberId: string | null;
  /** The leaf it is bound to. */
  dimension: string;
  direction: TargetDirection;
  planned: number;
  /** Done (or, for a limit, counted) from the period's start through the end of the month scored. */
  done: number;
  /** Months of its period up to and including the month scored, and in all. */
  elapsed: number;
  months: number;
}

export interface GoalPointOf {
  seq: number;
  direction: TargetDirection;
  planned: number;
  /** What was due by the month's end (a limit: the limit). */
  due: number;
  done: number;
  point: CurvePoint;
}

/** One person's bound leaf in a month. */
export interface BoundLeafScore {
  leaf: string;
  /** 0–100: what every rater group is taken to give the leaf. */
  score: number;
  /** Bonus in percent of the item's points, and in points (2 decimals), added as an adjustment on the leaf. */
  bonusPct: number;
  bonusPoints: number;
  goals: GoalPointOf[];
}

interface BoundLeaf {
  key: string;
  curve: TargetCurve;
  /** The leaf's points in the 100-point total. */
  points: number;
}

/** The scheme's leaves bound to targets, with their curves and points. */
export function boundLeaves(scheme: Pick<Scheme, "dimensions">): BoundLeaf[] {
  const out: BoundLeaf[] = [];
  const visit = (nodes: readonly Dimension[], weights: number[]) => {
    for (const d of nodes) {
      const path = [...weights, d.weight];
      if (d.children?.length) visit(d.children, path);
      else if (d.source === "target")
        out.push({ key: d.key, curve: { ...DEFAULT_CURVE, ...d.curve }, points: itemPoints(path) });
    }
  };
  visit(scheme.dimensions, []);
  return out;
}

export const hasTargetLeaf = (scheme: Pick<Scheme, "dimensions">): boolean => boundLeaves(scheme).length > 0;

/** Each person's bound leaves (only where a target applies to them), person id → leaf scores in scheme order. */
export function boundLeafScores(
  scheme: Pick<Scheme, "dimensions">,
  goals: readonly BoundGoal[],
  memberIds: readonly string[],
): Map<string, BoundLeafScore[]> {
  const out = new Map<string, BoundLeafScore[]>();
  const leaves = boundLeaves(scheme);
  if (!leaves.length || !goals.length) return out;
  const sorted = [...goals].sort((a, b) => a.seq - b.seq);
  for (const member of memberIds) {
    const scores: BoundLeafScore[] = [];
    for (const leaf of leaves) {
      const mine = sorted.filter((g) => g.dimension === leaf.key && (g.memberId === null || g.memberId === member));
      if (!mine.length) continue;
      const of = mine.map((g) => {
        const point = targetPoint(g, g.elapsed, g.months, leaf.curve);
        const due = g.direction === "at_most" ? g.planned : (g.planned * Math.min(g.elapsed, g.months)) / g.months;
        return { seq: g.seq, direction: g.direction, planned: g.planned, due, done: g.done, point };
      });
      const mean = meanPoint(of.map((g) => g.point));
      scores.push({ leaf: leaf.key, ...mean, bonusPoints: bonusPoints(mean.bonusPct, leaf.points), goals: of });
    }
    if (scores.length) out.set(member, scores);
  }
  return out;
}
