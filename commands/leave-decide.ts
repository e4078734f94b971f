import { t, type Lang, type Rendered } from "../cards/kit";
import { leaveDecideButton, leaveRequestCard } from "../cards/leave-request";
import type { DecisionAnswer } from "../cards/approval-answer";
import { noticeCard } from "../cards/notice";
import { decideLeaveCase, groupCalendar, leaveGroupId, type Leave, type LeaveDecisionCase } from "../src/app/leaves";
import { defineCardAction } from "../src/bot/card-action";
import type { Work } from "../src/bot/work";
import { workdaysBetween } from "../src/domain/attendance";
import { localDate } from "../src/domain/dates";

/** A leave request as its card shows it. */
export function renderLeave(
  leave: Leave,
  group: Parameters<typeof groupCalendar>[0] & { name: string; chatId: string },
  requester: string,
  state: Parameters<typeof leaveRequestCard>[0]["state"],
  lang: Lang,
): Rendered {
  return leaveRequestCard({
    leaveId: leave.id,
    no: leave.no ?? 0,
    requester,
    groupName: group.name || group.chatId,
    kind: leave.kind ?? "请假",
    span: leave.from === leave.to ? leave.from : `${leave.from} — ${leave.to}`,
    workdays: workdaysBetween(groupCalendar(group), leave.from, leave.to),
    reason: leave.reason,
    state,
    lang,
  });
}

/** A decision as the leader reads it; the requester is told privately. */
export function leaveDecisionOutcome(c: LeaveDecisionCase, now: Date, work: Work, lang: Lang): DecisionAnswer {
  if (!c.ok && c.code === "not-found")
    return { level: "warning", message: t(lang, "找不到这条请假申请", "No such leave request") };
  const requester = c.requester.name || c.requester.userId.slice(-4);
  if (!c.ok && c.code === "not-approver")
    return {
      level: "warning",
      message: t(lang, "只有负责人可以操作：请假由本群负责人批准", "Leaders only: a leader approves leave"),
    };
  if (!c.ok && c.code === "locked")
    return {
      level: "warning",
      message: t(
        lang,
        "这段请假所在月份的成绩已定稿，批准会改动已发布的结果；如需调整请用「更正」",
        "That month's results are final: use 更正 to change them",
      ),
    };
  if (!c.ok)
    return {
      level: "warning",
      message: t(lang, "这条请假已处理过", "Already decided"),
      card: renderLeave(
        c.leave,
        c.group,
        requester,
        c.leave.status === "pending"
          ? { kind: "pending" }
          : { kind: "decided", decision: c.leave.status, by: "", at: "" },
        lang,
      ),
    };
  work.write(...c.writes);
  const at = localDate(now, c.group.timezone);
  const approved = c.code === "approved";
  const card = renderLeave(c.leave, c.group, requester, { kind: "decided", decision: c.code, by: c.decider, at }, lang);
  work.send(
    { type: "open_id", id: c.requester.userId },
    noticeCard({
      title: approved ? "请假已批准" : "请假未获批准",
      body: approved
        ? `${c.leave.kind ?? "请假"} ${c.leave.from} — ${c.leave.to} 已由 ${c.decider} 批准，这些天不计入应交日报的工作日。`
        : `${c.leave.kind ?? "请假"} ${c.leave.from} — ${c.leave.to} 被 ${c.decider} 驳回，这些天仍是应交日报的工作日。`,
      colour: approved ? "green" : "red",
    }),
    `leave:${c.leave.id}:decided`,
  );
  return { level: "success", message: approved ? t(lang, "已批准", "Approved") : t(lang, "已驳回", "Rejected"), card };
}

/** 批准 / 驳回 on a leave request card: a leader of the group or an admin, never the requester, once. */
export const decideLeaveAction = defineCardAction({
  button: leaveDecideButton,
  groupOf: (deps, value) => leaveGroupId(deps.db, value.id),
  notFound: (lang) => t(lang, "找不到这条请假申请", "No such leave request"),
  async handle(ctx) {
    const c = await decideLeaveCase(ctx.deps.db, {
      leaveId: ctx.value.id,
      tenant: { platform: ctx.deps.platform, tenantKey: ctx.update.tenantKey },
      by: ctx.update.operatorId,
      decision: ctx.value.decision,
      now: ctx.now,
    });
    const { level, message, card } = leaveDecisionOutcome(c, ctx.now, ctx.work, ctx.lang);
    return card
      ? { toast: { type: level, content: message }, card: { type: "raw", data: card.card } }
      : { toast: { type: level, content: message } };
  },
  async onConflict(ctx) {
    // Another leader's decision was written first (the decision's primary key).
    return { toast: { type: "warning", content: t(ctx.lang, "这条请假已处理过", "Already decided") } };
  },
});
