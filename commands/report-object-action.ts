import { appealViews } from "../cards/appeal-view";
import { t } from "../cards/kit";
import { reportObjectButton } from "../cards/report-card";
import { lodgeAppeal, MAX_APPEAL_CHARS } from "../src/app/appeals";
import { applyResult } from "../src/bot/apply";
import { defineCardAction } from "../src/bot/card-action";
import { isVagueReason } from "../src/domain/scoring";

/** 提出异议 on a report card: the same appeal as the 申诉 command, with the reason typed on the card. */
export const reportObjectAction = defineCardAction({
  button: reportObjectButton,
  groupOf: async (_deps, value) => value.group,
  notFound: (lang) => t(lang, "找不到这个群", "Group not found"),
  async handle(ctx) {
    const { lang } = ctx;
    const objection = ctx.update.formValue?.objection;
    const reason = typeof objection === "string" ? objection.trim().slice(0, MAX_APPEAL_CHARS) : "";
    if (!reason || isVagueReason(reason))
      return {
        toast: {
          type: "warning",
          content: t(lang, "请写明具体的异议（哪一项、为什么）", "Say what you object to, and why"),
        },
      };
    if (!ctx.member?.active)
      return {
        toast: { type: "error", content: t(lang, "你不是这个群的考核成员", "You are not a member of this group") },
      };
    const result = await lodgeAppeal(
      { db: ctx.deps.db, views: appealViews },
      { group: ctx.group, member: ctx.member, reason, now: ctx.now },
    );
    if (!result.ok && result.code === "closed")
      return {
        toast: { type: "warning", content: t(lang, "公示期已过，不能再提出异议", "The objection window has closed") },
      };
    if (!result.ok)
      return { toast: { type: "info", content: t(lang, "你的申诉正在处理中", "Your appeal is being handled") } };
    applyResult(ctx.work, result);
    return {
      toast: {
        type: "success",
        content: t(lang, `异议已提交给 ${result.leaders} 位负责人`, `Sent to ${result.leaders} leader(s)`),
      },
    };
  },
});
