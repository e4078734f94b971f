import { appealReply } from "../cards/appeal-reply";
import { appealViews } from "../cards/appeal-view";
import { lodgeAppeal } from "../src/app/appeals";
import { applyResult } from "../src/bot/apply";
import { defineCommand } from "../src/bot/command";
import { appealArgs } from "./args/appeal";

/** 申诉: object to a published quarter or year within its window; every leader gets the case. */
export const appealCommand = defineCommand({
  name: "申诉",
  aliases: ["异议", "appeal"],
  summary: {
    zh: "公示期内对季度/年度结果提出申诉，负责人会处理并回复",
    en: "Object to a published result during its window",
  },
  example: { zh: "申诉 9月联村工作的加分没有计入", en: "/appeal my September bonus is missing" },
  takesText: true,
  args: appealArgs,
  async handle(ctx) {
    const result = await lodgeAppeal(
      { db: ctx.deps.db, views: appealViews },
      { group: ctx.group, member: ctx.member, reason: ctx.args, now: ctx.now },
    );
    if (result.ok) applyResult(ctx.work, result);
    ctx.reply(appealReply(result, ctx.lang));
  },
});
