import { t, type Lang } from "../cards/kit";
import { calendarDay, YEAR_MAX, YEAR_MIN, type DayCheck, type IsoDate } from "../src/domain/dates";
import { excerpt } from "../src/domain/text";

/** What a date someone typed amounts to: a date, or why it is none. */
export type DateRead = DayCheck | { kind: "unreadable" };

const FULL = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u;
const SHORT = /^(\d{1,2})[-/.月](\d{1,2})日?$/u;

/**
 * "11-20", "11/20", "11.20", "11月20日", "2026-11-20", "2026年11月20日" → a date.
 * Without a year it is the latest such date not after `latest` (so "12-30"
 * in early January means last December). Out-of-range parts ("13-45",
 * "2026-02-30", "9999-01-01") say which part is wrong instead of throwing.
 */
export function readDate(text: string, latest: IsoDate): DateRead {
  const s = text.trim();
  const full = FULL.exec(s);
  if (full) return calendarDay(Number(full[1]), Number(full[2]), Number(full[3]));
  const short = SHORT.exec(s);
  if (!short) return { kind: "unreadable" };
  const [m, d] = [Number(short[1]), Number(short[2])];
  const year = Number(latest.slice(0, 4));
  const pad = (n: number) => String(n).padStart(2, "0");
  // Compared as text, so an impossible day still picks its year before being refused.
  return calendarDay(`${year}-${pad(m)}-${pad(d)}` > latest ? year - 1 : year, m, d);
}

/** The date, or undefined when the text is no date. */
export function dateOf(read: DateRead): IsoDate | undefined {
  return read.kind === "date" ? read.date : undefined;
}

/** Why the text is no date, in the user's language, quoting a short excerpt of it. */
export function dateProblem(text: string, read: DateRead, lang: Lang): string {
  const shown = excerpt(text);
  switch (read.kind) {
    case "date":
      return "";
    case "no-month":
      return t(
        lang,
        `「${shown}」不是日期：没有 ${read.month} 月，月份是 1–12。`,
        `“${shown}” is not a date: months run 1–12.`,
      );
    case "no-day":
      return t(
        lang,
        `「${shown}」不是日期：${read.year} 年 ${read.month} 月只有 ${read.days} 天。`,
        `“${shown}” is not a date: ${read.year}-${String(read.month).padStart(2, "0")} has ${read.days} days.`,
      );
    case "no-year":
      return t(
        lang,
        `「${shown}」的年份不对：请写 ${YEAR_MIN}–${YEAR_MAX} 年之间的日期。`,
        `“${shown}”: the year must be ${YEAR_MIN}–${YEAR_MAX}.`,
      );
    case "unreadable":
      return t(
        lang,
        `「${shown}」不是日期。日期写成 11-20 或 2026-11-20。`,
        `“${shown}” is not a date. Write 11-20 or 2026-11-20.`,
      );
  }
}
