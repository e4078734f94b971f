import { RATE_EXAMPLE, rateReply } from "../cards/rate-reply";
import { rateNamed } from "../src/app/rate-named";
import { defineCommand } from "../src/bot/command";
import { rateArgs } from "./args/rate";
import { currentMonth } from "./guards";

/** 评分: a leader rates a member on a dimension (all its items) or one item, for this month. */
export const rateCommand = defineCommand({
  name: "评分",
  aliases: ["打分", "rate"],
  summary: {
    zh: "负责人给成员某个维度或指标打分（0–100，本月有效，可重打）",
    en: "Leaders rate a member on a dimension or item (0–100, this month)",
  },
  example: RATE_EXAMPLE,
  takesText: true,
  args: rateArgs,
  async handle(ctx) {
    const { group, member: rater, lang, now } = ctx;
    const { senderId: by, mentions } = ctx.update;
    const month = currentMonth(ctx);
    const done = await rateNamed(ctx.deps, { group, rater, ...ctx.args, mentions, month, by, now });
    if (done.ok) ctx.work.write(...done.writes);
    ctx.reply(rateReply(done, { ...ctx.args, month }, lang));
  },
});
