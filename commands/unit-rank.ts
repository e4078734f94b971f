import { t } from "../cards/kit";
import { unitStandingCard } from "../cards/unit-standing";
import { tenantGroups } from "../src/app/groups";
import { unitStanding } from "../src/app/units";
import { defineCommand } from "../src/bot/command";
import { currentMonth } from "./guards";
import { monthArg, resolveMonth } from "./month-arg";

/** 单位排名: the units of the organisation by their unit score; the first holds the 流动红旗 (篇9 line 184). */
export const unitRankCommand = defineCommand({
  name: "单位排名",
  aliases: ["单位成绩", "unit-rank"],
  summary: {
    zh: "各单位按单位方案的得分排名（第一名获流动红旗），以及本单位得分的计算",
    en: "Units ranked by their unit score (the first holds the red flag)",
  },
  example: { zh: "单位排名 上月", en: "/unit-rank last month" },
  takesText: true,
  args: monthArg,
  async handle(ctx) {
    const month = resolveMonth(ctx.args, currentMonth(ctx));
    const groups = await tenantGroups(ctx.deps.db, ctx.group);
    const standing = await unitStanding(ctx.deps.db, groups, ctx.group, month);
    const groupName = ctx.group.name || t(ctx.lang, "本群", "this group");
    ctx.reply(unitStandingCard({ standing, groupName, lang: ctx.lang }));
  },
});
