import { goalPlanCard, goalPlanDecideButton } from "../cards/goal-plan";
import { decidePlanToast, planRejectedNotice } from "../cards/goal-plan-reply";
import { t } from "../cards/kit";
import { decideGoalPlan, planGroupId } from "../src/app/goal-plans";
import { defineCardAction } from "../src/bot/card-action";
import { localDate } from "../src/domain/dates";
import { publishPlan } from "./goal-plan";

/** 批准 / 驳回 on a 目标计划书 card: only an admin of the plan's organisation, once; approved, it is published. */
export const decideGoalPlanAction = defineCardAction({
  button: goalPlanDecideButton,
  groupOf: (deps, value) => planGroupId(deps.db, value.id),
  notFound: (lang) => t(lang, "找不到这条目标计划书申请", "No such plan"),
  async handle(ctx) {
    const c = await decideGoalPlan(ctx.deps.db, {
      planId: ctx.value.id,
      tenant: { platform: ctx.deps.platform, tenantKey: ctx.update.tenantKey },
      by: ctx.update.operatorId,
      decision: ctx.value.decision,
      now: ctx.now,
    });
    const { level, message } = decidePlanToast(c, ctx.lang);
    if (c.ok) {
      ctx.work.write(...c.writes);
      const { plan, group } = c.view;
      if (c.code === "approved") publishPlan(ctx.work, c.view);
      else
        ctx.work.send(
          { type: "open_id", id: plan.proposedBy },
          planRejectedNotice(group.name || group.chatId, plan.no, c.view.decider ?? ""),
          `goal-plan:${plan.id}:rejected`,
        );
    }
    // A refusal shows nothing of the plan.
    if (!c.ok && c.code !== "already-decided") return { toast: { type: level, content: message } };
    const { plan, group } = c.view;
    const at = plan.decidedAt ? localDate(plan.decidedAt, group.timezone) : "";
    const state =
      plan.status === "pending"
        ? { kind: "pending" as const }
        : { kind: "decided" as const, decision: plan.status, by: c.view.decider ?? "", at };
    const card = goalPlanCard({
      planId: plan.id,
      no: plan.no,
      period: plan.period,
      groupName: group.name || group.chatId,
      proposer: c.view.proposer,
      rows: c.view.rows,
      state,
      audience: "office",
      lang: ctx.lang,
    });
    return { toast: { type: level, content: message }, card: { type: "raw", data: card.card } };
  },
});
