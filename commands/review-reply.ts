import { reviewReplyCard, reviewReplyWho } from "../cards/review-reply";
import { submitReviewReply } from "../src/app/review-submit";
import { resolveTarget } from "./target-arg";
import { applyResult } from "../src/bot/apply";
import { defineCommand } from "../src/bot/command";
import { REVIEW_REPLY_EXAMPLE as EXAMPLE, reviewReplyArgs } from "./args/review-reply";
import { currentMonth } from "./guards";

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
    const { lang, args } = ctx;
    const month = args.month ?? currentMonth(ctx);
    const target = await resolveTarget(ctx.deps.db, ctx.group, args.who, ctx.update.mentions, lang);
    if (!target.ok) return ctx.reply(reviewReplyWho(target.problem, { example: EXAMPLE, lang }));
    const outcome = await submitReviewReply(ctx.deps.db, {
      group: ctx.group,
      rater: ctx.member,
      subject: target.member,
      month,
      scores: args.scores,
      comment: args.comment,
      inGroupChat: ctx.update.chatType === "group",
      now: ctx.now,
    });
    if (outcome.ok) applyResult(ctx.work, outcome);
    ctx.reply(reviewReplyCard(outcome, { who: target.member.name ?? args.who, month, example: EXAMPLE, lang }));
  },
});
