import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { parseExportPeriod, type ExportPeriod } from "../../src/app/export-period";

/** "导出 2026-Q4" · "导出 2026-11" · "导出 2026": the period to export. */
export const exportArgs = (lang: Lang) =>
  z.string().transform((text, ctx): ExportPeriod => {
    const period = parseExportPeriod(text);
    if (period) return period;
    ctx.addIssue({
      code: "custom",
      message: t(
        lang,
        "请写明要导出的期别：季度 2026-Q4、月份 2026-11 或年度 2026。",
        "Name the period: a quarter 2026-Q4, a month 2026-11 or a year 2026.",
      ),
    });
    return z.NEVER;
  });
