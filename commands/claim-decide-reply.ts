import { claimDecisionAnswer } from "../cards/approval-answer";
import { claimViews } from "../cards/claim-view";
import { decideClaim, MAX_DECISION_COMMENT, type DecisionWord } from "../src/app/claim-decision";
import { claimIdByNo } from "../src/app/claims";
import { applyResult } from "../src/bot/apply";
import { decisionReply } from "./reply-by-number";

/** The reply commands stand in for an approval card's buttons where there are none (WeChat), and work in Lark too. */
function replyCommand(
  decision: DecisionWord,
  name: string,
  alias: string,
  summary: { zh: string; en: string },
  example: { zh: string; en: string },
) {
  return decisionReply({
    name,
    alias,
    summary,
    example,
    id: /^clm_[0-9a-z]{9,40}$/u,
    // As much as the approval card's comment box holds.
    maxText: MAX_DECISION_COMMENT,
    noRef: { zh: "请写上申报编号，例如「同意 12」。", en: "Give the claim number, e.g. “approve 12”." },
    rest(words): { points?: string; comment: string } {
      if (decision === "adjust") {
        const [points = "", ...comment] = words;
        return { points, comment: comment.join(" ") };
      }
      return { comment: words.join(" ") };
    },
    idByNo: claimIdByNo,
    notFound: (ref) => ({ zh: `本群没有编号为 ${ref} 的申报`, en: `No claim ${ref} in this group` }),
    hint: { zh: "发送「待办」查看待审批的申报。", en: "Send /todo to see claims waiting for you." },
    async decide(ctx, claimId) {
      const result = await decideClaim(
        { db: ctx.deps.db, views: claimViews },
        {
          claimId,
          tenantKey: ctx.update.tenantKey,
          operatorUserId: ctx.update.senderId,
          decision,
          comment: ctx.args.rest.comment,
          points: ctx.args.rest.points,
          now: ctx.now,
        },
      );
      if (result.ok) applyResult(ctx.work, result);
      return claimDecisionAnswer(result, ctx.lang);
    },
  });
}

export const approveCommand = replyCommand(
  "approve",
  "同意",
  "approve",
  { zh: "负责人同意一条申报：同意 编号", en: "Leaders: approve a claim by its number" },
  { zh: "同意 12", en: "/approve 12" },
);

export const rejectCommand = replyCommand(
  "reject",
  "驳回",
  "reject",
  { zh: "负责人驳回一条申报并说明原因：驳回 编号 原因", en: "Leaders: reject a claim with a reason" },
  { zh: "驳回 12 依据不足，请补充材料", en: "/reject 12 not enough evidence" },
);

export const adjustClaimCommand = replyCommand(
  "adjust",
  "调整",
  "adjust",
  { zh: "负责人调整加分申报的分值并同意：调整 编号 分值 原因", en: "Leaders: grant a bonus claim with other points" },
  { zh: "调整 12 1 按实际牵头部分计分", en: "/adjust 12 1 partly led" },
);
