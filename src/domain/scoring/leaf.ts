/**
 * Rule 1: a leaf's score is the weighted mean of its rater groups' averages, over the groups that
 * rated it. A group that gave no rating is left out and the others' weights are renormalised, so a
 * missing self-assessment does not count as a zero. A leaf nobody rated scores 0.
 */
import { compareText } from "./order";

export interface RatingEntry {
  score: number;
  by?: string;
}

export interface RaterGroupScore {
  group: string;
  /** The group's weight in the scheme (before renormalisation). */
  weight: number;
  /** Sorted by score, then rater, so the derivation does not depend on input order. */
  ratings: RatingEntry[];
  average: number;
}

export interface LeafScore {
  score: number;
  /** Σ weights of the groups that rated: 100 when everyone rated, 0 when nobody did. */
  ratedWeight: number;
  groups: RaterGroupScore[];
  /** Groups in the scheme that gave no rating. */
  unrated: string[];
}

const byScoreThenRater = (a: RatingEntry, b: RatingEntry) => a.score - b.score || compareText(a.by ?? "", b.by ?? "");

/** Summing in sorted order makes the float result independent of the order ratings arrived in. */
const sortedSum = (sorted: readonly RatingEntry[]) => sorted.reduce((sum, r) => sum + r.score, 0);

export function scoreLeaf(
  raters: Readonly<Record<string, number>>,
  byGroup: ReadonlyMap<string, readonly RatingEntry[]> | undefined,
): LeafScore {
  const groups: RaterGroupScore[] = [];
  const unrated: string[] = [];
  let weighted = 0;
  let ratedWeight = 0;
  for (const [group, weight] of Object.entries(raters)) {
    const given = byGroup?.get(group);
    if (!given || given.length === 0) {
      unrated.push(group);
      continue;
    }
    const ratings = [...given].sort(byScoreThenRater);
    const average = sortedSum(ratings) / ratings.length;
    groups.push({ group, weight, ratings, average });
    weighted += average * weight;
    ratedWeight += weight;
  }
  const score = ratedWeight > 0 ? clamp(weighted / ratedWeight, 0, 100) : 0;
  return { score, ratedWeight, groups, unrated };
}

/** Guards against float drift past the bounds the rules promise (e.g. 100.00000000000001). */
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
