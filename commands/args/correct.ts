import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { splitTargets } from "../../src/app/targets";
import { isSignedPoints } from "../../src/domain/points";
import { isVagueReason } from "../../src/domain/scoring";
import { charCount, MAX_REASON_CHARS } from "../../src/domain/text";
import { tooLong } from "../../cards/refusals";

export const CORRECT_EXAMPLE = {
  zh: "更正 2026-Q3 @张三 联村 2 9月防汛值班漏记，经核实补记",
  en: "/correct 2026-Q3 @张三 village 2 flood duty was missed",
};

/** "期别 @某人 维度 分值 原因" → a quarter or year, who, the dimension, signed points, a specific reason. */
export const correctArgs = (lang: Lang) =>
  z.string().transform((text, ctx) => {
    const [period = "", ...rest] = text.trim().split(/\s+/u);
    const { names, words } = splitTargets(rest.join(" "));
    const [item, pointsText, ...reason] = words;
    const points = Number(pointsText);
    if (
      !/^\d{4}(-Q[1-4])?$/.test(period) ||
      !names[0] ||
      !item ||
      !isSignedPoints(points) ||
      !reason.length ||
      isVagueReason(reason.join(" "))
    ) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          "请写明：更正 期别 @某人 维度 分值 具体原因，例如 更正 2026-Q3 @张三 联村 2 …",
          "Write: /correct period @person dimension points reason",
        ),
      });
      return z.NEVER;
    }
    if (charCount(reason.join(" ")) > MAX_REASON_CHARS) {
      ctx.addIssue({
        code: "custom",
        message: tooLong(lang, t(lang, "更正原因", "reason"), MAX_REASON_CHARS, charCount(reason.join(" "))),
      });
      return z.NEVER;
    }
    return { period, who: names[0], item, points, reason: reason.join(" ") };
  });
