import { z } from "zod";
import type { Lang } from "../../cards/kit";
import { splitTargets } from "../../src/app/targets";
import type { IsoMonth } from "../../src/domain/dates";
import { monthsOfQuarter } from "../../src/domain/periods";
import { monthArg, resolveMonth, type MonthArg } from "../month-arg";

export interface DetailArgs {
  who?: string;
  month: MonthArg;
  quarter?: string;
}

/** "明细", "明细 上月", "明细 @张三 2026-10", "明细 2026-Q3" (as a report card's 明细 reply names it). */
export const detailArgs = (lang: Lang) =>
  z.string().transform((text, ctx): DetailArgs => {
    const { names, words } = splitTargets(text);
    // "2026-Q3": the quarter's three months.
    const quarter = /^(\d{4})-?Q([1-4])$/iu.exec(words.join(""));
    if (quarter) return { who: names[0], month: { kind: "current" }, quarter: `${quarter[1]}-Q${quarter[2]}` };
    const month = monthArg(lang).safeParse(words.join(" "));
    if (!month.success) {
      ctx.addIssue({ code: "custom", message: month.error.issues[0]?.message ?? "" });
      return z.NEVER;
    }
    return { who: names[0], month: month.data };
  });

/** The months asked for: a quarter's three, or the one month resolved against the current. */
export function detailMonths(args: DetailArgs, current: IsoMonth): IsoMonth[] {
  return args.quarter ? monthsOfQuarter(args.quarter) : [resolveMonth(args.month, current)];
}
