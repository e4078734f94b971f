/** Cross-checks of a period's inputs against its scheme: every reference must resolve. */
import { fieldError } from "../scheme/issues";
import { indexScheme } from "../scheme/tree";
import type { FieldError, Scheme } from "../scheme/types";
import type { PeriodInputs, RatingInput } from "./inputs";
import { compareText } from "./order";

/**
 * DOMAIN §2 (§15 of the source): deductions must be specific; "酌情扣分" and the like are unusable.
 * Compared after removing spaces and punctuation.
 */
const VAGUE_REASONS = new Set(["酌情扣分", "酌情加分", "酌情", "酌情处理", "视情况", "视情况扣分", "其他", "其它", "无", "略", "扣分", "加分"]);

export const isVagueReason = (reason: string): boolean =>
  VAGUE_REASONS.has(reason.replace(/[\s\p{P}]/gu, ""));

/**
 * For each rating, the position of the first earlier one with the same member, item, group and
 * `by` (-1 if none; ratings without `by` never duplicate). Sorting each member's few ratings and
 * comparing neighbours makes no string per rating, unlike keying a map by the four joined. The
 * joined key ("\u0000" between fields) is still what identity means: should a field contain
 * "\u0000", where the two could differ, the map decides as it always did.
 */
function earlierDuplicates(ratings: readonly RatingInput[]): Int32Array {
  const first = new Int32Array(ratings.length).fill(-1);
  const byMember = new Map<string, number[]>();
  for (let i = 0; i < ratings.length; i++) {
    const r = ratings[i]!;
    if (r.by === undefined) continue;
    if (r.member.includes("\u0000") || r.dimension.includes("\u0000") || r.rater.includes("\u0000") || r.by.includes("\u0000")) return joinedDuplicates(ratings);
    const list = byMember.get(r.member);
    if (list) list.push(i);
    else byMember.set(r.member, [i]);
  }
  const at = (i: number) => ratings[i]!;
  const sameItem = (a: RatingInput, b: RatingInput) => a.dimension === b.dimension && a.rater === b.rater && a.by === b.by;
  for (const list of byMember.values()) {
    if (list.length < 2) continue;
    list.sort((x, y) => {
      const a = at(x);
      const b = at(y);
      return compareText(a.dimension, b.dimension) || compareText(a.rater, b.rater) || compareText(a.by!, b.by!) || x - y;
    });
    for (let k = 1; k < list.length; k++) {
      const prev = list[k - 1]!;
      const i = list[k]!;
      if (sameItem(at(prev), at(i))) first[i] = first[prev]! >= 0 ? first[prev]! : prev;
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
  const members = new Set<string>();

  inputs.members.forEach((m, i) => {
    if (members.has(m.id)) errors.push(fieldError(["members", i, "id"], `成员 ID ${m.id} 重复`, `duplicate member id ${m.id}`));
    members.add(m.id);
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
      fieldError([list, i, "reason"], `理由「${reason}」过于笼统，请写明具体事实`, `reason "${reason}" is too vague; state the specific fact`),
    );
  };

  const firstRating = earlierDuplicates(inputs.ratings);
  inputs.ratings.forEach((r, i) => {
    unknownMember("ratings", i, r.member);
    if (!unknownDimension("ratings", i, r.dimension) && !tree.byKey.get(r.dimension)?.isLeaf) {
      errors.push(
        fieldError(["ratings", i, "dimension"], `${r.dimension} 有子项，只能对末级指标评分`, `${r.dimension} has children; only leaves are rated`),
      );
    }
    if (!Object.hasOwn(scheme.raters, r.rater)) {
      const known = Object.keys(scheme.raters).join(", ");
      errors.push(fieldError(["ratings", i, "rater"], `未知评价主体 ${r.rater}（可用：${known}）`, `unknown rater group ${r.rater} (known: ${known})`));
    }
    const first = firstRating[i] ?? -1;
    if (first >= 0) {
      errors.push(
        fieldError(["ratings", i], `与 ratings[${first}] 重复：${r.by} 已对该成员该项评过分`, `duplicates ratings[${first}]: ${r.by} already rated this member on this item`),
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
      errors.push(fieldError(["awards", i, "level"], `未知奖励级别 ${a.level}（可用：${known}）`, `unknown award level ${a.level} (known: ${known})`));
    }
  });

  inputs.extras.forEach((e, i) => {
    unknownMember("extras", i, e.member);
    vague("extras", i, e.reason);
  });

  return errors;
}
