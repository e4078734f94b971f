import { leaveDateProblem, leaveReply } from "../cards/leave-reply";
import { requestLeaveChecked } from "../src/app/leaves";
import { applyResult } from "../src/bot/apply";
import { defineCommand } from "../src/bot/command";
import { localDate } from "../src/domain/dates";
import { leaveArgs, readLeaveRequest } from "./args/leave";
import { dateProblem } from "./date-arg";
import { renderLeave } from "../cards/leave-decision-answer";

/**
 * 请假: a leave request with its kind (事假, 病假, 年休假…), decided by a leader
 * (issue 13 item 9); the daily reminder skips the days at once, and once
 * approved they are not due for 按时记录率.
 */
export const leaveCommand = defineCommand({
  name: "请假",
  aliases: ["休假", "leave"],
  summary: {
    zh: "请假：日期、类型（事假、病假、年休假…）和原因，负责人批准",
    en: "Request leave: dates, kind and reason; a leader approves",
  },
  example: { zh: "请假 11-28 11-30 年休假 回老家", en: "/leave 11-28 11-30 年休假" },
  takesText: true,
  args: leaveArgs,
  async handle(ctx) {
    const { group, lang } = ctx;
    const today = localDate(ctx.now, group.timezone);
    const read = readLeaveRequest(ctx.args, today);
    if ("bad" in read) return ctx.reply(leaveDateProblem(dateProblem(read.bad, read.read, lang), lang));
    const requester = ctx.member.name || ctx.update.senderId.slice(-4);
    const card = (leave: Parameters<typeof renderLeave>[0], who: string) =>
      renderLeave(leave, group, who, { kind: "pending" }, "zh");
    const input = { group, member: ctx.member, ...read, requester, today, now: ctx.now };
    const result = await requestLeaveChecked({ db: ctx.deps.db, card }, input);
    if (result.ok) applyResult(ctx.work, result);
    ctx.reply(leaveReply(result, { ...read, lang }));
  },
});
