import type { Database } from "../db/database";
import type { Group, Member } from "../db/schema";
import type { IsoMonth } from "../domain/dates";
import { findDimension, findYearReview, indexScheme, ratersOf, type Scheme } from "../domain/scheme";
import { semesterOf, type SchoolPeriod } from "../domain/school-year";
import type { Writes } from "./audit";
import { checkRaterSequence, type EarlierResult } from "./rater-sequence";
import { schemeInForce } from "./schemes";
import { rateWrites } from "./scores";

export type RateResult =
  | { ok: false; code: "dimension_unknown" | "dimension_ambiguous"; options: string[] }
  | { ok: false; code: "no_leader_raters" }
  | { ok: false; code: "not_leader_item"; dimension: string; groups: string[] }
  | { ok: false; code: "computed"; dimension: string }
  | { ok: false; code: "earlier_group_pending"; earlier: EarlierResult; needed: number }
  | {
      ok: true;
      code: "year_review_rated";
      /** The half-year (or other) review's name and its share of the year's total. */
      review: { name: string; weight: number };
      /**
       * Where the review is a school's 学期测评 (scheme `schoolYear.reviews`): the semester the month is in, and
       * whether that is the review's own semester (only then does it count in the semester and the school year).
       */
      school?: { semester: SchoolPeriod; own: boolean };
      writes: Writes;
    }
  | {
      ok: true;
      code: "rated";
      /** The rated item's path, top-level first. */
      path: string[];
      /** The items under it that each got the score (one when a leaf was rated). */
      items: string[];
      /** The earlier rater group's result the leaders rate with in view (篇6 line 122), if the scheme orders them. */
      earlier: EarlierResult | null;
      writes: Writes;
    };

/**
 * 评分: a leader rates a person on an item. Rating a parent rates each of its items with the
 * same score; computed items (出勤, from the daily records) are never typed in. A year review
 * (半年综合管理评价, 篇9 line 193) is rated as its own leaf and counts only in the year's total. Where the
 * scheme orders its raters (先民测、再由领导评分, 篇6 line 122) the leaders wait for the group before them.
 */
export async function rateMember(
  deps: { db: Database },
  input: {
    group: Group;
    member: Member;
    item: string;
    score: number;
    comment?: string;
    month: IsoMonth;
    by: string;
    now: Date;
  },
): Promise<RateResult> {
  const { db } = deps;
  const { scheme } = await schemeInForce(db, input.group.id);
  const found = findDimension(scheme, input.item);
  const review = found.kind === "found" ? undefined : findYearReview(scheme.yearReviews, input.item);
  if (review) {
    const writes = rateWrites(db, {
      group: input.group,
      month: input.month,
      member: input.member,
      leaves: [review.key],
      score: input.score,
      raterGroup: "leader",
      by: input.by,
      comment: input.comment,
      now: input.now,
    });
    const school = termOfReview(scheme, review.key, input.month);
    return {
      ok: true,
      code: "year_review_rated",
      review: { name: review.name, weight: review.weight },
      ...(school ? { school } : {}),
      writes,
    };
  }
  if (found.kind === "ambiguous")
    return { ok: false, code: "dimension_ambiguous", options: found.candidates.map((d) => d.name) };
  if (found.kind !== "found")
    return { ok: false, code: "dimension_unknown", options: scheme.dimensions.map((d) => d.name) };
  if (!("leader" in scheme.raters)) return { ok: false, code: "no_leader_raters" };
  // A scheme can give an item to another group alone (raterScope: 家长学生评价 to the 群众, 篇6 line 142): a leader's
  // score there would count nowhere, so it is refused rather than acknowledged.
  const top = found.path[0] ?? found.dimension;
  const groups = ratersOf(scheme.raters, scheme.raterScope, top.key).map(([group]) => group);
  if (!groups.includes("leader")) return { ok: false, code: "not_leader_item", dimension: top.name, groups };
  const under = indexScheme(scheme).leaves.filter(
    // A leaf bound to targets is rated too: the rating counts for those no approved target applies to.
    (l) => l.path.some((p) => p.key === found.dimension.key) && l.node.source !== "attendance",
  );
  if (!under.length) return { ok: false, code: "computed", dimension: found.dimension.name };
  const leaves = under.map((l) => l.node.key);
  const sequence = await checkRaterSequence(db, input.group, scheme, input.month, input.member.id, leaves, "leader");
  if (!sequence.ok)
    return { ok: false, code: "earlier_group_pending", earlier: sequence.earlier, needed: sequence.needed };
  const writes = rateWrites(db, {
    group: input.group,
    month: input.month,
    member: input.member,
    leaves,
    score: input.score,
    raterGroup: "leader",
    by: input.by,
    comment: input.comment,
    now: input.now,
  });
  return {
    ok: true,
    code: "rated",
    path: found.path.map((p) => p.name),
    items: under.map((l) => l.node.name),
    earlier: sequence.earlier,
    writes,
  };
}

/** A 学期测评 rated in `month`: the semester the month is in, and whether it is the review's own (school-year.ts). */
function termOfReview(
  scheme: Scheme,
  key: string,
  month: string,
): { semester: SchoolPeriod; own: boolean } | undefined {
  const sy = scheme.schoolYear;
  const term = sy?.reviews?.indexOf(key) ?? -1;
  if (!sy || term < 0) return undefined;
  const semester = semesterOf(month, sy);
  return { semester, own: semester.term === term + 1 };
}
