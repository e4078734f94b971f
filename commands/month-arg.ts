import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { previousMonth } from "../src/domain/periods";
import type { IsoMonth } from "../src/domain/dates";
import { excerpt } from "../src/domain/text";

/**
 * An optional month after 成绩 / 排名: "" (this month), "上月", "10月", "2026-10".
 * Resolved against the current month later, so it stays a pure parse here.
 */
export type MonthArg =
  | { kind: "current" }
  | { kind: "previous" }
  | { kind: "month"; month: number }
  | { kind: "iso"; month: IsoMonth };

export const monthArg = (lang: Lang) =>
  z.string().transform((text, ctx): MonthArg => {
    const s = text.trim();
    if (s === "" || s === "本月" || s.toLowerCase() === "this month") return { kind: "current" };
    if (s === "上月" || s === "上个月" || s.toLowerCase() === "last month") return { kind: "previous" };
    const iso = /^(\d{4})-(\d{1,2})$/.exec(s);
    if (iso && Number(iso[2]) >= 1 && Number(iso[2]) <= 12)
      return { kind: "iso", month: `${iso[1]}-${iso[2]!.padStart(2, "0")}` };
    const short = /^(\d{1,2})\s*月$/.exec(s);
    if (short && Number(short[1]) >= 1 && Number(short[1]) <= 12) return { kind: "month", month: Number(short[1]) };
    ctx.addIssue({
      code: "custom",
      message: t(
        lang,
        `看不懂月份「${excerpt(s)}」。可以写：上月、10月、2026-10`,
        `Unknown month “${excerpt(s)}”. Try: last month, 2026-10`,
      ),
    });
    return z.NEVER;
  });

/** "10月" means the latest October not after the current month. */
export function resolveMonth(arg: MonthArg, current: IsoMonth): IsoMonth {
  switch (arg.kind) {
    case "current":
      return current;
    case "previous":
      return previousMonth(current);
    case "iso":
      return arg.month;
    case "month": {
      const year = Number(current.slice(0, 4));
      const candidate = `${year}-${String(arg.month).padStart(2, "0")}`;
      return candidate <= current ? candidate : `${year - 1}-${String(arg.month).padStart(2, "0")}`;
    }
  }
}
