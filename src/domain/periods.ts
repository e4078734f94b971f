import { addDays, datesOfMonth, type IsoDate, type IsoMonth } from "./dates";
import type { WorkCalendar } from "./calendar";
import { t, type Lang } from "./lang";

/**
 * Appraisal periods: 月 (2026-11), 季 (2026-Q4), 年 (2026), as the cycle of
 * 天记录、月评议、季考核、年总结 uses them. Pure string arithmetic on ISO dates.
 */
export type IsoQuarter = string; // YYYY-Qn
export type IsoYear = string; // YYYY

export function previousMonth(month: IsoMonth): IsoMonth {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

export function quarterOf(monthOrDate: string): IsoQuarter {
  const [y, m] = monthOrDate.split("-").map(Number) as [number, number];
  return `${y}-Q${Math.ceil(m / 3)}`;
}

export function previousQuarter(quarter: IsoQuarter): IsoQuarter {
  const [y, q] = parseQuarter(quarter);
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

export function parseQuarter(quarter: IsoQuarter): [number, number] {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) throw new RangeError(`not a quarter: ${quarter}`);
  return [Number(match[1]), Number(match[2])];
}

export function monthsOfQuarter(quarter: IsoQuarter): IsoMonth[] {
  const [y, q] = parseQuarter(quarter);
  return [1, 2, 3].map((i) => `${y}-${String((q - 1) * 3 + i).padStart(2, "0")}`);
}

export function monthsOfYear(year: IsoYear): IsoMonth[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
}

/** The first workday of a month (春节 can push it well into February). */
export function firstWorkdayOfMonth(month: IsoMonth, calendar: WorkCalendar): IsoDate {
  const day = datesOfMonth(month).find((d) => calendar.isWorkday(d));
  // Every month has a workday; the fallback only guards a calendar that says otherwise.
  return day ?? `${month}-01`;
}

export function firstWorkdayOfQuarter(quarter: IsoQuarter, calendar: WorkCalendar): IsoDate {
  return firstWorkdayOfMonth(monthsOfQuarter(quarter)[0]!, calendar);
}

/** Inclusive date range check on ISO dates. */
export function withinDates(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return date >= from && date <= to;
}

/** Workdays from `from` to `to`, inclusive. */
export function workdaysBetween(from: IsoDate, to: IsoDate, calendar: WorkCalendar): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (calendar.isWorkday(d)) out.push(d);
  return out;
}

/** The date `count` workdays after `date` (a publication window of 3 workdays ends on the third). */
export function addWorkdays(date: IsoDate, count: number, calendar: WorkCalendar): IsoDate {
  let d = date;
  for (let left = count; left > 0; ) {
    d = addDays(d, 1);
    if (calendar.isWorkday(d)) left--;
  }
  return d;
}

/** "2026-11", "2026-Q4", "2026": the ids of the periods grades are confirmed for. */
export const PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

/** Which kind of period an id names: a year (2026), a quarter (2026-Q4) or a month (2026-11). */
export type PeriodKind = "year" | "quarter" | "month";

/** The one place that tells a year from a quarter (or a month) by its id's shape. */
export function periodKind(period: string): PeriodKind {
  if (/^\d{4}$/u.test(period)) return "year";
  return period.includes("-Q") ? "quarter" : "month";
}

/** A quarter ("2026-Q3") or a year ("2026") as people say it: 2026 年第三季度, 2026 年度. */
export function periodLabel(period: string, lang: Lang): string {
  if (periodKind(period) === "year") return t(lang, `${period} 年度`, `${period} annual`);
  const [y, q] = period.split("-Q");
  return t(lang, `${y} 年第${["一", "二", "三", "四"][Number(q) - 1]}季度`, `${y} Q${q}`);
}
