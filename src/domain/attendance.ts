/**
 * 出勤 / 及时性 as a computed dimension (DOMAIN §1: staff do not hand in data
 * on time; §2: 个人学习及出勤 10%): the share of a person's workdays with a
 * daily record filed on the day itself. Workdays follow the group's calendar
 * (statutory holidays off, 调休 days on, the unit's own dates), days on leave
 * are not due, and neither are days before the person joined.
 */
import type { WorkCalendar } from "./calendar";
import type { IsoDate, IsoMonth } from "./dates";

export interface AttendanceInput {
  calendar: WorkCalendar;
  month: IsoMonth;
  /** First day the person could be expected to record (the later of joining the group and the month's start). */
  from: IsoDate;
  /** Today in the group's zone: days before it are due; today counts only once recorded. Absent: the whole month is past. */
  today?: IsoDate;
  /** Days on leave. */
  leave: ReadonlySet<IsoDate>;
  /** Days with a record filed on that same day. */
  onTime: ReadonlySet<IsoDate>;
}

export interface Attendance {
  /** Workdays that were due. */
  due: number;
  /** Of those, days with an on-time record. */
  onTime: number;
  /** 100 × onTime ÷ due, to the hundredth; null when nothing was due yet. */
  score: number | null;
  /** Due workdays without an on-time record, for the explanation. */
  missed: IsoDate[];
}

export function attendance(input: AttendanceInput): Attendance {
  const days = input.calendar
    .workdaysOfMonth(input.month)
    .filter((d) => d >= input.from && !input.leave.has(d))
    .filter((d) => input.today === undefined || d < input.today || (d === input.today && input.onTime.has(d)));
  const kept = days.filter((d) => input.onTime.has(d));
  const missed = days.filter((d) => !input.onTime.has(d));
  return {
    due: days.length,
    onTime: kept.length,
    score: days.length ? Math.round((kept.length / days.length) * 10000) / 100 : null,
    missed,
  };
}

/** A record is on time when it was filed on the day it is about, in the group's zone (a 补报 is not). */
export const isOnTime = (recordDate: IsoDate, filedOn: IsoDate): boolean => recordDate === filedOn;

/** "按时提交日报 18 / 20 个工作日 = 90.00 分" */
export function attendanceLine(name: string, a: Attendance): string {
  return `${name}：按时提交日报 ${a.onTime} / ${a.due} 个工作日 = ${(a.score ?? 0).toFixed(2)} 分（节假日、调休、请假已按日历扣除）`;
}
