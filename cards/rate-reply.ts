import { targetProblemText } from "./targets";
import type { RateNamedResult } from "../src/app/rate-named";
import { t, type Lang, type Rendered } from "./kit";
import { ratingCard, ratingProblem, yearReviewRatingCard } from "./rating";
import { leadersOnlyCard, problemCard } from "./refusals";

export const RATE_EXAMPLE = {
  zh: "评分 @张三 业务 90 报表及时准确",
  en: "/rate @张三 business 90 on time and accurate",
};

/** 评分's reply: the rating as recorded, or why not (with the example where the typed words were wrong). */
export function rateReply(
  r: RateNamedResult,
  v: { item: string; score: number; comment?: string; month: string },
  lang: Lang,
): Rendered {
  const example = RATE_EXAMPLE[lang];
  if (r.code === "leaders_only") return leadersOnlyCard(lang, "评分");
  if (r.code === "no_target")
    return problemCard(lang, { zh: "找不到这个人", en: "Who?" }, targetProblemText(r.problem, lang), example);
  const { who } = r;
  const { item, score, comment, month } = v;
  if (!r.ok) {
    const p = ratingProblem(r, item, lang, who);
    return problemCard(lang, p.title, p.body, p.withExample ? example : undefined);
  }
  if (r.code === "year_review_rated")
    return yearReviewRatingCard({
      who,
      review: r.review,
      ...(r.school ? { school: r.school } : {}),
      score,
      comment,
      month,
      lang,
    });
  const { path, items, earlier } = r;
  return ratingCard({ who, path, items, score, comment, month, earlier, lang });
}
