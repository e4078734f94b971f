import { adjustReply } from "../cards/adjust-reply";
import { adjustScore } from "../src/app/adjustments";
import { displayName } from "../src/app/scores";
import { resolveTargets } from "./target-arg";
import { defineCommand, type Command } from "../src/bot/command";
import { ADJUST_EXAMPLES, adjustArgs, type AdjustArgs } from "./args/adjust";
import { currentMonth, leadersOnly, problem } from "./guards";

function createAdjustCommand(sign: 1 | -1): Command<AdjustArgs> {
  const bonus = sign > 0;
  const example = bonus ? ADJUST_EXAMPLES.bonus : ADJUST_EXAMPLES.deduct;
  return defineCommand({
    name: bonus ? "加分" : "扣分",
    aliases: bonus ? ["bonus"] : ["deduct"],
    summary: bonus
      ? {
          zh: "负责人给某维度加分（须写原因；不超过该维度的加分上限）",
          en: "Leaders add bonus points on a dimension (with a reason; capped)",
        }
      : {
          zh: "负责人在某维度扣分（须写明具体事实）",
          en: "Leaders deduct points on a dimension (with the specific facts)",
        },
    example,
    takesText: true,
    args: adjustArgs(sign),
    async handle(ctx) {
      if (!leadersOnly(ctx, bonus ? "加分" : "扣分")) return;
      const { group, lang } = ctx;
      const { who, item, points, reason } = ctx.args;
      const targets = await resolveTargets(ctx.deps.db, group, who, ctx.update.mentions, lang);
      if (!targets.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, targets.problem, example[lang]);
      const people = targets.members;
      const month = currentMonth(ctx);
      const by = ctx.update.senderId;
      const done = await adjustScore(ctx.deps, { group, people, item, points, reason, month, by, now: ctx.now });
      if (done.ok) ctx.work.write(...done.writes);
      ctx.reply(adjustReply(done, { bonus, people, nameOf: displayName, points, reason, month, example, lang }));
    },
  });
}

export const bonusCommand = createAdjustCommand(1);
export const deductCommand = createAdjustCommand(-1);
