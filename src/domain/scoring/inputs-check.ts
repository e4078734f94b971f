/** Cross-checks of a period's inputs against its scheme: every reference must resolve. */
import { fieldError } from "../scheme/issues";
import { indexScheme } from "../scheme/tree";
import type { FieldError, Scheme } from "../scheme/types";
import type { PeriodInputs, RatingInput } from "./inputs";
import { indexCleanRatings, keepRatingsIndex, ratingSlots, type RatingsIndex } from "./inputs-index";
import { compareText } from "./order";

/**
 * DOMAIN §2 (§15 of the source): deductions must be specific; "酌情扣分" and the like are unusable.
 * Compared after removing spaces and punctuation.
 */
const VAGUE_REASONS = new Set([
  "酌情扣分",
  "酌情加分",
  "酌情",
  "酌情处理",
  "视情况",
  "视情况扣分",
  "其他",
  "其它",
  "无",
  "略",
  "扣分",
  "加分",
]);

export const isVagueReason = (reason: string): boolean => VAGUE_REASONS.has(reason.replace(/[\s\p{P}]/gu, ""));

/**
 * For each rating, the position of the first earlier one with the same member, item, group and
 * `by` (-1 if none; ratings without `by` never duplicate). Sorting each member's few ratings and
 * comparing neighbours makes no string per rating, unlike keying a map by the four joined. The
 * joined key ("\u0000" between fields) is still what identity means: should a field contain
 * "\u0000", where the two could differ, the map decides as it always did.
 */
function earlierDuplicates(ratings: readonly RatingInput[]): Int32Array {
  const first = new Int32Array(ratings.length).fill(-1);
  // Ratings with `by`, grouped by member (a counting sort: input order kept inside a member).
  const bucketOf = new Map<string, number>();
  const of = new Int32Array(ratings.length).fill(-1);
  const sizes: number[] = [];
  for (let i = 0; i < ratings.length; i++) {
    const r = ratings[i]!;
    if (r.by === undefined) continue;
    if (
      r.member.includes("\u0000") ||
      r.dimension.includes("\u0000") ||
      r.rater.includes("\u0000") ||
      r.by.includes("\u0000")
    )
      return joinedDuplicates(ratings);
    let b = bucketOf.get(r.member);
    if (b === undefined) bucketOf.set(r.member, (b = sizes.push(0) - 1));
    of[i] = b;
    sizes[b]! += 1;
  }
  const start = new Int32Array(sizes.length + 1);
  sizes.forEach((size, b) => (start[b + 1] = start[b]! + size));
  const next = start.slice(0, sizes.length);
  const order = new Int32Array(start[sizes.length]!);
  for (let i = 0; i < ratings.length; i++) if (of[i]! >= 0) order[next[of[i]!]!++] = i;

  const sameItem = (a: RatingInput, b: RatingInput) =>
    a.dimension === b.dimension && a.rater === b.rater && a.by === b.by;
  for (let b = 0; b < sizes.length; b++) {
    const from = start[b]!;
    const to = start[b + 1]!;
    if (to - from > 64) {
      // Many ratings for one person: sort and compare neighbours rather than every pair.
      const list = Array.from(order.subarray(from, to)).sort((x, y) => {
        const p = ratings[x]!;
        const q = ratings[y]!;
        return (
          compareText(p.dimension, q.dimension) || compareText(p.rater, q.rater) || compareText(p.by!, q.by!) || x - y
        );
      });
      for (let k = 1; k < list.length; k++) {
        const prev = list[k - 1]!;
        if (sameItem(ratings[prev]!, ratings[list[k]!]!)) first[list[k]!] = first[prev]! >= 0 ? first[prev]! : prev;
      }
      continue;
    }
    for (let k = from + 1; k < to; k++) {
      const r = ratings[order[k]!]!;
      for (let j = from; j < k; j++) {
        // The earliest match is the first rating of this identity (its own `first` is -1).
        if (sameItem(ratings[order[j]!]!, r)) {
          first[order[k]!] = order[j]!;
          break;
        }
      }
    }
  }
  return first;
}

