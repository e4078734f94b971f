import { t } from "../cards/kit";
import { reviewButton } from "../cards/review";
import { reviewAnswer, reviewFormRefusal } from "../cards/review-answer";
import { reviewFormSubject, submitReview } from "../src/app/review-submit";
import { applyResult } from "../src/bot/apply";
import { defineCardAction } from "../src/bot/card-action";

/** A submitted 月评议 form: one score per dimension, spread over its items like 评分. */
export const submitReviewAction = defineCardAction({
  button: reviewButton,
  groupOf: async (_deps, value) => value.group,
  notFound: (lang) => t(lang, "找不到这个群", "Group not found"),
  async handle(ctx) {
    const { db } = ctx.deps;
    const { value } = ctx;
    const form = ctx.update.formValue ?? {};
    const who = await reviewFormSubject(db, {
      group: ctx.group,
      rater: ctx.member,
      kind: value.kind,
      named: value.subject,
      chosen: String(form.subject ?? ""),
    });
    if (!who.ok) return { toast: reviewFormRefusal(who.code, ctx.lang) };
    const scores = Object.fromEntries(
      Object.entries(form)
        .filter(([k]) => k.startsWith("d_"))
        .map(([k, v]) => [k.slice(2), String(v ?? "")]),
    );
    const result = await submitReview(db, {
      group: ctx.group,
      ...who,
      kind: value.kind,
      month: value.month,
      scores,
      comment: typeof form.comment === "string" ? form.comment : undefined,
      now: ctx.now,
    });
    if (result.ok) applyResult(ctx.work, result);
    return { toast: { type: result.ok ? "success" : "warning", content: reviewAnswer(result, ctx.lang) } };
  },
});
