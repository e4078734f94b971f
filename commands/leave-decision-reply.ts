import { decideLeaveCase, leaveIdByNo } from "../src/app/leaves";
import { decisionReply } from "./reply-by-number";
import { leaveDecisionOutcome } from "./leave-decide";

/** 批准请假 N / 驳回请假 N: a leader decides a leave request by its number in the group (where cards have no buttons). */
function leaveReply(decision: "approve" | "reject", name: string, alias: string, zh: string, en: string) {
  return decisionReply({
    name,
    alias,
    summary: { zh, en },
    example: { zh: `${name} 3`, en: `/${alias} 3` },
    id: /^lv_[0-9a-z]{9,40}$/u,
    maxText: 200,
    noRef: { zh: `请写上请假编号，例如「${name} 3」。`, en: `Give the leave number, e.g. “${alias} 3”.` },
    rest: (words) => ({ comment: words.join(" ") }),
    idByNo: leaveIdByNo,
    notFound: (ref) => ({ zh: `本群没有编号为 ${ref} 的请假申请`, en: `No leave request ${ref} in this group` }),
    hint: { zh: "请假申请卡片上有编号。", en: "The number is on the leave request card." },
    async decide(ctx, id) {
      const c = await decideLeaveCase(ctx.deps.db, {
        leaveId: id,
        tenant: ctx.group,
        by: ctx.update.senderId,
        decision,
        now: ctx.now,
      });
      return leaveDecisionOutcome(c, ctx.now, ctx.work, ctx.lang);
    },
  });
}

export const approveLeaveCommand = leaveReply(
  "approve",
  "批准请假",
  "approve-leave",
  "负责人批准请假：批准请假 编号",
  "Leaders: approve a leave request by its number",
);
export const rejectLeaveCommand = leaveReply(
  "reject",
  "驳回请假",
  "reject-leave",
  "负责人驳回请假：驳回请假 编号",
  "Leaders: reject a leave request by its number",
);
