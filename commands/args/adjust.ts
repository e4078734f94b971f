import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { MAX_TARGETS, splitTargets } from "../../src/app/targets";
import { isPositivePoints, MAX_CHANGE_POINTS } from "../../src/domain/points";
import { isVagueReason } from "../../src/domain/scoring";
import { charCount, excerpt, MAX_REASON_CHARS } from "../../src/domain/text";
import { tooLong } from "../../cards/refusals";

export interface AdjustArgs {
  who: string[];
  item: string;
  /** Signed: positive for 加分, negative for 扣分. */
  points: number;
  reason: string;
}

export const ADJUST_EXAMPLES = {
  bonus: { zh: "加分 @张三 联村 2 牵头完成秋收调度", en: "/bonus @张三 village 2 led the harvest scheduling" },
  deduct: {
    zh: "扣分 @张三 作风 1 11月20日例会无故缺席",
    en: "/deduct @张三 conduct 1 missed the 20 Nov meeting without notice",
  },
};

/** "@某人… 维度 分值 原因" → who, the dimension, the signed points, a specific reason. */
export const adjustArgs = (sign: 1 | -1) => (lang: Lang) =>
  z.string().transform((text, ctx): AdjustArgs => {
    const { names, words } = splitTargets(text);
    // Several @people get the same points for the same reason (a team's shared result);
    // a name typed without @ is one person, since names and words cannot be told apart.
    const who = names.length ? names : words.length >= 4 ? [words.shift()!] : [];
    const [item, pointsText, ...reasonWords] = words;
    const points = Number(pointsText);
    const reason = reasonWords.join(" ").trim();
    const verb = sign > 0 ? t(lang, "加分", "/bonus") : t(lang, "扣分", "/deduct");
    if (!who.length || !item || pointsText === undefined) {
      ctx.addIssue({
        code: "custom",
        message: t(lang, `请写明：${verb} @某人 维度 分值 原因`, `Write: ${verb} @person dimension points reason`),
      });
      return z.NEVER;
    }
    if (who.length > MAX_TARGETS) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          `一次最多 ${MAX_TARGETS} 人，请分几次发送。`,
          `At most ${MAX_TARGETS} people at once; please split it.`,
        ),
      });
      return z.NEVER;
    }
    if (!isPositivePoints(points)) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          `分值须是 0–${MAX_CHANGE_POINTS} 之间的正数，不是「${excerpt(pointsText)}」`,
          `Points must be a positive number up to ${MAX_CHANGE_POINTS}, not “${excerpt(pointsText)}”`,
        ),
      });
      return z.NEVER;
    }
    // DOMAIN §2 (§15 of the sources): vague deductions such as "酌情扣分" are unusable.
    if (!reason || isVagueReason(reason)) {
      ctx.addIssue({
        code: "custom",
        message: reason
          ? t(
              lang,
              `原因「${excerpt(reason)}」过于笼统，请写明具体事实（做了什么、何时、什么结果）。`,
              `“${excerpt(reason)}” is too vague: state the specific facts.`,
            )
          : t(lang, `${verb}必须写明原因。`, `A reason is required.`),
      });
      return z.NEVER;
    }
    if (charCount(reason) > MAX_REASON_CHARS) {
      ctx.addIssue({
        code: "custom",
        message: tooLong(lang, t(lang, "原因", "reason"), MAX_REASON_CHARS, charCount(reason)),
      });
      return z.NEVER;
    }
    return { who, item, points: (sign * Math.round(points * 100)) / 100, reason };
  });
