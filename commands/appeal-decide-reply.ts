import { appealDecisionAnswer, appealViews } from "../cards/appeal-view";
import { APPEAL_REPLY_WORDS } from "../cards/decision-reply";
import { decideAppeal, MAX_APPEAL_DECISION_CHARS } from "../src/app/appeals";
import { appealIdByNo } from "../src/app/publications";
import { applyResult } from "../src/bot/apply";
import { reissueAfterCommit } from "../src/jobs/reissue";
import { appealRest } from "./args/decision-reply";
import { decisionReply } from "./reply-by-number";

type Text = { zh: string; en: string };

/** Reply commands for the appeal card's buttons, where there are none (WeChat); they work in Lark too. */
function appealReply(decision: "uphold" | "amend", name: string, summary: Text, example: Text) {
  return decisionReply({
    ...{ name, alias: decision, summary, example, ...APPEAL_REPLY_WORDS, idByNo: appealIdByNo },
    id: /^apl_[0-9a-z]{9,40}$/u,
    // As much as the appeal card's reason box holds.
    maxText: MAX_APPEAL_DECISION_CHARS,
    rest: appealRest(decision),
    async decide(ctx, appealId) {
      const { tenantKey, senderId: operatorUserId } = ctx.update;
      const deps = { db: ctx.deps.db, views: appealViews, clock: ctx.deps.clock };
      const input = { appealId, tenantKey, operatorUserId, decision, ...ctx.args.rest, now: ctx.now };
      const result = await decideAppeal(deps, input);
      if (result.ok) {
        applyResult(ctx.work, result);
        if (result.reissue) reissueAfterCommit(ctx.work, ctx.deps, result.decided.group, result.reissue);
      }
      return appealDecisionAnswer(result, ctx.lang);
    },
  });
}

export const upholdAppealCommand = appealReply(
  "uphold",
  "维持申诉",
  {
    zh: "负责人维持原结果并说明理由：维持申诉 编号 理由",
    en: "Leaders: uphold a result against an appeal, with a reason",
  },
  { zh: "维持申诉 2 加分已计入9月", en: "/uphold 2 the bonus counted in September" },
);

export const amendAppealCommand = appealReply(
  "amend",
  "更正申诉",
  { zh: "负责人按申诉更正结果：更正申诉 编号 维度 加减分 理由", en: "Leaders: amend a result on an appeal" },
  { zh: "更正申诉 2 联村 1 9月联村加分漏计", en: "/amend 2 village 1 September bonus was missing" },
);
