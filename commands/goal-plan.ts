import { z } from "zod";
import { goalPlanCard } from "../cards/goal-plan";
import { proposePlanReply } from "../cards/goal-plan-reply";
import { t, type Lang } from "../cards/kit";
import { proposeGoalPlan, type PlanView } from "../src/app/goal-plans";
import { defineCommand } from "../src/bot/command";
import type { Work } from "../src/bot/work";
import { localDate } from "../src/domain/dates";
import { resolveGoalPeriod } from "../src/domain/goals";
import { currentMonth } from "./guards";

const planArgs = (lang: Lang) =>
  z.string().transform((text, ctx) => {
    const s = text.trim();
    if (s === "") return { period: undefined };
    if (resolveGoalPeriod(s, "2000-01") === null) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          `「${s.slice(0, 20)}」不是时段。写本年、本季、2026 或 2026-Q4`,
          "Give a period: 2026, 2026-Q4",
        ),
      });
      return z.NEVER;
    }
    return { period: s };
  });

/** The approved plan, published to its group (and the card the office decided on, once decided). */
export function publishPlan(work: Work, view: PlanView): void {
  const { plan, group } = view;
  const at = plan.decidedAt ? localDate(plan.decidedAt, group.timezone) : "";
  const state = { kind: "decided" as const, decision: "approved" as const, by: view.decider ?? "", at };
  const rendered = goalPlanCard({
    planId: plan.id,
    no: plan.no,
    period: plan.period,
    groupName: group.name || group.chatId,
    proposer: view.proposer,
    rows: view.rows,
    state,
    audience: "group",
    lang: "zh",
  });
  work.send({ type: "chat_id", id: group.chatId }, rendered, `goal-plan:${plan.id}:published`);
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
  args: planArgs,
  async handle(ctx) {
    const current = currentMonth(ctx);
    const period = ctx.args.period ? resolveGoalPeriod(ctx.args.period, current)! : current.slice(0, 4);
    const r = await proposeGoalPlan(ctx.deps.db, { group: ctx.group, member: ctx.member, period, now: ctx.now });
    if (r.ok) {
      ctx.work.write(...r.writes);
      if (r.code === "approved") publishPlan(ctx.work, r.view);
      else
        for (const admin of r.admins)
          ctx.work.send(
            { type: "open_id", id: admin.userId },
            goalPlanCard({
              planId: r.view.plan.id,
              no: r.view.plan.no,
              period,
              groupName: ctx.group.name || ctx.group.chatId,
              proposer: r.view.proposer,
              rows: r.view.rows,
              state: { kind: "pending" },
              audience: "office",
              lang: "zh",
            }),
            `goal-plan:${r.view.plan.id}:${admin.userId}`,
          );
    }
    ctx.reply(proposePlanReply(r, period, ctx.lang));
  },
});
