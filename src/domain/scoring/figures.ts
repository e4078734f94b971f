/**
 * Rules 1–5 for the figures only: a member's total and per-dimension figures, in the same float
 * operations and the same order as scoreMember (leaf.ts … member.ts), but without building the
 * derivation tree. A period of 10,000 people needs every total to rank them, and almost never every
 * derivation; the derivation of one member is made by scoreMember when someone asks (compute.ts).
 * reference.test.ts holds both to the original engine's output.
 */
import type { Dimension, Scheme } from "../scheme/types";
import { applyAdjustments, type AdjustmentEntry } from "./dimension";
import { scoreExtra } from "./extra";
import { round2, toCents } from "./fen";
import { clamp } from "./leaf";
import { positions, type Buckets, type PeriodIndex } from "./member-inputs";
import type { DimensionFigures } from "./result";

export interface MemberFigures {
  id: string;
  /** The member's position in the inputs. */
  index: number;
  /** The member's bucket in the period index. */
  bucket: number;
  /** Unrounded, as MemberScore.total. */
  total: number;
  cents: number;
  dimensions: Record<string, DimensionFigures>;
  /** Extra points applied (unrounded). */
  extra: number;
  missing: string[];
}

/** Whether member bucket b has any item in the list. */
const has = (buckets: Buckets, b: number): boolean => buckets.start[b + 1]! > buckets.start[b]!;

/** The adjustments of a dimension nobody adjusted: never written to. */
const NONE: AdjustmentEntry[] = [];

/** The scheme compiled for figures: leaf keys and rater groups as small integers. */
export interface FiguresPlan {
  scheme: Scheme;
  leafSlot: Map<string, number>;
  raterSlot: Map<string, number>;
  raterWeights: number[];
  /** Per (leaf, group): 1 where the group rates the leaf's top-level dimension (scheme.raterScope). */
  rates: Uint8Array;
  /** Scratch, reused member after member: per (leaf, group) the sorted sum and count. */
  sums: Float64Array;
  counts: Int32Array;
  leafScores: Float64Array;
  leafRated: Uint8Array;
  pairSlots: Int32Array;
  pairScores: Float64Array;
  /** Per top-level dimension, its score from the leaf scores (rule 2), compiled once. */
  tops: ((missing: string[]) => number)[];
}

export function planFigures(scheme: Scheme, index: PeriodIndex): FiguresPlan {
  const { leafSlot, raterSlot, raterWeights } = index.slots;
  const raterEntries = Object.entries(scheme.raters);
  const slots = Math.max(1, leafSlot.size * raterEntries.length);
  const leafScores = new Float64Array(Math.max(1, leafSlot.size));
  const rates = new Uint8Array(slots).fill(1);
  for (const leaf of index.tree.leaves) {
    const scope = scheme.raterScope;
    raterEntries.forEach(([group], g) => {
      const keys = scope[group];
      if (keys && !keys.includes(leaf.top.key)) rates[leafSlot.get(leaf.node.key)! * raterEntries.length + g] = 0;
    });
  }
  const leafRated = new Uint8Array(Math.max(1, leafSlot.size));
  return {
    scheme,
    tops: scheme.dimensions.map((dim) => compileNode(dim, leafSlot, leafScores, leafRated)),
    leafSlot,
    raterSlot,
    raterWeights,
    rates,
    sums: new Float64Array(slots),
    counts: new Int32Array(slots),
    leafScores,
    leafRated,
    pairSlots: new Int32Array(64),
    pairScores: new Float64Array(64),
  };
}

