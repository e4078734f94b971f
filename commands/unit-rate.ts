import { t } from "../cards/kit";
import { noUnitSchemeCard, unitRatedCard, unknownUnitItemCard } from "../cards/unit-reply";
import { rateUnit } from "../src/app/units";
import { defineCommand } from "../src/bot/command";
import { parseUnitRate, zodOf } from "./args/unit";
import { currentMonth, officeOnly } from "./guards";
import { resolveMonth } from "./month-arg";

/** 单位评分: the office rates this group, as a unit, on one indicator of its unit scheme (篇5 line 95 「统一组织检查」). */
export const unitRateCommand = defineCommand({
  name: "单位评分",
  aliases: ["unit-rate"],
  summary: {
    zh: "管理员按单位方案给本单位的一项指标打分（0–100，可指定月份、附评语）",
    en: "Admins: rate this group as a unit on one item of its unit scheme",
  },
  example: { zh: "单位评分 经济发展 90 上月 完成招商任务", en: "/unit-rate economy 90" },
  takesText: true,
  args: (lang) => zodOf(parseUnitRate, lang),
  async handle(ctx) {
    if (!(await officeOnly(ctx, "单位评分"))) return;
    const month = resolveMonth(ctx.args.month, currentMonth(ctx));
    const done = await rateUnit(ctx.deps, {
      group: ctx.group,
      month,
      item: ctx.args.item,
      score: ctx.args.score,
      comment: ctx.args.comment,
      by: ctx.update.senderId,
      now: ctx.now,
    });
    if (done.code === "no-scheme") return ctx.reply(noUnitSchemeCard(ctx.lang));
    if (done.code === "unknown-item") return ctx.reply(unknownUnitItemCard(done.keys, ctx.lang));
    ctx.work.write(...done.writes);
    const groupName = ctx.group.name || t(ctx.lang, "本群", "this group");
    ctx.reply(unitRatedCard({ groupName, month, score: ctx.args.score, result: done.result, lang: ctx.lang }));
  },
});
