import { confirmNotice, confirmText } from "../cards/confirm-grades-reply";
import { confirmGrades } from "../src/app/grade-confirmations";
import { displayName } from "../src/app/scores";
import { defineCommand } from "../src/bot/command";
import { confirmGradesArgs } from "./args/confirm-grades";
import { publishAfter } from "../src/jobs/publish-confirmed";
import { confirmationCardOf } from "./grade-confirmation";
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
  args: confirmGradesArgs,
  async handle(ctx) {
    if (!(await officeGate(ctx, "确认等次"))) return;
    const { group, lang } = ctx;
    const outcome = await confirmGrades(ctx.deps.db, {
      group,
      period: ctx.args.period,
      by: ctx.update.senderId,
      now: ctx.now,
    });
    if (outcome.code !== "confirmed") return ctx.reply(confirmNotice(confirmText(outcome, lang), false, lang));
    ctx.work.write(...outcome.writes);
    const period = outcome.confirmation.period;
    const cards = await confirmationCardOf(ctx.deps, group, period, lang, { confirmedBy: displayName(ctx.member) });
    if (!cards.length) ctx.reply(confirmNotice(confirmText(outcome, lang), true, lang));
    for (const card of cards) ctx.reply(card);
    publishAfter(ctx.deps, ctx.work, group, period, ctx.now);
  },
});
