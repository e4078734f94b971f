/**
 * The parts of a school's semester and school year (issue 14 item 6; 篇6 line 115 「平时有记载、学期有测评、年终有
 * 考核」). By the rule the year follows (scoring/combine.ts withReviews): each 学期测评 keeps its weight, the months
 * share the rest equally.
 *
 *   semester    = (100 − w) % × the mean of its months + w % × its 测评
 *   school year = (100 − w1 − w2) % × the mean of its twelve months + w1 % × 第一学期测评 + w2 % × 第二学期测评
 *
 * With the 学校教师 template (20% each): a semester is 80% months and 20% 测评, the school year 60% months and 20% each.
 * A semester's 测评 counts in it when it is rated within the semester's months (January for 第一学期, by July for
 * 第二学期); the school year takes each semester's. A month nobody in the group was scored in is left out by the
 * caller, as a quarter leaves such a month out; a person without a 测评 is averaged over the parts they have.
 */
import type { Scheme } from "./scheme/types";
import type { SchoolPeriod } from "./school-year";
import { withReviews, type PartResult, type ReviewScores } from "./scoring";

/** The reviews rated within each semester's months: `[第一学期's, 第二学期's]` (a school year), or one (a semester). */
export type TermReviews = readonly (readonly ReviewScores[])[];

/** The review of `term` (1 or 2) as a part: the scheme's yearReview named for it, scored as rated in its months. */
function termReview(scheme: Pick<Scheme, "yearReviews" | "schoolYear">, term: 1 | 2, rated: readonly ReviewScores[]) {
  const key = scheme.schoolYear?.reviews?.[term - 1];
  const review = scheme.yearReviews.find((r) => r.key === key);
  if (!review) return [];
  return [{ name: review.name, weight: review.weight, scores: rated.find((r) => r.key === key)?.scores ?? [] }];
}

/**
 * A semester's or school year's parts: `months` (each weight 1) and the 测评. For a semester `reviews` holds what was
 * rated within its months; for a school year, `[rated in 第一学期's months, rated in 第二学期's months]`.
 */
export function schoolParts(
  scheme: Pick<Scheme, "yearReviews" | "schoolYear">,
  period: SchoolPeriod,
  months: readonly PartResult[],
  reviews: TermReviews,
): PartResult[] {
  const plain = months.map((m) => ({ ...m, weight: 1 }));
  if (period.kind === "semester") return withReviews(plain, termReview(scheme, period.term, reviews[0] ?? []));
  return withReviews(plain, [...termReview(scheme, 1, reviews[0] ?? []), ...termReview(scheme, 2, reviews[1] ?? [])]);
}