function joinedDuplicates(ratings: readonly RatingInput[]): Int32Array {
  const first = new Int32Array(ratings.length).fill(-1);
  const seen = new Map<string, number>();
  ratings.forEach((r, i) => {
    if (r.by === undefined) return;
    const key = [r.member, r.dimension, r.rater, r.by].join("\u0000");
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, i);
    else first[i] = earlier;
  });
  return first;
}

export function checkInputs(scheme: Scheme, inputs: PeriodInputs): FieldError[] {
  const errors: FieldError[] = [];
  const tree = indexScheme(scheme);
  // Member id → position (the last, where an id repeats): the ratings index uses it as it is.
  const members = new Map<string, number>();

  inputs.members.forEach((m, i) => {
    if (members.has(m.id))
      errors.push(fieldError(["members", i, "id"], `成员 ID ${m.id} 重复`, `duplicate member id ${m.id}`));
    members.set(m.id, i);
  });

  const unknownMember = (list: string, i: number, member: string) => {
    if (members.has(member)) return false;
    errors.push(fieldError([list, i, "member"], `未知成员 ${member}`, `unknown member ${member}`));
    return true;
  };
  const unknownDimension = (list: string, i: number, key: string) => {
    if (tree.byKey.has(key)) return false;
    errors.push(fieldError([list, i, "dimension"], `方案中没有维度 ${key}`, `unknown dimension ${key}`));
    return true;
  };
  const vague = (list: string, i: number, reason: string) => {
    if (!isVagueReason(reason)) return;
    errors.push(
      fieldError(
        [list, i, "reason"],
        `理由「${reason}」过于笼统，请写明具体事实`,
        `reason "${reason}" is too vague; state the specific fact`,
      ),
    );
  };

  // Plainly valid ratings are checked and indexed in one pass; anything else is checked as below.
  const clean: RatingsIndex | null = indexCleanRatings(
    ratingSlots(scheme, tree),
    inputs.members,
    members,
    inputs.ratings,
  );
  const firstRating = clean ? null : earlierDuplicates(inputs.ratings);
  if (firstRating)
    inputs.ratings.forEach((r, i) => {
      unknownMember("ratings", i, r.member);
      if (!unknownDimension("ratings", i, r.dimension) && !tree.byKey.get(r.dimension)?.isLeaf) {
        errors.push(
          fieldError(
            ["ratings", i, "dimension"],
            `${r.dimension} 有子项，只能对末级指标评分`,
            `${r.dimension} has children; only leaves are rated`,
          ),
        );
      }
      if (!Object.hasOwn(scheme.raters, r.rater)) {
        const known = Object.keys(scheme.raters).join(", ");
        errors.push(
          fieldError(
            ["ratings", i, "rater"],
            `未知评价主体 ${r.rater}（可用：${known}）`,
            `unknown rater group ${r.rater} (known: ${known})`,
          ),
        );
      }
      const first = firstRating[i] ?? -1;
      if (first >= 0) {
        errors.push(
          fieldError(
            ["ratings", i],
            `与 ratings[${first}] 重复：${r.by} 已对该成员该项评过分`,
            `duplicates ratings[${first}]: ${r.by} already rated this member on this item`,
          ),
        );
      }
    });

  inputs.adjustments.forEach((a, i) => {
    unknownMember("adjustments", i, a.member);
    unknownDimension("adjustments", i, a.dimension);
    vague("adjustments", i, a.reason);
  });

  inputs.awards.forEach((a, i) => {
    unknownMember("awards", i, a.member);
    if (!Object.hasOwn(scheme.awards, a.level)) {
      const known = Object.keys(scheme.awards).join(", ");
      errors.push(
        fieldError(
          ["awards", i, "level"],
          `未知奖励级别 ${a.level}（可用：${known}）`,
          `unknown award level ${a.level} (known: ${known})`,
        ),
      );
    }
  });

  inputs.extras.forEach((e, i) => {
    unknownMember("extras", i, e.member);
    vague("extras", i, e.reason);
  });

  if (clean && errors.length === 0) keepRatingsIndex(scheme, inputs, clean);
  return errors;
}
