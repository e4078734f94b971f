import type { Leave, LeaveDecisionCase } from "../src/app/leaves";
import type { GroupSettings } from "../src/app/model";
import { workdaysBetween } from "../src/domain/attendance";
import { createWorkCalendar } from "../src/domain/calendar";
import { localDate } from "../src/domain/dates";
import type { DecisionAnswer } from "./approval-answer";
import { t, type Lang, type Rendered } from "./kit";
import { leaveRequestCard } from "./leave-request";
import { noticeCard } from "./notice";

/** A leave request as its card shows it; its workdays counted by the group's own calendar. */
export function renderLeave(
  leave: Leave,
  group: { settings: GroupSettings; name: string; chatId: string },
  requester: string,
  state: Parameters<typeof leaveRequestCard>[0]["state"],
  lang: Lang,
): Rendered {
  const { holidays = [], workdays = [] } = group.settings;
  return leaveRequestCard({
    leaveId: leave.id,
    no: leave.no ?? 0,
    requester,
    groupName: group.name || group.chatId,
    kind: leave.kind ?? "请假",
    span: leave.from === leave.to ? leave.from : `${leave.from} — ${leave.to}`,
    workdays: workdaysBetween(createWorkCalendar({ holidays, workdays }), leave.from, leave.to),
    reason: leave.reason,
    state,
    lang,
  });
}

/** "找不到这条请假申请": also the card action's answer when its leave's group is gone. */
export const noSuchLeave = (lang: Lang) => t(lang, "找不到这条请假申请", "No such leave request");

/** "这条请假已处理过": also the answer to a second decision racing the first. */
export const leaveAlreadyDecided = (lang: Lang) => t(lang, "这条请假已处理过", "Already decided");

/** A leave decision's code as the leader reads it, with the request card as it now stands. */
export function leaveDecisionAnswer(c: LeaveDecisionCase, now: Date, lang: Lang): DecisionAnswer {
  if (!c.ok && c.code === "not-found") return { level: "warning", message: noSuchLeave(lang) };
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
  if (!c.ok) {
    const state =
      c.leave.status === "pending"
        ? ({ kind: "pending" } as const)
        : ({ kind: "decided", decision: c.leave.status, by: "", at: "" } as const);
    return {
      level: "warning",
      message: leaveAlreadyDecided(lang),
      card: renderLeave(c.leave, c.group, requester, state, lang),
    };
  }
  const at = localDate(now, c.group.timezone);
  const card = renderLeave(c.leave, c.group, requester, { kind: "decided", decision: c.code, by: c.decider, at }, lang);
  const approved = c.code === "approved";
  return { level: "success", message: approved ? t(lang, "已批准", "Approved") : t(lang, "已驳回", "Rejected"), card };
}

/** What the requester is told privately once a leader decided. */
export function leaveDecidedNotice(c: Extract<LeaveDecisionCase, { ok: true }>): Rendered {
  const approved = c.code === "approved";
  const what = `${c.leave.kind ?? "请假"} ${c.leave.from} — ${c.leave.to}`;
  return noticeCard({
    title: approved ? "请假已批准" : "请假未获批准",
    body: approved
      ? `${what} 已由 ${c.decider} 批准，这些天不计入应交日报的工作日。`
      : `${what} 被 ${c.decider} 驳回，这些天仍是应交日报的工作日。`,
    colour: approved ? "green" : "red",
  });
}
