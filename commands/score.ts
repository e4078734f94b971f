import { scoreReply } from "../cards/score-reply";
import { myMonth } from "../src/app/my-score";
import { displayName } from "../src/app/scores";
import { defineCommand } from "../src/bot/command";
import { schoolScoreReply } from "../cards/school-score-reply";
import { mySchoolPeriod } from "../src/app/school-score";
import { scoreArgs } from "./args/score";
import { currentMonth } from "./guards";
import { resolveMonth } from "./month-arg";

/**
 * 成绩: my month so far, per dimension, with what is missing and how the total adds up; at a school, 成绩 学期 /
 * 成绩 学年 gives the semester or school year with its months and 学期测评.
 */
export const scoreCommand = defineCommand({
  name: "成绩",
  aliases: ["我的成绩", "成绩单", "score"],
  summary: {
    zh: "看我本月的得分、各维度明细和还没评的项目（可加「上月」「10月」；学校可加「学期」「学年」）",
    en: "My score this month, per dimension (add “last month”, 2026-10, or at a school “term”, “school year”)",
  },
  example: { zh: "成绩", en: "/score" },
  takesText: true,
  args: scoreArgs,
  async handle(ctx) {
    if (ctx.args.kind === "school") {
      const result = await mySchoolPeriod(ctx.deps.db, {
        group: ctx.group,
        member: ctx.member,
        arg: ctx.args.school,
        now: ctx.now,
      });
      ctx.reply(schoolScoreReply(result, displayName(ctx.member), ctx.lang));
      return;
    }
    const month = resolveMonth(ctx.args.month, currentMonth(ctx));
    // WeChat shows no cards: the sheet goes as a picture first, the text after it.
    const picture = ctx.deps.platform === "wechat";
    const result = await myMonth(ctx.deps.db, { group: ctx.group, member: ctx.member, month, now: ctx.now, picture });
    ctx.reply(scoreReply(result, displayName(ctx.member), month, ctx.lang));
  },
});
