import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { splitTargets } from "../../src/app/targets";
import { PERIOD } from "../../src/domain/periods";
import { isVagueReason } from "../../src/domain/scoring";
import { charCount, excerpt, MAX_REASON_CHARS } from "../../src/domain/text";
import { tooLong } from "../../cards/refusals";

export const OVERRIDE_GRADE_EXAMPLE = {
  zh: "改等次 2026-Q4 @张三 良好 群众满意度测评未达标",
  en: "/override-grade 2026-Q4 @张三 良好 reason",
};
/** Typed for "no grade at all". */
const NO_GRADE = new Set(["无", "无等次", "不定等次", "none"]);

/** "[期别] @某人 等次 理由" → the period (or the pending one), who, the grade (null: none), the reason. */
export const overrideGradeArgs = (lang: Lang) =>
  z.string().transform((text, ctx) => {
    const fail = (zh: string, en: string) => {
      ctx.addIssue({ code: "custom", message: t(lang, zh, en) });
      return z.NEVER;
    };
    const tokens = text.trim().split(/\s+/u).filter(Boolean);
    const period = tokens[0] && PERIOD.test(tokens[0]) ? tokens.shift() : undefined;
    const { names, words } = splitTargets(tokens.join(" "));
    const [grade, ...reasonWords] = words;
    const reason = reasonWords.join(" ").trim();
    if (names.length !== 1 || !grade)
      return fail("请写明：改等次 [期别] @某人 等次 理由", "Write: /override-grade [period] @person grade reason");
    if (!reason || isVagueReason(reason))
      return fail(
        reason ? `理由「${excerpt(reason)}」过于笼统，请写明具体依据。` : "改等次必须写明理由（会记入审计）。",
        "A specific reason is required (it is logged).",
      );
    if (charCount(reason) > MAX_REASON_CHARS)
      return fail(
        tooLong(lang, "理由", MAX_REASON_CHARS, charCount(reason)),
        tooLong(lang, "reason", MAX_REASON_CHARS),
      );
    return { period, who: names[0]!, grade: NO_GRADE.has(grade) ? null : grade, reason };
  });
