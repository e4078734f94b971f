import { cancelGoalReply, GOAL_EXAMPLE, setGoalReply } from "../cards/goal-reply";
import { goalsCards, MAX_GOALS_PER_YEAR } from "../cards/goals";
import { cancelGoalCase, setGoalCase, viewGoals } from "../src/app/goal-changes";
import { defineCommand } from "../src/bot/command";
import { resolveGoalPeriod } from "../src/domain/goals";
import { goalArgs } from "./args/goal";
import { currentMonth } from "./guards";

/** 目标: targets with a planned value (or a limit), per person or for the group, and how far each has got. */
export const goalCommand = defineCommand({
  name: "目标",
  aliases: ["目标任务", "target", "targets"],
  summary: {
    zh: "看本群目标的完成率；负责人设目标：目标 @张三 业务 完成12个项目 [本季|全年] [截止2026-12-31] [标准 …]，取消：目标 取消 3",
    en: "Targets and completion rates; leaders set them: /target @someone dimension 完成12个项目",
  },
  example: GOAL_EXAMPLE,
  takesText: true,
  args: goalArgs,
  async handle(ctx) {
    const current = currentMonth(ctx);
    const a = ctx.args;
    const who = { group: ctx.group, member: ctx.member, userId: ctx.update.senderId, now: ctx.now };
    if (a.kind === "view") {
      const periodLabel = a.period ? resolveGoalPeriod(a.period, current)! : current;
      const rows = await viewGoals(ctx.deps, { group: ctx.group, period: periodLabel });
      // Many targets make several cards, in order: every target is listed.
      for (const r of goalsCards({ groupName: ctx.group.name, periodLabel, rows, lang: ctx.lang })) ctx.reply(r);
      return;
    }
    if (a.kind === "cancel") {
      const r = await cancelGoalCase(ctx.deps, { ...who, seq: a.seq });
      if (r.ok) ctx.work.write(...r.writes);
      return ctx.reply(cancelGoalReply(r, a.seq, ctx.lang));
    }
    const r = await setGoalCase(ctx.deps, {
      ...who,
      ...a,
      mentions: ctx.update.mentions,
      current,
      maxPerYear: MAX_GOALS_PER_YEAR,
    });
    if (r.ok) ctx.work.write(...r.writes);
    ctx.reply(setGoalReply(r, ctx.lang));
  },
});
