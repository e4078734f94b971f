import { unitPayCard } from "../cards/unit-standing";
import { isAdmin } from "../src/app/roles";
import { setUnitPool, twoLevelPayFor } from "../src/app/unit-pay";
import { defineCommand } from "../src/bot/command";
import { parseUnitPay, zodOf } from "./args/unit";
import { currentMonth, officeOnly } from "./guards";

/**
 * 两级分配 (issue 14 item 4, 篇5 line 95): the office sets the year's pool; anyone sees how it splits over the units
 * and what came to them, line by line (the office sees every unit's share).
 */
export const unitPayCommand = defineCommand({
  name: "两级分配",
  aliases: ["unit-pay"],
  summary: {
    zh: "奖金池按单位得分×规模系数分到各单位，再按民主测评等分到个人；管理员设置奖金池",
    en: "Two-level pay: the pool over units, then over their people; admins set the pool",
  },
  example: { zh: "两级分配 2026 奖金池 500000", en: "/unit-pay 2026 pool 500000" },
  takesText: true,
  args: (lang) => zodOf(parseUnitPay, lang),
  async handle(ctx) {
    const year = ctx.args.year ?? currentMonth(ctx).slice(0, 4);
    const { poolFen } = ctx.args;
    let saved: { previousFen: number | null } | undefined;
    if (poolFen !== undefined) {
      if (!(await officeOnly(ctx, "两级分配 奖金池"))) return;
      const done = await setUnitPool(ctx.deps, {
        group: ctx.group,
        year,
        poolFen,
        by: ctx.update.senderId,
        now: ctx.now,
      });
      ctx.work.write(...done.writes);
      saved = { previousFen: done.previousFen };
    }
    const view = await twoLevelPayFor(ctx.deps, {
      group: ctx.group,
      year,
      memberId: ctx.member.id,
      now: ctx.now,
      ...(poolFen === undefined ? {} : { poolFen }),
    });
    const office = await isAdmin(ctx.deps.db, ctx.group, ctx.update.senderId);
    ctx.reply(
      unitPayCard({
        year,
        pay: view.pay,
        poolFen: view.poolFen,
        office,
        lang: ctx.lang,
        ...(view.mine ? { mine: view.mine } : {}),
        ...(saved ? { saved } : {}),
      }),
    );
  },
});
