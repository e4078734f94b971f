import { z } from "zod";
import { defineCardAction } from "../src/bot/card-action";
import type { CardActionAnswer } from "../src/bot/update";
import { alreadyDecidedAppeal, decideAppeal, type AppealOutcome } from "./appeal-decision";

const value = z.object({
  a: z.literal("appeal.decide"),
  id: z.string().min(1).max(64),
  d: z.enum(["uphold", "amend"]),
});

function answerOf(outcome: AppealOutcome): CardActionAnswer {
  if (!outcome.ok) return { toast: { type: outcome.level, content: outcome.message } };
  return { toast: { type: "success", content: outcome.message }, card: { type: "raw", data: outcome.appeal.card } };
}

/** 维持 / 更正 on an appeal card: once, by a leader of the group; an amendment re-issues the report cards. */
export const decideAppealAction = defineCardAction({
  name: "appeal.decide",
  value,
  async handle(ctx) {
    const form = ctx.update.formValue ?? {};
    return answerOf(
      await decideAppeal({
        deps: ctx.deps,
        work: ctx.work,
        now: ctx.now,
        lang: ctx.lang,
        appealId: ctx.value.id,
        tenantKey: ctx.update.tenantKey,
        operatorUserId: ctx.update.operatorId,
        decision: ctx.value.d,
        reason: typeof form.reason === "string" ? form.reason : "",
        dimension: form.dimension,
        points: form.points,
      }),
    );
  },
  onConflict: async (ctx) => answerOf(await alreadyDecidedAppeal(ctx.deps, ctx.value.id, ctx.lang)),
});
