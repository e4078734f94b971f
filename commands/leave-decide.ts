import type { DecisionAnswer } from "../cards/approval-answer";
import type { Lang } from "../cards/kit";
import {
  leaveAlreadyDecided,
  leaveDecidedNotice,
  leaveDecisionAnswer,
  noSuchLeave,
} from "../cards/leave-decision-answer";
import { leaveDecideButton } from "../cards/leave-request";
import { decideLeaveCase, leaveGroupId, type LeaveDecisionCase } from "../src/app/leaves";
import { defineCardAction } from "../src/bot/card-action";
import type { Work } from "../src/bot/work";

/** Kept here for the commands that import it from the decision (请假 shows the pending card). */

/** A decision applied (written, the requester told privately), and its answer; the reply command shares it. */
export function leaveDecisionOutcome(c: LeaveDecisionCase, now: Date, work: Work, lang: Lang): DecisionAnswer {
  if (c.ok) {
    work.write(...c.writes);
    work.send({ type: "open_id", id: c.requester.userId }, leaveDecidedNotice(c), `leave:${c.leave.id}:decided`);
  }
  return leaveDecisionAnswer(c, now, lang);
}

/** 批准 / 驳回 on a leave request card: a leader of the group or an admin, never the requester, once. */
export const decideLeaveAction = defineCardAction({
  button: leaveDecideButton,
  groupOf: (deps, value) => leaveGroupId(deps.db, value.id),
  notFound: noSuchLeave,
  async handle(ctx) {
    const tenant = { platform: ctx.deps.platform, tenantKey: ctx.update.tenantKey };
    const { id: leaveId, decision } = ctx.value;
    const c = await decideLeaveCase(ctx.deps.db, {
      leaveId,
      tenant,
      by: ctx.update.operatorId,
      decision,
      now: ctx.now,
    });
    const { level, message, card } = leaveDecisionOutcome(c, ctx.now, ctx.work, ctx.lang);
    const toast = { type: level, content: message };
    return card ? { toast, card: { type: "raw", data: card.card } } : { toast };
  },
  // Another leader's decision was written first (the decision's primary key).
  onConflict: async (ctx) => ({ toast: { type: "warning", content: leaveAlreadyDecided(ctx.lang) } }),
});
