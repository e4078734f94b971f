import type { PlanView } from "../src/app/goal-plans";
import { localDate } from "../src/domain/dates";
import { goalPlanCard, type GoalPlanView } from "./goal-plan";
import type { Lang, Rendered } from "./kit";

/** The approved plan as the group sees it: decided, by whom and on which day. */
export function publishedPlanCard(view: PlanView): Rendered {
  return goalPlanCard({ ...common(view), state: stateOf(view), audience: "group", lang: "zh" });
}

/** The plan as the office's card reads: waiting for a decision, or decided by whom and when. */
export function officePlanCard(view: PlanView, lang: Lang): Rendered {
  return goalPlanCard({ ...common(view), state: stateOf(view), audience: "office", lang });
}

function stateOf({ plan, group, decider }: PlanView): GoalPlanView["state"] {
  if (plan.status === "pending") return { kind: "pending" };
  const at = plan.decidedAt ? localDate(plan.decidedAt, group.timezone) : "";
  return { kind: "decided", decision: plan.status, by: decider ?? "", at };
}

const common = ({ plan, group, proposer, rows }: PlanView) => ({
  planId: plan.id,
  no: plan.no,
  period: plan.period,
  groupName: group.name || group.chatId,
  proposer,
  rows,
});
