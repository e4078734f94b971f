import type { BackfillDayResult } from "../src/app/backfill";
import { t, type Lang, type Rendered } from "./kit";
import { problemCard } from "./refusals";

export const BACKFILL_EXAMPLE = {
  zh: "补报 11-20 完成了季度报表初稿",
  en: "/backfill 11-20 drafted the quarterly report",
};

/** The day typed after 补报 is no date: why, with the example. */
export function backfillUnclearDate(problem: string, lang: Lang): Rendered {
  return problemCard(lang, { zh: "看不懂日期", en: "Unclear date" }, problem, BACKFILL_EXAMPLE[lang]);
}

/** Why the day cannot be backfilled. */
export function backfillRefusal(r: Exclude<BackfillDayResult, { ok: true }>, date: string, lang: Lang): Rendered {
  const [title, body] = backfillProblem(r, date, lang);
  return problemCard(lang, title, body);
}

function backfillProblem(
  r: Exclude<BackfillDayResult, { ok: true }>,
  date: string,
  lang: Lang,
): [{ zh: string; en: string }, string] {
  switch (r.code) {
    case "future":
      return [
        { zh: "还没到那天", en: "A future date" },
        t(lang, `${date} 还没到，补报只用于之前的工作日。`, `${date} has not come yet; backfill is for past workdays.`),
      ];
    case "today":
      return [
        { zh: "今天的请用日报", en: "Use /report for today" },
        t(
          lang,
          "补报只用于之前的日期；今天的工作请发「日报 …」。",
          "Backfill is for past days; use /report for today.",
        ),
      ];
    case "too_late":
      return [
        { zh: "超过补报期限", en: "Too late to backfill" },
        t(
          lang,
          `只能补报最近 ${r.days} 天（${r.earliest} 起）的记录。`,
          `Only the last ${r.days} days (from ${r.earliest}) can be backfilled.`,
        ),
      ];
    case "not_workday":
      return [
        { zh: "那天不是工作日", en: "Not a workday" },
        t(lang, `${date} 是休息日，不需要补报。`, `${date} is not a workday.`),
      ];
    case "final":
      return [
        { zh: "该期已定稿", en: "Period is final" },
        t(lang, "那天所在的考核期结果已定稿，不能再补报。", "That day's period is final."),
      ];
  }
}
