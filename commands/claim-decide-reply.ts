import { claimDecisionAnswer } from "../cards/approval-answer";
import { claimViews } from "../cards/claim-view";
import { CLAIM_REPLY_WORDS } from "../cards/decision-reply";
import { decideClaim, MAX_DECISION_COMMENT, type DecisionWord } from "../src/app/claim-decision";
import { claimIdByNo } from "../src/app/claims";
import { applyResult } from "../src/bot/apply";
import { claimRest } from "./args/decision-reply";
import { decisionReply } from "./reply-by-number";

type Text = { zh: string; en: string };

/** The reply commands stand in for an approval card's buttons where there are none (WeChat), and work in Lark too. */
function replyCommand(decision: DecisionWord, name: string, summary: Text, example: Text) {
  return decisionReply({
    ...{ name, alias: decision, summary, example, ...CLAIM_REPLY_WORDS, idByNo: claimIdByNo },
    id: /^clm_[0-9a-z]{9,40}$/u,
    // As much as the approval card's comment box holds.
    maxText: MAX_DECISION_COMMENT,
    rest: claimRest(decision),
    async decide(ctx, claimId) {
      const { tenantKey, senderId: operatorUserId } = ctx.update;
      const input = { claimId, tenantKey, operatorUserId, decision, ...ctx.args.rest, now: ctx.now };
      const result = await decideClaim({ db: ctx.deps.db, views: claimViews }, input);
      if (result.ok) applyResult(ctx.work, result);
      return claimDecisionAnswer(result, ctx.lang);
    },
  });
}

export const approveCommand = replyCommand(
  "approve",
  "同意",
  { zh: "负责人同意一条申报：同意 编号", en: "Leaders: approve a claim by its number" },
  { zh: "同意 12", en: "/approve 12" },
);

export const rejectCommand = replyCommand(
  "reject",
  "驳回",
  { zh: "负责人驳回一条申报并说明原因：驳回 编号 原因", en: "Leaders: reject a claim with a reason" },
  { zh: "驳回 12 依据不足，请补充材料", en: "/reject 12 not enough evidence" },
);

export const adjustClaimCommand = replyCommand(
  "adjust",
  "调整",
  { zh: "负责人调整加分申报的分值并同意：调整 编号 分值 原因", en: "Leaders: grant a bonus claim with other points" },
  { zh: "调整 12 1 按实际牵头部分计分", en: "/adjust 12 1 partly led" },
);
