import { officePlanCard, publishedPlanCard } from "../cards/goal-plan-view";
import { planRejectedNotice } from "../cards/goal-plan-reply";
import { proposePlanReply } from "../cards/goal-plan-reply";
import { proposeGoalPlan, type PlanView } from "../src/app/goal-plans";
import { defineCommand } from "../src/bot/command";
import type { Work } from "../src/bot/work";
import { resolveGoalPeriod } from "../src/domain/goals";
import { goalPlanArgs } from "./args/goal-plan";
import { currentMonth } from "./guards";

/** The approved plan, published to its group. */
export function publishPlan(work: Work, view: PlanView): void {
  const to = { type: "chat_id" as const, id: view.group.chatId };
  work.send(to, publishedPlanCard(view), `goal-plan:${view.plan.id}:published`);
}

/** The proposer hears privately that the office rejected the plan. */
export function tellRejected(work: Work, { plan, group, decider }: PlanView): void {
  const notice = planRejectedNotice(group.name || group.chatId, plan.no, decider ?? "");
  work.send({ type: "open_id", id: plan.proposedBy }, notice, `goal-plan:${plan.id}:rejected`);
}

/** 目标计划书 [本年|本季|2026-Q4]: a leader submits the period's targets for the office to approve (篇9 line 192). */
export const goalPlanCommand = defineCommand({
  name: "目标计划书",
  aliases: ["计划书", "target-plan"],
  summary: {
    zh: "负责人提交本群目标计划书（责任人、时限、考核标准），绩考办批准后公布并计分：目标计划书 [本年|本季]",
    en: "Submit the group's target plan for the office to approve: /target-plan [2026|2026-Q4]",
  },
  example: { zh: "目标计划书 本年", en: "/target-plan 2026" },
  takesText: true,
  args: goalPlanArgs,
  async handle(ctx) {
    const current = currentMonth(ctx);
    const period = ctx.args.period ? resolveGoalPeriod(ctx.args.period, current)! : current.slice(0, 4);
    const r = await proposeGoalPlan(ctx.deps.db, { group: ctx.group, member: ctx.member, period, now: ctx.now });
    if (r.ok) ctx.work.write(...r.writes);
    if (r.ok && r.code === "approved") publishPlan(ctx.work, r.view);
    if (r.ok && r.code === "proposed")
      for (const admin of r.admins)
        ctx.work.send(
          { type: "open_id", id: admin.userId },
          officePlanCard(r.view, "zh"),
          `goal-plan:${r.view.plan.id}:${admin.userId}`,
        );
    ctx.reply(proposePlanReply(r, period, ctx.lang));
  },
});
