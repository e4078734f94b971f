import { appealDecisionAnswer, appealViews } from "../cards/appeal-view";
import { decideAppeal, MAX_APPEAL_DECISION_CHARS } from "../src/app/appeals";
import { appealIdByNo } from "../src/app/publications";
import { applyResult } from "../src/bot/apply";
import { reissueAfterCommit } from "../src/jobs/reissue";
import { decisionReply } from "./reply-by-number";

/** Reply commands for the appeal card's buttons, where there are none (WeChat); they work in Lark too. */
function appealReply(
  decision: "uphold" | "amend",
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
    id: /^apl_[0-9a-z]{9,40}$/u,
    // As much as the appeal card's reason box holds.
    maxText: MAX_APPEAL_DECISION_CHARS,
    noRef: { zh: "请写上申诉编号，例如「维持申诉 2 理由」。", en: "Give the appeal number, e.g. “uphold 2 reason”." },
    rest(words): { dimension?: string; points?: string; reason: string } {
      if (decision === "amend") {
        const [dimension = "", points = "", ...reason] = words;
        return { dimension, points, reason: reason.join(" ") };
      }
      return { reason: words.join(" ") };
    },
    idByNo: appealIdByNo,
    notFound: (ref) => ({ zh: `本群没有编号为 ${ref} 的申诉`, en: `No appeal ${ref} in this group` }),
    hint: { zh: "申诉编号写在申诉消息的末尾。", en: "The appeal number is at the end of the appeal message." },
    async decide(ctx, appealId) {
      const result = await decideAppeal(
        { db: ctx.deps.db, views: appealViews, clock: ctx.deps.clock },
        {
          appealId,
          tenantKey: ctx.update.tenantKey,
          operatorUserId: ctx.update.senderId,
          decision,
          reason: ctx.args.rest.reason,
          dimension: ctx.args.rest.dimension,
          points: ctx.args.rest.points,
          now: ctx.now,
        },
      );
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
  "uphold",
  {
    zh: "负责人维持原结果并说明理由：维持申诉 编号 理由",
    en: "Leaders: uphold a result against an appeal, with a reason",
  },
  { zh: "维持申诉 2 加分已计入9月", en: "/uphold 2 the bonus counted in September" },
);

export const amendAppealCommand = appealReply(
  "amend",
  "更正申诉",
  "amend",
  { zh: "负责人按申诉更正结果：更正申诉 编号 维度 加减分 理由", en: "Leaders: amend a result on an appeal" },
  { zh: "更正申诉 2 联村 1 9月联村加分漏计", en: "/amend 2 village 1 September bonus was missing" },
);