/** Rule 1 for every leaf of bucket b: ratings summed in score order, as scoreLeaf sums them. */
function scoreLeaves(plan: FiguresPlan, index: PeriodIndex, b: number) {
  const ratings = index.inputs.ratings;
  const ratingSlot = index.ratingSlot;
  const groups = plan.raterWeights.length;
  const { start, order } = index.ratings;
  const from = start[b]!;
  const to = start[b + 1]!;
  if (plan.pairSlots.length < to - from) {
    plan.pairSlots = new Int32Array(to - from);
    plan.pairScores = new Float64Array(to - from);
  }
  const { pairSlots: slots, pairScores: scores, sums, counts } = plan;
  let n = 0;
  for (let j = from; j < to; j++) {
    const i = order[j]!;
    const slot = ratingSlot[i]!;
    // A rating for a group the scheme does not weigh is never looked at by scoreLeaf either.
    if (slot < 0) continue;
    // Insertion by (slot, score): equal scores are equal numbers, so their order cannot change a sum.
    const score = ratings[i]!.score;
    let k = n++;
    while (k > 0 && (slots[k - 1]! > slot || (slots[k - 1] === slot && scores[k - 1]! > score))) {
      slots[k] = slots[k - 1]!;
      scores[k] = scores[k - 1]!;
      k--;
    }
    slots[k] = slot;
    scores[k] = score;
  }
  sums.fill(0);
  counts.fill(0);
  for (let k = 0; k < n; k++) {
    const slot = slots[k]!;
    sums[slot] = sums[slot]! + scores[k]!;
    counts[slot]! += 1;
  }
  for (let leaf = 0; leaf < plan.leafSlot.size; leaf++) {
    let weighted = 0;
    let ratedWeight = 0;
    let rated = 0;
    for (let g = 0; g < groups; g++) {
      const slot = leaf * groups + g;
      const count = counts[slot]!;
      if (count === 0 || plan.rates[slot] === 0) continue;
      const weight = plan.raterWeights[g]!;
      weighted += (sums[slot]! / count) * weight;
      ratedWeight += weight;
      // A group of weight 0 (rules 2: 民测 shown to the leaders first) does not make the leaf rated.
      if (weight > 0) rated++;
    }
    plan.leafScores[leaf] = ratedWeight > 0 ? clamp(weighted / ratedWeight, 0, 100) : 0;
    plan.leafRated[leaf] = rated > 0 ? 1 : 0;
  }
}

/** Rule 2, as scoreNode: leaves nobody rated go to `missing` in tree order. */
function compileNode(
  node: Dimension,
  leafSlot: ReadonlyMap<string, number>,
  scores: Float64Array,
  rated: Uint8Array,
): (missing: string[]) => number {
  if (!node.children || node.children.length === 0) {
    const slot = leafSlot.get(node.key)!;
    const key = node.key;
    return (missing) => {
      if (rated[slot] === 0) missing.push(key);
      return scores[slot]!;
    };
  }
  const children = node.children.map((child) => compileNode(child, leafSlot, scores, rated));
  const weights = node.children.map((child) => child.weight);
  return (missing) => {
    // Summing as each child is scored gives scoreNode's figures and the tree order of `missing`.
    let sum = 0;
    for (let i = 0; i < children.length; i++) sum = sum + (children[i]!(missing) * weights[i]!) / 100;
    return clamp(sum, 0, 100);
  };
}

export function memberFigures(
  plan: FiguresPlan,
  index: PeriodIndex,
  member: { id: string; coefficient: number },
  position: number,
): MemberFigures {
  const { scheme } = plan;
  const b = index.bucketOf.get(member.id)!;
  scoreLeaves(plan, index, b);

  const missing: string[] = [];
  const dimensions: Record<string, DimensionFigures> = {};
  const adjusted = has(index.adjustments, b);
  let pointsSum = 0;
  for (let t = 0; t < scheme.dimensions.length; t++) {
    const dim = scheme.dimensions[t]!;
    const score = plan.tops[t]!(missing);
    let bonus: number;
    let deduction: number;
    let points: number;
    let given: AdjustmentEntry[] = NONE;
    if (adjusted) {
      given = [];
      const { start, order } = index.adjustments;
      for (let k = start[b]!; k < start[b + 1]!; k++) {
        const a = index.inputs.adjustments[order[k]!]!;
        if (index.tree.byKey.get(a.dimension)!.top.key === dim.key)
          given.push({ points: a.points, reason: a.reason, target: a.dimension });
      }
    }
    if (given.length > 0) ({ bonus, deduction, points } = applyAdjustments(score, dim, given));
    else {
      // applyAdjustments with no adjustment, without its objects.
      const base = (score * dim.weight) / 100;
      const bonusCap = dim.bonusCapPct === undefined ? null : (dim.weight * dim.bonusCapPct) / 100;
      bonus = bonusCap === null ? 0 : Math.min(0, bonusCap);
      const before = base + bonus;
      points = Math.max(0, before - 0);
      deduction = before - points;
    }
    dimensions[dim.key] = {
      score: round2(score),
      points: round2(points),
      bonus: round2(bonus),
      deduction: round2(deduction),
    };
    pointsSum = pointsSum + points;
  }

  let extra: number;
  if (has(index.awards, b) || has(index.extras, b)) {
    const awards = positions(index.awards, b).map((i) => index.inputs.awards[i]!);
    const extras = positions(index.extras, b).map((i) => index.inputs.extras[i]!);
    extra = scoreExtra(scheme.awards, scheme.extraCap, awards, extras, scheme.rules).applied;
  } else {
    const cap = scheme.extraCap ?? null;
    extra = cap === null ? 0 : Math.min(0, cap);
  }
  const total = scheme.coefficient === "score" ? (pointsSum + extra) * member.coefficient : pointsSum + extra;
  return { id: member.id, index: position, bucket: b, total, cents: toCents(total), dimensions, extra, missing };
}
