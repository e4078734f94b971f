import { z } from "zod";
import { t } from "../cards/kit";
import { ratingCard, ratingProblem, yearReviewRatingCard } from "../cards/rating";
import { rateMember } from "../src/app/ratings";
import { displayName } from "../src/app/scores";
import { resolveTarget, splitTargets } from "./target-arg";
import { defineCommand } from "../src/bot/command";
import { currentMonth, leadersOnly, problem } from "./guards";
import { excerpt } from "../src/domain/text";

const EXAMPLE = { zh: "评分 @张三 业务 90 报表及时准确", en: "/rate @张三 business 90 on time and accurate" };

/** "@张三 业务 90 评语" → who, which item, the score, an optional comment. */
const rateArgs = (lang: "zh" | "en") =>
  z.string().transform((text, ctx) => {
    const { names, words } = splitTargets(text);
    // "业务90" typed without a space.
    const glued = words.length === 1 ? /^(.*\D)(\d+(?:\.\d+)?)$/u.exec(words[0]!) : null;
    if (glued) words.splice(0, 1, glued[1]!, glued[2]!);
    // Scores differ from person to person, so one rating names one person.
    if (names.length > 1) {
      ctx.addIssue({
        code: "custom",
        message: t(lang, "评分一次只能给一个人，请分开发送。", "Rate one person at a time."),
      });
      return z.NEVER;
    }
    const who = names[0] ?? (words.length >= 3 ? words.shift() : undefined);
    const [item, scoreText, ...comment] = words;
    const score = Number(scoreText);
    if (!who || !item || scoreText === undefined) {
      ctx.addIssue({
        code: "custom",
        message: t(lang, "请写明：评分 @某人 维度 分数", "Write: /rate @person dimension score"),
      });
      return z.NEVER;
    }
    if (!Number.isFinite(score) || score < 0 || score > 100) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          `分数须是 0–100 之间的数，不是「${excerpt(scoreText)}」`,
          `The score must be 0–100, not “${excerpt(scoreText)}”`,
        ),
      });
      return z.NEVER;
    }
    return { who, item, score: Math.round(score * 100) / 100, comment: comment.join(" ") || undefined };
  });

/** 评分: a leader rates a member on a dimension (all its items) or one item, for this month. */
export const rateCommand = defineCommand({
  name: "评分",
  aliases: ["打分", "rate"],
  summary: {
    zh: "负责人给成员某个维度或指标打分（0–100，本月有效，可重打）",
    en: "Leaders rate a member on a dimension or item (0–100, this month)",
  },
  example: EXAMPLE,
  takesText: true,
  args: rateArgs,
  async handle(ctx) {
    if (!leadersOnly(ctx, "评分")) return;
    const target = await resolveTarget(ctx.deps.db, ctx.group, ctx.args.who, ctx.update.mentions, ctx.lang);
    if (!target.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, target.problem, EXAMPLE[ctx.lang]);
    const { item, score, comment } = ctx.args;
    const month = currentMonth(ctx);
    const member = target.member;
    const by = ctx.update.senderId;
    const done = await rateMember(ctx.deps, {
      group: ctx.group,
      member,
      item,
      score,
      comment,
      month,
      by,
      now: ctx.now,
    });
    const who = displayName(member);
    if (!done.ok) {
      const p = ratingProblem(done, item, ctx.lang, who);
      return problem(ctx, p.title, p.body, p.withExample ? EXAMPLE[ctx.lang] : undefined);
    }
    ctx.work.write(...done.writes);
    const lang = ctx.lang;
    if (done.code === "year_review_rated")
      return ctx.reply(yearReviewRatingCard({ who, review: done.review, score, comment, month, lang }));
    const { path, items, earlier } = done;
    ctx.reply(ratingCard({ who, path, items, score, comment, month, earlier, lang }));
  },
});
