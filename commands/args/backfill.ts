import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { MAX_RECORD_CHARS } from "../../src/app/records";
import type { IsoDate } from "../../src/domain/dates";
import { charCount } from "../../src/domain/text";
import { dateOf, dateProblem, readDate } from "../date-arg";

/** "补报 11-20 完成了季度报表": the day as typed (read against today later) and the record's text. */
export const backfillArgs = (lang: Lang) =>
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

/**
 * "11-20", "11/20", "11月20日", "2026-11-20" → a date, the latest such date
 * not after today (so "12-30" in early January means last December).
 */
export function parseBackfillDate(text: string, today: IsoDate): IsoDate | undefined {
  return dateOf(readDate(text, today));
}

/** The day typed, or why it is none (in the user's language). */
export function backfillDate(text: string, today: IsoDate, lang: Lang): { date: IsoDate } | { problem: string } {
  const read = readDate(text, today);
  const date = dateOf(read);
  return date ? { date } : { problem: dateProblem(text, read, lang) };
}
