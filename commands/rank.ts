import { rankingCards } from "../cards/ranking";
import { groupRanking } from "../src/app/rank-view";
import { defineCommand } from "../src/bot/command";
import { currentMonth } from "./guards";
import { monthArg, resolveMonth } from "./month-arg";

/** 排名: the group's ranking this month, as the scheme's rankingVisibility allows the viewer. */
export const rankCommand = defineCommand({
  name: "排名",
  aliases: ["排行", "rank", "ranking"],
  summary: {
    zh: "看本群本月排名（公开范围由方案决定；可加「上月」）",
    en: "This month's ranking in the group (what you see depends on the scheme)",
  },
  example: { zh: "排名", en: "/rank" },
  takesText: true,
  args: monthArg,
  async handle(ctx) {
    const month = resolveMonth(ctx.args, currentMonth(ctx));
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
