import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { parseSchoolPeriodArg, type SchoolPeriodArg } from "../../src/domain/school-year";
import { excerpt } from "../../src/domain/text";
import { monthArg, type MonthArg } from "../month-arg";

/**
 * After 成绩: a month as before (""、上月、10月、2026-10), or a school's semester or school year: 学期、上学期、
 * 第一学期、第二学期、学年、上学年、2025-2026学年、2025-2026学年第一学期 (English: term, last term, term 1,
 * school year, 2025-2026 term 1).
 */
export type ScoreArg = { kind: "month"; month: MonthArg } | { kind: "school"; school: SchoolPeriodArg };

export const scoreArgs = (lang: Lang) =>
  z.string().transform((text, ctx): ScoreArg => {
    const school = parseSchoolPeriodArg(text);
    if (school) return { kind: "school", school };
    const month = monthArg(lang).safeParse(text);
    if (month.success) return { kind: "month", month: month.data };
    ctx.addIssue({
      code: "custom",
      message: t(
        lang,
        `看不懂月份「${excerpt(text.trim())}」。可以写：上月、10月、2026-10；学校还可以写：学期、第一学期、学年、2025-2026学年`,
        `Unknown month “${excerpt(text.trim())}”. Try: last month, 2026-10 (at a school: term, school year)`,
      ),
    });
    return z.NEVER;
  });
