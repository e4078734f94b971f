import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { PERIOD } from "../../src/domain/periods";
import { excerpt } from "../../src/domain/text";

/** An optional period after 确认等次: a month, a quarter or a year; none means the one waiting. */
export const confirmGradesArgs = (lang: Lang) =>
  z.string().transform((text, ctx) => {
    const period = text.trim();
    if (period && !PERIOD.test(period)) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          `期别写作 2026-11（月）、2026-Q4（季度）或 2026（年度），不是「${excerpt(period)}」`,
          `A period is 2026-11, 2026-Q4 or 2026, not “${excerpt(period)}”`,
        ),
      });
      return z.NEVER;
    }
    return { period: period || undefined };
  });
