import type { PlanView } from "../src/app/goal-plans";
import { localDate } from "../src/domain/dates";
import { goalPlanCard } from "./goal-plan";
import type { Rendered } from "./kit";

/** The approved plan as the group sees it: decided, by whom and on which day. */
export function publishedPlanCard(view: PlanView): Rendered {
  const { plan, group } = view;
  const at = plan.decidedAt ? localDate(plan.decidedAt, group.timezone) : "";
  return goalPlanCard({
    ...common(view),
    state: { kind: "decided", decision: "approved", by: view.decider ?? "", at },
    audience: "group",
  });
}

/** The plan as an admin gets it to approve or reject. */
export function pendingPlanCard(view: PlanView): Rendered {
  return goalPlanCard({ ...common(view), state: { kind: "pending" }, audience: "office" });
}

const common = ({ plan, group, proposer, rows }: PlanView) => ({
  planId: plan.id,
  no: plan.no,
  period: plan.period,
  groupName: group.name || group.chatId,
  proposer,
  rows,
  lang: "zh" as const,
});
