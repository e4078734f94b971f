import { correctReply, finalRefusal } from "../cards/correct-reply";
import { correctFinal, finalPublication } from "../src/app/final-corrections";
import { displayName } from "../src/app/scores";
import { resolveTarget } from "./target-arg";
import { defineCommand } from "../src/bot/command";
import { reissueAfterCommit } from "../src/jobs/reissue";
import { CORRECT_EXAMPLE as EXAMPLE, correctArgs } from "./args/correct";
import { problem } from "./guards";

/** 更正: a leader changes a final (定稿) quarter or year; logged, and everyone's report card is re-issued. */
export const correctCommand = defineCommand({
  name: "更正",
  aliases: ["correct"],
  summary: {
    zh: "负责人更正已定稿的季度或年度结果（记入审计，重发成绩单）",
    en: "Leaders correct a final quarter or year (logged; report cards re-issued)",
  },
  example: EXAMPLE,
  takesText: true,
  args: correctArgs,
  async handle(ctx) {
    const { group, lang } = ctx;
    const { period, who, item, points, reason } = ctx.args;
    const final = await finalPublication(ctx.deps, { group, member: ctx.member, period });
    if (!final.ok) return ctx.reply(finalRefusal(final.code, period, EXAMPLE, lang));
    const target = await resolveTarget(ctx.deps.db, group, who, ctx.update.mentions, lang);
    if (!target.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, target.problem, EXAMPLE[lang]);
    const { publication } = final;
    const member = target.member;
    const input = { group, publication, member, item, points, reason, by: ctx.update.senderId, now: ctx.now };
    const done = await correctFinal(ctx.deps, input);
    if (done.ok) {
      ctx.work.write(...done.writes);
      reissueAfterCommit(ctx.work, ctx.deps, group, publication.period);
    }
    ctx.reply(
      correctReply(done, {
        who: displayName(member),
        period: publication.period,
        points,
        reason,
        example: EXAMPLE,
        lang,
      }),
    );
  },
});
