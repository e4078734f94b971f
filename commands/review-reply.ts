import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { reviewAnswer, reviewReplyRefusal } from "../cards/review-answer";
import { MAX_REVIEW_COMMENT, submitReviewReply } from "../src/app/review-submit";
import { resolveTarget, splitTargets } from "./target-arg";
import { applyResult } from "../src/bot/apply";
import { defineCommand } from "../src/bot/command";
import { charCount } from "../src/domain/text";
import { currentMonth, plainNotice, tooLong } from "./guards";

interface ReviewReplyArgs {
  month?: string;
  who: string;
  scores: { item: string; score: string }[];
  comment?: string;
}

/** As long as the review card's comment box allows. */
const MAX_COMMENT_CHARS = MAX_REVIEW_COMMENT;

const EXAMPLE = {
  zh: "评议打分 2026-11 张三 业务 92 作风 95 工作扎实",
  en: "/review-score 2026-11 张三 business 92 conduct 95",
};

/** "[2026-11] [@]张三 业务 92 作风 95 评语" → the month, who, each dimension's score, the comment. */
const reviewReplyArgs = (lang: Lang) =>
  z.string().transform((text, ctx): ReviewReplyArgs => {
    const tokens = text.trim().split(/\s+/u).filter(Boolean);
    const month = tokens[0] && /^\d{4}-\d{2}$/u.test(tokens[0]) ? tokens.shift() : undefined;
    if (month && (Number(month.slice(5)) < 1 || Number(month.slice(5)) > 12)) {
      ctx.addIssue({
        code: "custom",
        message: t(lang, `没有 ${month}：月份是 01–12。`, `No such month ${month}: months run 01–12.`),
      });
      return z.NEVER;
    }
    const { names, words } = splitTargets(tokens.join(" "));
    const who = names[0] ?? words.shift();
    const scores: { item: string; score: string }[] = [];
    while (words.length) {
      const glued = /^(\D+?)(\d+(?:\.\d+)?)$/u.exec(words[0]!);
      if (glued) {
        words.shift();
        scores.push({ item: glued[1]!, score: glued[2]! });
      } else if (words[1] !== undefined && /^-?\d+(?:\.\d+)?$/u.test(words[1])) {
        scores.push({ item: words.shift()!, score: words.shift()! });
      } else break;
    }
    if (!who || !scores.length) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          "请写明：评议打分 某人 维度 分数 维度 分数 …",
          "Write: /review-score person dimension score …",
        ),
      });
      return z.NEVER;
    }
    const comment = words.join(" ");
    if (charCount(comment) > MAX_COMMENT_CHARS) {
      ctx.addIssue({
        code: "custom",
        message: tooLong(lang, t(lang, "评语", "comment"), MAX_COMMENT_CHARS, charCount(comment)),
      });
      return z.NEVER;
    }
    return { month, who, scores, comment: comment || undefined };
  });

/**
 * 评议打分: the 月评议 card's form as one reply, for WeChat (and Lark): a leader
 * rates a member, a member rates themself (自评) or a colleague (互评), one
 * score per dimension. What kind of rating it is follows from who rates whom.
 */
export const reviewReplyCommand = defineCommand({
  name: "评议打分",
  aliases: ["review-score"],
  summary: {
    zh: "回复月度评议卡：评议打分 张三 业务 92 作风 95（负责人评成员，成员自评或互评）",
    en: "Answer a monthly review card: /review-score 张三 business 92 conduct 95",
  },
  example: EXAMPLE,
  takesText: true,
  args: reviewReplyArgs,
  async handle(ctx) {
    const { db } = ctx.deps;
    const { lang } = ctx;
    const fail = (title: string, body: string) =>
      ctx.reply(plainNotice({ title, body, hint: `${t(lang, "例", "e.g.")}：${EXAMPLE[lang]}`, colour: "yellow" }));
    const month = ctx.args.month ?? currentMonth(ctx);
    const target = await resolveTarget(db, ctx.group, ctx.args.who, ctx.update.mentions, lang);
    if (!target.ok) return fail(t(lang, "找不到这个人", "Who?"), target.problem);
    const subject = target.member;
    const outcome = await submitReviewReply(db, {
      group: ctx.group,
      rater: ctx.member,
      subject,
      month,
      scores: ctx.args.scores,
      comment: ctx.args.comment,
      inGroupChat: ctx.update.chatType === "group",
      now: ctx.now,
    });
    const refusal = reviewReplyRefusal(outcome, lang);
    if (refusal) return fail(refusal.title, refusal.body);
    if (outcome.ok) applyResult(ctx.work, outcome);
    ctx.reply(
      noticeCard({
        title: reviewAnswer(outcome, lang),
        body: outcome.ok
          ? t(
              lang,
              `${subject.name ?? ctx.args.who} · ${month}；再次发送会覆盖之前的评分。`,
              `${subject.name ?? ctx.args.who} · ${month}; sending again replaces it.`,
            )
          : t(lang, `例：${EXAMPLE.zh}`, `e.g. ${EXAMPLE.en}`),
        colour: outcome.ok ? "green" : "yellow",
      }),
    );
  },
});
