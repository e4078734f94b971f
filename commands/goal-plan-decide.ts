import { goalPlanDecideButton } from "../cards/goal-plan";
import { officePlanCard } from "../cards/goal-plan-view";
import { decidePlanToast } from "../cards/goal-plan-reply";
import { t } from "../cards/kit";
import { decideGoalPlan, planGroupId } from "../src/app/goal-plans";
import { defineCardAction, type CardActionContext } from "../src/bot/card-action";
import type { CardActionAnswer } from "../src/bot/update";
import { publishPlan, tellRejected } from "./goal-plan";

type Ctx = CardActionContext<{ id: string; decision: "approve" | "reject" }>;

/** The click decided (written, published or the proposer told) or refused; the toast and the office's card. */
async function decide(ctx: Ctx): Promise<CardActionAnswer> {
  const c = await decideGoalPlan(ctx.deps.db, {
    planId: ctx.value.id,
    tenant: { platform: ctx.deps.platform, tenantKey: ctx.update.tenantKey },
    by: ctx.update.operatorId,
    decision: ctx.value.decision,
    now: ctx.now,
  });
  const { level, message } = decidePlanToast(c, ctx.lang);
  if (c.ok) ctx.work.write(...c.writes);
  if (c.ok && c.code === "approved") publishPlan(ctx.work, c.view);
  if (c.ok && c.code !== "approved") tellRejected(ctx.work, c.view);
  // A refusal shows nothing of the plan.
  if (!c.ok && c.code !== "already-decided") return { toast: { type: level, content: message } };
  const card = officePlanCard(c.view, ctx.lang);
  return { toast: { type: level, content: message }, card: { type: "raw", data: card.card } };
}

/** 批准 / 驳回 on a 目标计划书 card: only an admin of the plan's organisation, once; approved, it is published. */
export const decideGoalPlanAction = defineCardAction({
  button: goalPlanDecideButton,
  groupOf: (deps, value) => planGroupId(deps.db, value.id),
  notFound: (lang) => t(lang, "找不到这条目标计划书申请", "No such plan"),
  handle: decide,
  // Another admin's click decided the plan between this one's reading and writing (src/app/goal-plans.ts
  // decideOnce): nothing of this click was written; read again, it answers 「已由 X 批准」 with the decided card.
  onConflict: decide,
});
