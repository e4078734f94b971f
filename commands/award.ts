import { AWARD_EXAMPLE, awardReply } from "../cards/award-reply";
import { awardNamed } from "../src/app/award-named";
import { defineCommand } from "../src/bot/command";
import { awardArgs } from "./args/award";
import { currentMonth } from "./guards";

/** Kept here for the commands that import it from 奖励 (申报 奖励 matches levels the same way). */

/** 奖励: a leader records an award (国家级/省级/市级/县级), worth the scheme's points. */
export const awardCommand = defineCommand({
  name: "奖励",
  aliases: ["award"],
  summary: {
    zh: "负责人记录获奖（国家级/省级/市级/县级，按方案加分）",
    en: "Leaders record an award (national/provincial/city/county)",
  },
  example: AWARD_EXAMPLE,
  takesText: true,
  args: awardArgs,
  async handle(ctx) {
    const { group, member: leader, lang, now } = ctx;
    const { senderId: by, mentions } = ctx.update;
    const month = currentMonth(ctx);
    const done = await awardNamed(ctx.deps, { group, leader, ...ctx.args, mentions, month, by, now });
    if (done.ok) ctx.work.write(...done.writes);
    ctx.reply(awardReply(done, { reason: ctx.args.reason, month }, lang));
  },
});
