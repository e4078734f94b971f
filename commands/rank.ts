import { rankingCards } from "../cards/ranking";
import { groupRanking } from "../src/app/rank-view";
import { defineCommand } from "../src/bot/command";
import { schoolRankingReply } from "../cards/school-score-reply";
import { schoolRanking } from "../src/app/school-score";
import { scoreArgs } from "./args/score";
import { currentMonth } from "./guards";
import { resolveMonth } from "./month-arg";

/** 排名: the group's ranking this month, as the scheme's rankingVisibility allows the viewer. */
export const rankCommand = defineCommand({
  name: "排名",
  aliases: ["排行", "rank", "ranking"],
  summary: {
    zh: "看本群本月排名（公开范围由方案决定；可加「上月」；学校可加「学期」「学年」）",
    en: "This month's ranking in the group (what you see depends on the scheme)",
  },
  example: { zh: "排名", en: "/rank" },
  takesText: true,
  args: scoreArgs,
  async handle(ctx) {
    // 排名 学期 / 排名 学年 at a school: the semester or school year, with the same visibility.
    if (ctx.args.kind === "school") {
      const ranked = await schoolRanking(ctx.deps.db, {
        group: ctx.group,
        member: ctx.member,
        arg: ctx.args.school,
        now: ctx.now,
      });
      for (const rendered of schoolRankingReply(ranked, ctx.group.name, ctx.lang)) ctx.reply(rendered);
      return;
    }
    const month = resolveMonth(ctx.args.month, currentMonth(ctx));
    const { image, ...view } = await groupRanking(ctx.deps, {
      group: ctx.group,
      member: ctx.member,
      month,
      now: ctx.now,
    });
    // A group too large for one card gets several, in order: everyone's place is shown.
    const cards = rankingCards({ ...view, groupName: ctx.group.name, lang: ctx.lang });
    // WeChat has no cards: the picture goes first, with the first card's text.
    cards.forEach((rendered, i) => ctx.reply({ ...rendered, ...(image && i === 0 ? { image } : {}) }));
  },
});
