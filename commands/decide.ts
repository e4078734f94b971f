import { z } from "zod";
import { loadClaim } from "../src/app/claims";
import { defineCardAction } from "../src/bot/card-action";
import type { CardActionAnswer } from "../src/bot/update";
import { t } from "../cards/kit";
import { alreadyDecided, decideClaim, type DecideOutcome } from "./claim-decision";

const decideValue = z.object({
  a: z.literal("claim.decide"),
  id: z.string().min(1).max(64),
  d: z.enum(["approve", "adjust", "reject"]),
});

/** A decision's outcome as a card callback answer: a toast and the card as it now reads. */
function answerOf(outcome: DecideOutcome): CardActionAnswer {
  const toast = { type: outcome.ok ? ("success" as const) : outcome.level, content: outcome.message };
  return outcome.approval ? { toast, card: { type: "raw", data: outcome.approval.card } } : { toast };
}

/** 同意 / 驳回 / 调整 on an approval card. Only a leader of the claim's group decides, and only once. */
export const decideClaimAction = defineCardAction({
  name: "claim.decide",
  value: decideValue,
  async handle(ctx) {
    const form = ctx.update.formValue ?? {};
    const outcome = await decideClaim({
      deps: ctx.deps,
      work: ctx.work,
      now: ctx.now,
      lang: ctx.lang,
      claimId: ctx.value.id,
      tenantKey: ctx.update.tenantKey,
      operatorUserId: ctx.update.operatorId,
      decision: ctx.value.d,
      comment: typeof form.comment === "string" ? form.comment : "",
      points: form.points,
      fromMessageId: ctx.update.messageId,
    });
    return answerOf(outcome);
  },
  async onConflict(ctx) {
    const claim = await loadClaim(ctx.deps.db, ctx.value.id);
    if (!claim?.decision) return { toast: { type: "warning", content: t(ctx.lang, "请稍后再试", "Please try again") } };
    return answerOf(await alreadyDecided(ctx.deps, claim, ctx.lang, ctx.now));
  },
});
