/**
 * The ratings of a period indexed by member and by (leaf, rater group), made once while
 * parsePeriodInputs checks them and kept for computePeriod on the same inputs and scheme: a month of
 * 10,000 people brings 200,000 ratings, and looking each one up twice (to check it, then to score it)
 * cost more than scoring it. Nothing here decides a result; it only says where each rating goes.
 */
import type { SchemeIndex } from "../scheme/tree";
import type { Scheme } from "../scheme/types";
import type { PeriodInputs, RatingInput } from "./inputs";

/** Leaves and rater groups as small integers; a rating's slot is leaf × groups + group. */
export interface RatingSlots {
  /** Leaf key → its number, leaves in tree order. */
  leafSlot: Map<string, number>;
  /** Rater group → its number, in the scheme's order. */
  raterSlot: Map<string, number>;
  raterWeights: number[];
}

export function ratingSlots(scheme: Scheme, tree: SchemeIndex): RatingSlots {
  const leafSlot = new Map<string, number>();
  for (const leaf of tree.leaves) if (!leafSlot.has(leaf.node.key)) leafSlot.set(leaf.node.key, leafSlot.size);
  const raters = Object.entries(scheme.raters);
  return {
    leafSlot,
    raterSlot: new Map(raters.map(([group], g) => [group, g])),
    raterWeights: raters.map(([, weight]) => weight),
  };
}

export interface RatingsIndex {
  /** Member id → position in the inputs (with duplicate ids, the last one). */
  bucketOf: Map<string, number>;
  /** Ratings of member b are `ratings[order[i]]` for start[b] ≤ i < start[b + 1], in input order. */
  start: Int32Array;
  order: Int32Array;
  /** Per rating its slot (RatingSlots), or -1 where the scheme does not weigh its rater group. */
  slot: Int32Array;
}

/** Member id → position, the last one where an id repeats. */
export function memberPositions(members: readonly { id: string }[]): Map<string, number> {
  const bucketOf = new Map<string, number>();
  for (let i = 0; i < members.length; i++) bucketOf.set(members[i]!.id, i);
  return bucketOf;
}

/** Counting sort of the ratings by member: stable, so a member's ratings keep their input order. */
export function groupByMember(members: number, of: Int32Array): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(members + 1);
  for (let i = 0; i < of.length; i++) start[of[i]! + 1]! += 1;
  for (let b = 0; b < members; b++) start[b + 1]! += start[b]!;
  const next = start.slice(0, members);
  const order = new Int32Array(of.length);
  for (let i = 0; i < of.length; i++) order[next[of[i]!]!++] = i;
  return { start, order };
}

/**
 * The index of ratings that plainly pass every cross-check of inputs-check.ts (member known and
 * unique, a leaf, a rater group of the scheme, no one rating the same item twice), or null as soon
 * as one might not (`bucketOf` is memberPositions(members)): the caller then runs those checks as written, so every error keeps its wording
 * and order. Null never means invalid, only "check by the book".
 */
export function indexCleanRatings(
  slots: RatingSlots,
  members: readonly { id: string }[],
  bucketOf: Map<string, number>,
  ratings: readonly RatingInput[],
): RatingsIndex | null {
  if (bucketOf.size !== members.length) return null;
  // Duplicates are what inputs-check.ts finds by joining member, item, group and `by` with "\u0000". Where the
  // first three cannot hold "\u0000" (leaf keys never do), equal joins mean equal fields, so fields are compared.
  for (const group of slots.raterSlot.keys()) if (group.includes("\u0000")) return null;
  for (const m of members) if (m.id.includes("\u0000")) return null;

  const groups = slots.raterWeights.length;
  const of = new Int32Array(ratings.length);
  const slot = new Int32Array(ratings.length);
  // A member's ratings usually come together: the last member looked up is asked first.
  let lastMember: string | undefined;
  let lastBucket: number | undefined;
  for (let i = 0; i < ratings.length; i++) {
    const r = ratings[i]!;
    const b = r.member === lastMember ? lastBucket : bucketOf.get(r.member);
    lastMember = r.member;
    lastBucket = b;
    const leaf = slots.leafSlot.get(r.dimension);
    const group = slots.raterSlot.get(r.rater);
    // raterSlot holds the scheme's own keys, so a group found there passes inputs-check's Object.hasOwn.
    if (b === undefined || leaf === undefined || group === undefined) return null;
    of[i] = b;
    slot[i] = leaf * groups + group;
  }
  const { start, order } = groupByMember(members.length, of);
  return hasDuplicate(ratings, start, order, slot, groups * slots.leafSlot.size)
    ? null
    : { bucketOf, start, order, slot };
}

/** Whether any member has two ratings with the same slot and the same `by` (ratings without `by` never repeat). */
function hasDuplicate(
  ratings: readonly RatingInput[],
  start: Int32Array,
  order: Int32Array,
  slot: Int32Array,
  slots: number,
): boolean {
  // seenIn[s] = 1 + the member whose ratings last used slot s: no clearing between members.
  const seenIn = new Int32Array(slots);
  for (let b = 0; b + 1 < start.length; b++) {
    for (let k = start[b]!; k < start[b + 1]!; k++) {
      const i = order[k]!;
      const by = ratings[i]!.by;
      if (by === undefined) continue;
      const s = slot[i]!;
      if (seenIn[s] !== b + 1) {
        seenIn[s] = b + 1;
        continue;
      }
      // The slot came up before for this member: compare `by` with the earlier ratings in it.
      for (let j = start[b]!; j < k; j++) if (slot[order[j]!] === s && ratings[order[j]!]!.by === by) return true;
    }
  }
  return false;
}

interface Kept {
  scheme: Scheme;
  members: PeriodInputs["members"];
  ratings: PeriodInputs["ratings"];
  memberCount: number;
  ratingCount: number;
  index: RatingsIndex;
}

/** Keyed by the parsed inputs object, so it goes when they do. */
const kept = new WeakMap<PeriodInputs, Kept>();

export function keepRatingsIndex(scheme: Scheme, inputs: PeriodInputs, index: RatingsIndex): void {
  const { members, ratings } = inputs;
  kept.set(inputs, { scheme, members, ratings, memberCount: members.length, ratingCount: ratings.length, index });
}

/** The index kept by parsePeriodInputs, if these are still the inputs it parsed (same lists, same lengths). */
export function keptRatingsIndex(scheme: Scheme, inputs: PeriodInputs): RatingsIndex | undefined {
  const k = kept.get(inputs);
  if (!k || k.scheme !== scheme || k.members !== inputs.members || k.ratings !== inputs.ratings) return undefined;
  return k.memberCount === inputs.members.length && k.ratingCount === inputs.ratings.length ? k.index : undefined;
}
