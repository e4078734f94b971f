import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { MAX_REVIEW_COMMENT } from "../../src/app/review-submit";
import { splitTargets } from "../../src/app/targets";
import { charCount } from "../../src/domain/text";
import { tooLong } from "../../cards/refusals";

export interface ReviewReplyArgs {
  month?: string;
  who: string;
  scores: { item: string; score: string }[];
  comment?: string;
}

/** As long as the review card's comment box allows. */
const MAX_COMMENT_CHARS = MAX_REVIEW_COMMENT;

export const REVIEW_REPLY_EXAMPLE = {
  zh: "评议打分 2026-11 张三 业务 92 作风 95 工作扎实",
  en: "/review-score 2026-11 张三 business 92 conduct 95",
};

/** "[2026-11] [@]张三 业务 92 作风 95 评语" → the month, who, each dimension's score, the comment. */
export const reviewReplyArgs = (lang: Lang) =>
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
