import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { resolveGoalPeriod } from "../../src/domain/goals";

/** 目标计划书 takes nothing (this year) or a period: 本年, 本季, 2026, 2026-Q4. */
export const goalPlanArgs = (lang: Lang) =>
  z.string().transform((text, ctx) => {
    const s = text.trim();
    if (s === "") return { period: undefined };
    if (resolveGoalPeriod(s, "2000-01") === null) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          `「${s.slice(0, 20)}」不是时段。写本年、本季、2026 或 2026-Q4`,
          "Give a period: 2026, 2026-Q4",
        ),
      });
      return z.NEVER;
    }
    return { period: s };
  });
