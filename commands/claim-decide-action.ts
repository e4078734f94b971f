import { decideClaimButton } from "../cards/approval";
import { claimDecisionAnswer, type DecisionAnswer } from "../cards/approval-answer";
import { claimViews } from "../cards/claim-view";
import { t } from "../cards/kit";
import { decideClaim, decidedClaim } from "../src/app/claim-decision";
import { loadClaim } from "../src/app/claims";
import { applyResult } from "../src/bot/apply";
import { defineCardAction } from "../src/bot/card-action";
import type { CardActionAnswer } from "../src/bot/update";

/** A decision's outcome as a card callback answer: a toast and the card as it now reads. */
function answerOf({ level, message, card }: DecisionAnswer): CardActionAnswer {
  const toast = { type: level, content: message };
  return card ? { toast, card: { type: "raw", data: card.card } } : { toast };
}

/** 同意 / 驳回 / 调整 on an approval card. Only a leader of the claim's group decides, and only once. */
export const decideClaimAction = defineCardAction({
  button: decideClaimButton,
  groupOf: async (deps, value) => (await loadClaim(deps.db, value.id))?.group.id,
  notFound: (lang) => t(lang, "找不到这条申报", "Claim not found"),
  async handle(ctx) {
    const form = ctx.update.formValue ?? {};
    const result = await decideClaim(
      { db: ctx.deps.db, views: claimViews },
      {
        claimId: ctx.value.id,
        tenantKey: ctx.update.tenantKey,
        operatorUserId: ctx.update.operatorId,
        decision: ctx.value.decision,
        comment: typeof form.comment === "string" ? form.comment : "",
        points: form.points,
        fromMessageId: ctx.update.messageId,
        now: ctx.now,
      },
    );
    if (result.ok) applyResult(ctx.work, result);
    return answerOf(claimDecisionAnswer(result, ctx.lang));
  },
  async onConflict(ctx) {
    const decided = await decidedClaim(ctx.deps.db, ctx.value.id, ctx.now);
    if (!decided) return { toast: { type: "warning", content: t(ctx.lang, "请稍后再试", "Please try again") } };
    return answerOf(claimDecisionAnswer(decided, ctx.lang));
  },
});
