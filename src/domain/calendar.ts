import { datesOfMonth, weekday, type IsoDate, type IsoMonth } from "./dates";

/**
 * The Chinese working calendar: statutory holidays are off, and 调休 make-up
 * days (usually a Saturday or Sunday) are working days. The State Council
 * publishes each year's arrangement in November or December; the data below
 * follows those notices. An admin can add dates on top (see CalendarOverrides).
 */
export interface YearArrangement {
  /** Days off that would otherwise be workdays (and holiday weekends, harmlessly). */
  holidays: readonly IsoDate[];
  /** Weekend days that are workdays (调休上班). */
  makeupWorkdays: readonly IsoDate[];
}

function range(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** 国务院办公厅关于2025年部分节假日安排的通知. */
const Y2025: YearArrangement = {
  holidays: [
    "2025-01-01",
    ...range("2025-01-28", "2025-02-04"), // 春节
    ...range("2025-04-04", "2025-04-06"), // 清明
    ...range("2025-05-01", "2025-05-05"), // 劳动节
    ...range("2025-05-31", "2025-06-02"), // 端午
    ...range("2025-10-01", "2025-10-08"), // 国庆、中秋
  ],
  makeupWorkdays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
};

/** 国务院办公厅关于2026年部分节假日安排的通知. */
const Y2026: YearArrangement = {
  holidays: [
    ...range("2026-01-01", "2026-01-03"), // 元旦
    ...range("2026-02-15", "2026-02-23"), // 春节
    ...range("2026-04-04", "2026-04-06"), // 清明
    ...range("2026-05-01", "2026-05-05"), // 劳动节
    ...range("2026-06-19", "2026-06-21"), // 端午
    ...range("2026-09-25", "2026-09-27"), // 中秋
    ...range("2026-10-01", "2026-10-07"), // 国庆
  ],
  makeupWorkdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
};

/**
 * 2027: the statutory days only (全国年节及纪念日放假办法: 元旦 1, 春节 4 from 除夕, 清明 1,
 * 劳动节 2, 端午 1, 中秋 1, 国庆 3). The State Council's notice adds bridge days and 调休
 * weekends; until this file carries it, an admin adds those dates (CalendarOverrides).
 */
const Y2027_PROVISIONAL: YearArrangement = {
  holidays: [
    "2027-01-01",
    ...range("2027-02-05", "2027-02-08"), // 除夕 2027-02-05, 春节 02-06
    "2027-04-05", // 清明
    ...range("2027-05-01", "2027-05-02"),
    "2027-06-09", // 端午
    "2027-09-15", // 中秋
    ...range("2027-10-01", "2027-10-03"),
  ],
  makeupWorkdays: [],
};

export const CN_ARRANGEMENTS: Readonly<Record<number, YearArrangement>> = {
  2025: Y2025,
  2026: Y2026,
  2027: Y2027_PROVISIONAL,
};

/** Dates an admin adds: a local holiday, or a Saturday the unit works. */
export interface CalendarOverrides {
  holidays?: readonly IsoDate[];
  workdays?: readonly IsoDate[];
}

export interface WorkCalendar {
  isWorkday(date: IsoDate): boolean;
  workdaysOfMonth(month: IsoMonth): IsoDate[];
}

export function createWorkCalendar(
  overrides: CalendarOverrides = {},
  arrangements: Readonly<Record<number, YearArrangement>> = CN_ARRANGEMENTS,
): WorkCalendar {
  const off = new Set<IsoDate>(overrides.holidays ?? []);
  const on = new Set<IsoDate>(overrides.workdays ?? []);
  for (const a of Object.values(arrangements)) {
    for (const d of a.holidays) if (!on.has(d)) off.add(d);
    for (const d of a.makeupWorkdays) if (!off.has(d) || overrides.workdays?.includes(d)) on.add(d);
  }
  // An admin's own dates win over the national arrangement.
  for (const d of overrides.holidays ?? []) on.delete(d);
  for (const d of overrides.workdays ?? []) off.delete(d);

  const isWorkday = (date: IsoDate): boolean => {
    if (on.has(date)) return true;
    if (off.has(date)) return false;
    const wd = weekday(date);
    return wd !== 0 && wd !== 6;
  };
  return {
    isWorkday,
    workdaysOfMonth: (month) => datesOfMonth(month).filter(isWorkday),
  };
}
