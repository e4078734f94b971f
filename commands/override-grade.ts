import { overrideGradeReply } from "../cards/override-grade-reply";
import { overrideGrade } from "../src/app/grade-confirmations";
import { displayName } from "../src/app/scores";
import { resolveTarget } from "./target-arg";
import { defineCommand } from "../src/bot/command";
import { OVERRIDE_GRADE_EXAMPLE as EXAMPLE, overrideGradeArgs } from "./args/override-grade";
import { confirmationCardOf } from "./grade-confirmation";
import { problem } from "./guards";
import { officeGate } from "./office-gate";

/** 改等次: the office gives one person another grade before confirming, with a reason that is logged. */
export const overrideGradeCommand = defineCommand({
  name: "改等次",
  aliases: ["override-grade"],
  summary: {
    zh: "管理员（绩考办）在确认前调整某人的等次（须写理由，记入审计，成绩单上注明）",
    en: "Admins: change one person's grade before confirming (with a logged reason)",
  },
  example: EXAMPLE,
  takesText: true,
  args: overrideGradeArgs,
  async handle(ctx) {
    if (!(await officeGate(ctx, "改等次"))) return;
    const { period, who, grade, reason } = ctx.args;
    const target = await resolveTarget(ctx.deps.db, ctx.group, who, ctx.update.mentions, ctx.lang);
    if (!target.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, target.problem, EXAMPLE[ctx.lang]);
    const member = target.member;
    const by = ctx.update.senderId;
    const outcome = await overrideGrade(ctx.deps.db, {
      group: ctx.group,
      period,
      member,
      grade,
      reason,
      by,
      now: ctx.now,
    });
    ctx.reply(overrideGradeReply(outcome, displayName(member), grade, ctx.lang));
    if (outcome.code !== "overridden") return;
    ctx.work.write(...outcome.writes);
    // The card as it will stand once this commits: the override is written with this reply.
    const pending = { memberId: member.id, grade, reason };
    for (const card of await confirmationCardOf(ctx.deps, ctx.group, outcome.confirmation.period, ctx.lang, {
      pending,
    }))
      ctx.reply(card);
  },
});
