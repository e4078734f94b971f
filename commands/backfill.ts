import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { backfillDay, type BackfillDayResult } from "../src/app/backfill";
import { MAX_RECORD_CHARS } from "../src/app/records";
import { defineCommand } from "../src/bot/command";
import { localDate, type IsoDate } from "../src/domain/dates";
import { dateOf, dateProblem, readDate } from "./date-arg";
import { submitClaim } from "./claim";
import { charCount } from "../src/domain/text";
import { problem } from "./guards";

/**
 * "11-20", "11/20", "11月20日", "2026-11-20" → a date, the latest such date
 * not after today (so "12-30" in early January means last December).
 */
export function parseBackfillDate(text: string, today: IsoDate): IsoDate | undefined {
  return dateOf(readDate(text, today));
}

const backfillArgs = (lang: Lang) =>
  z.string().transform((text, ctx) => {
    const [dateText = "", ...words] = text.trim().split(/\s+/u);
    const body = words.join(" ").trim();
    if (!dateText || !body) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          "请写明：补报 日期 内容，例如：补报 11-20 完成了季度报表",
          "Write: /backfill date text, e.g. /backfill 11-20 drafted the report",
        ),
      });
      return z.NEVER;
    }
    if (charCount(body) > MAX_RECORD_CHARS) {
      ctx.addIssue({
        code: "custom",
        message: t(lang, `一条记录最多 ${MAX_RECORD_CHARS} 字`, `At most ${MAX_RECORD_CHARS} characters`),
      });
      return z.NEVER;
    }
    return { dateText, body };
  });

/** 补报: a past workday's record, inside the scheme's window; it counts once a leader approves. */
export const backfillCommand = defineCommand({
  name: "补报",
  aliases: ["补记", "backfill"],
  summary: {
    zh: "补记之前某个工作日的日报（方案规定的天数内，审批后计入）",
    en: "Record a past workday (within the scheme's window; counts once approved)",
  },
  example: { zh: "补报 11-20 完成了季度报表初稿", en: "/backfill 11-20 drafted the quarterly report" },
  takesText: true,
  args: backfillArgs,
  async handle(ctx) {
    const today = localDate(ctx.now, ctx.group.timezone);
    const read = readDate(ctx.args.dateText, today);
    const date = dateOf(read);
    const example = t(ctx.lang, "补报 11-20 完成了季度报表初稿", "/backfill 11-20 drafted the quarterly report");
    if (!date)
      return problem(
        ctx,
        { zh: "看不懂日期", en: "Unclear date" },
        dateProblem(ctx.args.dateText, read, ctx.lang),
        example,
      );
    const open = await backfillDay(ctx.deps, { group: ctx.group, date, today });
    if (!open.ok) return problem(ctx, ...backfillProblem(open, date, ctx.lang));
    return submitClaim(ctx, "backfill", open.month, { date }, ctx.args.body);
  },
});

/** Why the day cannot be backfilled: a problem's title and body. */
function backfillProblem(
  r: Exclude<BackfillDayResult, { ok: true }>,
  date: IsoDate,
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
