/**
 * Rule 3: a top-level dimension earns `score × weight / 100` points. Positive adjustments add at
 * most `bonusCapPct`% of its weight (DOMAIN §2: "加分最高不超过该项分值的20%"); negative ones
 * subtract; the dimension never goes below 0 points. The cap applies to the bonuses before any
 * deduction, so a deduction cannot "make room" for more bonus.
 */
import type { Dimension } from "../scheme/types";
import { compareText } from "./order";
import { scoreNode, type NodeScore, type RatingsByLeaf } from "./tree";

export interface AdjustmentEntry {
  points: number;
  reason: string;
  /** The key the adjustment named; a nested key is applied to its top-level ancestor. */
  target: string;
}

export interface AdjustedPoints {
  /** score × weight / 100, before adjustments. */
  base: number;
  /** Sorted by points, reason, target, so the derivation does not depend on input order. */
  adjustments: AdjustmentEntry[];
  bonusRequested: number;
  /** Most bonus allowed, in points; null where the scheme sets no cap. */
  bonusCap: number | null;
  /** Bonus applied after the cap. */
  bonus: number;
  /** Sum of the deductions asked for, as a positive number. */
  deductionRequested: number;
  /** Deduction applied: less than requested only when the floor at 0 stopped it. */
  deduction: number;
  points: number;
}

export type TopDimensionScore = NodeScore & AdjustedPoints;

const byPointsThenReason = (a: AdjustmentEntry, b: AdjustmentEntry) =>
  a.points - b.points || compareText(a.reason, b.reason) || compareText(a.target, b.target);

export function applyAdjustments(
  score: number,
  dim: Pick<Dimension, "weight" | "bonusCapPct">,
  given: readonly AdjustmentEntry[],
): AdjustedPoints {
  const adjustments = [...given].sort(byPointsThenReason);
  const base = (score * dim.weight) / 100;
  let bonusRequested = 0;
  let deductionRequested = 0;
  for (const a of adjustments) {
    if (a.points > 0) bonusRequested += a.points;
    else deductionRequested -= a.points;
  }
  const bonusCap = dim.bonusCapPct === undefined ? null : (dim.weight * dim.bonusCapPct) / 100;
  const bonus = bonusCap === null ? bonusRequested : Math.min(bonusRequested, bonusCap);
  const before = base + bonus;
  const points = Math.max(0, before - deductionRequested);
  const deduction = before - points;
  return { base, adjustments, bonusRequested, bonusCap, bonus, deductionRequested, deduction, points };
}

export function scoreTopDimension(
  dim: Dimension,
  raters: Readonly<Record<string, number>>,
  ratings: RatingsByLeaf,
  adjustments: readonly AdjustmentEntry[],
  missing: string[],
): TopDimensionScore {
  const node = scoreNode(dim, raters, ratings, missing);
  return { ...node, ...applyAdjustments(node.score, dim, adjustments) };
}
