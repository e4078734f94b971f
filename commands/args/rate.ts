import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { splitTargets } from "../../src/app/targets";
import { excerpt } from "../../src/domain/text";

/** "@张三 业务 90 评语" → who, which item, the score, an optional comment. */
export const rateArgs = (lang: Lang) =>
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
