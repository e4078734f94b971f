/**
 * Indexes a period's inputs by member in one pass, so scoring a member never scans the whole
 * list again (10,000 members × 20 ratings stays linear). The index is compact: per list, one
 * Int32Array of input positions grouped by member (input order kept inside a member) and one of
 * where each member's run starts; no per-rating object is made. A member's inputs in the shape the
 * derivation wants (`memberInputs`) are built only when someone asks for that member's derivation.
 */
import type { SchemeIndex } from "../scheme/tree";
import type { Scheme } from "../scheme/types";
import type { AdjustmentEntry } from "./dimension";
import type { ExtraEntry } from "./extra";
import type { PeriodInputs } from "./inputs";
import { keptRatingsIndex, memberPositions, ratingSlots, type RatingSlots } from "./inputs-index";
import type { RatingEntry } from "./leaf";

export interface MemberInputs {
  /** leaf key → rater group → ratings */
  ratings: Map<string, Map<string, RatingEntry[]>>;
  /** top-level key → adjustments (nested targets already moved up to their top-level ancestor) */
  adjustments: Map<string, AdjustmentEntry[]>;
  awards: { level: string; reason: string }[];
  extras: ExtraEntry[];
}

/** Items of member bucket b are `list[order[i]]` for start[b] ≤ i < start[b + 1], in input order. */
export interface Buckets {
  start: Int32Array;
  order: Int32Array;
}

export interface PeriodIndex {
  tree: SchemeIndex;
  inputs: PeriodInputs;
  /** Member id → bucket (with duplicate ids, the last one: every duplicate shares it, as before). */
  bucketOf: Map<string, number>;
  ratings: Buckets;
  /** Leaves and rater groups as numbers, and per rating its slot (-1: a group the scheme does not weigh). */
  slots: RatingSlots;
  ratingSlot: Int32Array;
  adjustments: Buckets;
  awards: Buckets;
  extras: Buckets;
}

/** Counting sort by member: stable, so a member's items keep their input order. */
function bucket(
  buckets: number,
  list: readonly { member: string }[],
  bucketOf: ReadonlyMap<string, number>,
  what: string,
  checks: { before?: (i: number) => void; after?: (i: number) => void } = {},
): Buckets {
  const of = new Int32Array(list.length);
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < list.length; i++) {
    checks.before?.(i);
    const b = bucketOf.get(list[i]!.member);
    if (b === undefined)
      throw new Error(`${what}: unknown member ${list[i]!.member} (validate with parsePeriodInputs)`);
    checks.after?.(i);
    of[i] = b;
    start[b + 1]! += 1;
  }
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const next = start.slice(0, buckets);
  const order = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) order[next[of[i]!]!++] = i;
  return { start, order };
}

/**
 * Throws on references parsePeriodInputs would have rejected: computing on them would silently
 * drop someone's rating.
 */
export function indexByMember(scheme: Scheme, tree: SchemeIndex, inputs: PeriodInputs): PeriodIndex {
  const slots = ratingSlots(scheme, tree);
  // parsePeriodInputs indexed these very ratings while checking them (inputs-index.ts).
  const kept = keptRatingsIndex(scheme, inputs);
  const bucketOf = kept?.bucketOf ?? memberPositions(inputs.members);
  const n = inputs.members.length;
  // The checks run in the order the earlier one-pass grouping made them, so the same input throws the same error.
  const ratings =
    kept ??
    bucket(n, inputs.ratings, bucketOf, "rating", {
      after: (i) => {
        const r = inputs.ratings[i]!;
        if (!tree.byKey.get(r.dimension)?.isLeaf) throw new Error(`rating: ${r.dimension} is not a leaf of the scheme`);
      },
    });
  const ratingSlot = kept?.slot ?? slotsOf(slots, inputs);
  const adjustments = bucket(n, inputs.adjustments, bucketOf, "adjustment", {
    before: (i) => {
      const a = inputs.adjustments[i]!;
      if (!tree.byKey.get(a.dimension)?.top) throw new Error(`adjustment: unknown dimension ${a.dimension}`);
    },
  });
  const awards = bucket(n, inputs.awards, bucketOf, "award");
  const extras = bucket(n, inputs.extras, bucketOf, "extra");
  return { tree, inputs, bucketOf, ratings, slots, ratingSlot, adjustments, awards, extras };
}

/** Per rating its slot; every dimension is a leaf by now, and a group the scheme does not weigh gets -1. */
function slotsOf(slots: RatingSlots, inputs: PeriodInputs): Int32Array {
  const groups = slots.raterWeights.length;
  const out = new Int32Array(inputs.ratings.length);
  for (let i = 0; i < out.length; i++) {
    const r = inputs.ratings[i]!;
    const group = slots.raterSlot.get(r.rater);
    out[i] = group === undefined ? -1 : slots.leafSlot.get(r.dimension)! * groups + group;
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const NONE: readonly number[] = [];

/** Positions in the list of member bucket b's items, in input order. */
export function positions(buckets: Buckets, b: number): readonly number[] {
  const from = buckets.start[b]!;
  const to = buckets.start[b + 1]!;
  return from === to ? NONE : Array.from(buckets.order.subarray(from, to));
}

/** One member's inputs, shaped for the derivation exactly as the whole-period grouping made them. */
export function memberInputs(index: PeriodIndex, b: number): MemberInputs {
  const { inputs, tree } = index;
  const out: MemberInputs = { ratings: new Map(), adjustments: new Map(), awards: [], extras: [] };
  for (const i of positions(index.ratings, b)) {
    const r = inputs.ratings[i]!;
    let groups = out.ratings.get(r.dimension);
    if (!groups) out.ratings.set(r.dimension, (groups = new Map()));
    push(groups, r.rater, r.by === undefined ? { score: r.score } : { score: r.score, by: r.by });
  }
  for (const i of positions(index.adjustments, b)) {
    const a = inputs.adjustments[i]!;
    push(out.adjustments, tree.byKey.get(a.dimension)!.top.key, {
      points: a.points,
      reason: a.reason,
      target: a.dimension,
    });
  }
  for (const i of positions(index.awards, b))
    out.awards.push({ level: inputs.awards[i]!.level, reason: inputs.awards[i]!.reason });
  for (const i of positions(index.extras, b))
    out.extras.push({ points: inputs.extras[i]!.points, reason: inputs.extras[i]!.reason });
  return out;
}
