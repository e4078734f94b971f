import { scoreReply } from "../cards/score-reply";
import { myMonth } from "../src/app/my-score";
import { displayName } from "../src/app/scores";
import { defineCommand } from "../src/bot/command";
import { currentMonth } from "./guards";
import { monthArg, resolveMonth } from "./month-arg";

/** 成绩: my month so far, per dimension, with what is missing and how the total adds up. */
export const scoreCommand = defineCommand({
  name: "成绩",
  aliases: ["我的成绩", "成绩单", "score"],
  summary: {
    zh: "看我本月的得分、各维度明细和还没评的项目（可加「上月」「10月」）",
    en: "My score this month, per dimension (add “last month” or 2026-10)",
  },
  example: { zh: "成绩", en: "/score" },
  takesText: true,
  args: monthArg,
  async handle(ctx) {
    const month = resolveMonth(ctx.args, currentMonth(ctx));
    // WeChat shows no cards: the sheet goes as a picture first, the text after it.
    const picture = ctx.deps.platform === "wechat";
    const result = await myMonth(ctx.deps.db, { group: ctx.group, member: ctx.member, month, now: ctx.now, picture });
    ctx.reply(scoreReply(result, displayName(ctx.member), month, ctx.lang));
  },
});
