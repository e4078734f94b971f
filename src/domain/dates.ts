/**
 * Calendar dates as ISO strings ("2026-11-28") and months ("2026-11").
 * A date is always a date in some group's time zone: "today" for a group in
 * Asia/Shanghai starts at 16:00 UTC the day before, so nothing here uses UTC
 * days implicitly. Pure: the instant is always passed in.
 */

export type IsoDate = string; // YYYY-MM-DD
export type IsoMonth = string; // YYYY-MM

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Is `timeZone` an IANA zone this runtime knows? */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalDateTime {
  date: IsoDate;
  time: string; // HH:MM
}

/** The wall-clock date and time of an instant in a time zone. */
function formatLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

const MINUTE_MS = 60_000;

/**
 * The last UTC minute read per time zone, when the whole of it is one local minute (true of
 * every zone since the 1970s; older local mean times had seconds in their offsets and are not
 * kept): every message of a busy minute asks for the same local date, and formatToParts was a
 * few per cent of a record event's CPU (docs/BENCHMARKS.md, 2026-12-02, engineer "events").
 */
const lastMinute = new Map<string, { from: number; local: LocalDateTime }>();

export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const ms = instant.getTime();
  const kept = lastMinute.get(timeZone);
  if (kept && ms >= kept.from && ms < kept.from + MINUTE_MS) return { ...kept.local };
  const local = formatLocal(instant, timeZone);
  const from = ms - (((ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
  const same = (at: number) => {
    const other = formatLocal(new Date(at), timeZone);
    return other.date === local.date && other.time === local.time;
  };
  if (Number.isFinite(from) && same(from) && same(from + MINUTE_MS - 1))
    lastMinute.set(timeZone, { from, local: { ...local } });
  return local;
}

export function localDate(instant: Date, timeZone: string): IsoDate {
  return localDateTime(instant, timeZone).date;
}

export function monthOf(date: IsoDate): IsoMonth {
  return date.slice(0, 7);
}

function toUtc(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

export function firstDayOfMonth(month: IsoMonth): IsoDate {
  return `${month}-01`;
}

export function daysInMonth(month: IsoMonth): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Every date of the month, in order. */
export function datesOfMonth(month: IsoMonth): IsoDate[] {
  const n = daysInMonth(month);
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

/** "11-28" — how dates read on cards. */
export function shortDate(date: IsoDate): string {
  return date.slice(5);
}

const WEEKDAYS_ZH = ["日", "一", "二", "三", "四", "五", "六"] as const;

/** "11月28日 周六" */
export function chineseDate(date: IsoDate): string {
  const [, m, d] = date.split("-").map(Number);
  return `${m}月${d}日 周${WEEKDAYS_ZH[weekday(date)]}`;
}

/** A real calendar date written YYYY-MM-DD. Never throws: "2026-13-45" is simply not one. */
export function isIsoDate(value: string): value is IsoDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  return calendarDay(y, m, d).kind === "date";
}

const isLeapYear = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/**
 * What a year, month and day people typed amount to: a date, or why not —
 * there is no month 13, and November has no 31st. Counted here rather than
 * through `Date`, which throws on "2026-13-45" and maps years below 100 to 19xx.
 */
export type DayCheck =
  | { kind: "date"; date: IsoDate }
  | { kind: "no-year"; year: number }
  | { kind: "no-month"; month: number }
  | { kind: "no-day"; year: number; month: number; day: number; days: number };

/** Years a date in this bot can sensibly have. */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2099;

export function calendarDay(year: number, month: number, day: number): DayCheck {
  if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) return { kind: "no-year", year };
  if (!Number.isInteger(month) || month < 1 || month > 12) return { kind: "no-month", month };
  const days = month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (!Number.isInteger(day) || day < 1 || day > days) return { kind: "no-day", year, month, day, days };
  const pad = (n: number) => String(n).padStart(2, "0");
  return { kind: "date", date: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * The instant a local date begins in a time zone (midnight there). Found by
 * correcting a UTC guess with the zone's offset, twice, which settles across
 * DST changes.
 */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  const target = Date.parse(`${date}T00:00:00Z`);
  let guess = target;
  for (let i = 0; i < 2; i++) {
    const local = localDateTime(new Date(guess), timeZone);
    const shown = Date.parse(`${local.date}T${local.time}:00Z`);
    guess += target - shown;
  }
  return new Date(guess);
}

/** The instant a month ends (the next month begins) in a time zone. */
export function endOfLocalMonth(month: IsoMonth, timeZone: string): Date {
  return startOfLocalDay(addDays(`${month}-${String(daysInMonth(month)).padStart(2, "0")}`, 1), timeZone);
}
