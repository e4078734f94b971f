import { decideAppealButton } from "../cards/appeal";
import { appealDecisionAnswer, appealViews } from "../cards/appeal-view";
import type { DecisionAnswer } from "../cards/approval-answer";
import { t } from "../cards/kit";
import { decideAppeal, decidedAppeal } from "../src/app/appeals";
import { appealGroupId } from "../src/app/publications";
import { applyResult } from "../src/bot/apply";
import { reissueAfterCommit } from "../src/jobs/reissue";
import { defineCardAction } from "../src/bot/card-action";
import type { CardActionAnswer } from "../src/bot/update";

function answerOf({ level, message, card }: DecisionAnswer): CardActionAnswer {
  const toast = { type: level, content: message };
  return level === "success" && card ? { toast, card: { type: "raw", data: card.card } } : { toast };
}

/** 维持 / 更正 on an appeal card: once, by a leader of the group; an amendment re-issues the report cards. */
export const decideAppealAction = defineCardAction({
  button: decideAppealButton,
  groupOf: (deps, value) => appealGroupId(deps.db, value.id),
  notFound: (lang) => t(lang, "找不到这条申诉", "Appeal not found"),
  async handle(ctx) {
    const form = ctx.update.formValue ?? {};
    const result = await decideAppeal(
      { db: ctx.deps.db, views: appealViews, clock: ctx.deps.clock },
      {
        appealId: ctx.value.id,
        tenantKey: ctx.update.tenantKey,
        operatorUserId: ctx.update.operatorId,
        decision: ctx.value.decision,
        reason: typeof form.reason === "string" ? form.reason : "",
        dimension: form.dimension,
        points: form.points,
        now: ctx.now,
      },
    );
    if (result.ok) {
      applyResult(ctx.work, result);
      if (result.reissue) reissueAfterCommit(ctx.work, ctx.deps, result.decided.group, result.reissue);
    }
    return answerOf(appealDecisionAnswer(result, ctx.lang));
  },
  async onConflict(ctx) {
    const decided = await decidedAppeal(ctx.deps.db, ctx.value.id);
    if (!decided) return { toast: { type: "warning", content: t(ctx.lang, "请稍后再试", "Please try again") } };
    return answerOf(appealDecisionAnswer(decided, ctx.lang));
  },
});
