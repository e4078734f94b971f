import { z } from "zod";
import { t } from "../cards/kit";
import { confirmGrades } from "../src/app/grade-confirmations";
import { displayName } from "../src/app/scores";
import { defineCommand } from "../src/bot/command";
import { excerpt } from "../src/domain/text";
import { confirmationCardOf, confirmNotice, confirmText, PERIOD, publishAfter } from "./grade-confirmation";
import { officeGate } from "./office-gate";

/** 确认等次: the office confirms a period's grades (篇6 「再由校考核小组评定等级」); the period is then published. */
export const confirmGradesCommand = defineCommand({
  name: "确认等次",
  aliases: ["confirm-grades"],
  summary: {
    zh: "管理员（绩考办）确认本群一个期别的等次，随即发布（方案要求确认时）",
    en: "Admins: confirm a period's grades so it is published (where the scheme asks)",
  },
  example: { zh: "确认等次 2026-Q4", en: "/confirm-grades 2026-Q4" },
  takesText: true,
  args: (lang) =>
    z.string().transform((text, ctx) => {
      const period = text.trim();
      if (period && !PERIOD.test(period)) {
        ctx.addIssue({
          code: "custom",
          message: t(
            lang,
            `期别写作 2026-11（月）、2026-Q4（季度）或 2026（年度），不是「${excerpt(period)}」`,
            `A period is 2026-11, 2026-Q4 or 2026, not “${excerpt(period)}”`,
          ),
        });
        return z.NEVER;
      }
      return { period: period || undefined };
    }),
  async handle(ctx) {
    if (!(await officeGate(ctx, "确认等次"))) return;
    const outcome = await confirmGrades(ctx.deps.db, {
      group: ctx.group,
      ...(ctx.args.period ? { period: ctx.args.period } : {}),
      by: ctx.update.senderId,
      now: ctx.now,
    });
    const said = confirmText(outcome, ctx.lang);
    if (outcome.code !== "confirmed") {
      ctx.reply(confirmNotice(said.text, false, ctx.lang));
      return;
    }
    ctx.work.write(...outcome.writes);
    const period = outcome.confirmation.period;
    const cards = await confirmationCardOf(ctx.deps, ctx.group, period, ctx.lang, {
      confirmedBy: displayName(ctx.member),
    });
    if (!cards.length) ctx.reply(confirmNotice(said.text, true, ctx.lang));
    for (const card of cards) ctx.reply(card);
    publishAfter(ctx.deps, ctx.work, ctx.group, period, ctx.now);
  },
});
