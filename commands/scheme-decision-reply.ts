import { decideSchemeCase, proposalIdByNo } from "../src/app/schemes";
import { decisionReply } from "./reply-by-number";
import { schemeDecisionOutcome } from "./scheme-decide";

/** 批准方案 N / 驳回方案 N: the office decides a group leader's proposed scheme by its number in that group. */
function schemeReply(decision: "approve" | "reject", name: string, alias: string, zh: string, en: string) {
  return decisionReply({
    name,
    alias,
    summary: { zh, en },
    example: { zh: `${name} 1`, en: `/${alias} 1` },
    id: /^spr_[0-9a-z]{9,40}$/u,
    maxText: 200,
    noRef: { zh: `请写上方案申请的编号，例如「${name} 1」。`, en: `Give the proposal number, e.g. “${alias} 1”.` },
    rest: (words) => ({ comment: words.join(" ") }),
    idByNo: proposalIdByNo,
    notFound: (ref) => ({ zh: `本群没有编号为 ${ref} 的方案申请`, en: `No scheme proposal ${ref} in this group` }),
    hint: { zh: "发送「方案」查看本群现行方案。", en: "Send /scheme to see the scheme in force." },
    async decide(ctx, id) {
      const c = await decideSchemeCase(ctx.deps.db, {
        ref: { id },
        tenant: ctx.group,
        by: ctx.update.senderId,
        decision,
        now: ctx.now,
      });
      return schemeDecisionOutcome(c, ctx.work, ctx.lang);
    },
  });
}

export const approveSchemeCommand = schemeReply(
  "approve",
  "批准方案",
  "approve-scheme",
  "管理员批准负责人提交的方案申请：批准方案 编号",
  "Office: approve a leader's proposed scheme by its number",
);
export const rejectSchemeCommand = schemeReply(
  "reject",
  "驳回方案",
  "reject-scheme",
  "管理员驳回负责人提交的方案申请：驳回方案 编号",
  "Office: reject a leader's proposed scheme by its number",
);
