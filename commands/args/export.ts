import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { parseExportPeriod, type ExportPeriod } from "../../src/app/export-period";

/** "导出 2026-Q4" · "导出 2026-11" · "导出 2026" · "导出 2025-2026学年" · "导出 2025-2026学年第一学期": the period. */
export const exportArgs = (lang: Lang) =>
  z.string().transform((text, ctx): ExportPeriod => {
    const period = parseExportPeriod(text);
    if (period) return period;
    ctx.addIssue({
      code: "custom",
      message: t(
        lang,
        "请写明要导出的期别：季度 2026-Q4、月份 2026-11 或年度 2026；学校还可以导出学年 2025-2026学年或学期 2025-2026学年第一学期。",
        "Name the period: a quarter 2026-Q4, a month 2026-11 or a year 2026 (at a school: 2025-2026 school year, 2025-2026 term 1).",
      ),
    });
    return z.NEVER;
  });
