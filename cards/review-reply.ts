import type { ReviewReplyResult } from "../src/app/review-submit";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { plainNotice } from "./refusals";
import { reviewAnswer, reviewReplyRefusal } from "./review-answer";

export interface ReviewReplyView {
  /** Who was rated, as named or typed; the month rated. */
  who: string;
  month: string;
  example: { zh: string; en: string };
  lang: Lang;
}

/** A refusal with the command's example under it. */
export function reviewReplyProblem(
  title: string,
  body: string,
  v: Pick<ReviewReplyView, "example" | "lang">,
): Rendered {
  return plainNotice({ title, body, hint: `${t(v.lang, "例", "e.g.")}：${v.example[v.lang]}`, colour: "yellow" });
}

/** 「找不到这个人」 for a 评议打分 whose person could not be found. */
export const reviewReplyWho = (problem: string, v: Pick<ReviewReplyView, "example" | "lang">) =>
  reviewReplyProblem(t(v.lang, "找不到这个人", "Who?"), problem, v);

/** The answer to 评议打分: what was stored, or why nothing was. */
export function reviewReplyCard(outcome: ReviewReplyResult, v: ReviewReplyView): Rendered {
  const { lang } = v;
  const refusal = reviewReplyRefusal(outcome, lang);
  if (refusal) return reviewReplyProblem(refusal.title, refusal.body, v);
  return noticeCard({
    title: reviewAnswer(outcome, lang),
    body: outcome.ok
      ? t(
          lang,
          `${v.who} · ${v.month}；再次发送会覆盖之前的评分。`,
          `${v.who} · ${v.month}; sending again replaces it.`,
        )
      : t(lang, `例：${v.example.zh}`, `e.g. ${v.example.en}`),
    colour: outcome.ok ? "green" : "yellow",
  });
}
