/**
 * 按时记录率 as a computed dimension: the share of a person's workdays with a
 * daily record filed on the day itself. It is not 出勤 (attendance, which the
 * seeds count in 事假 and 病假 days, 篇4 line 74, and 迟到早退, 篇14 line 341):
 * the bot sees records, not presence, so it names what it measures (issue 13
 * item 9). Workdays follow the group's calendar (statutory holidays off, 调休
 * days on, the unit's own dates); days of leave a leader approved are not due,
 * and neither are days before the person joined nor from the day they left, nor the days
 * someone who came back was away.
 */
import type { WorkCalendar } from "./calendar";
import { addDays, type IsoDate, type IsoMonth } from "./dates";

export interface AttendanceInput {
  calendar: WorkCalendar;
  month: IsoMonth;
  /** First day the person could be expected to record (the later of joining the group and the month's start). */
  from: IsoDate;
  /** The day the person left the group (gone from the chat, moved by the roster): from it on nothing is due. */
  until?: IsoDate;
  /** Days they were away from the group before coming back (member_absences): not due. */
  away?: (day: IsoDate) => boolean;
  /** Today in the group's zone: days before it are due; today counts only once recorded. Absent: the whole month is past. */
  today?: IsoDate;
  /** Days of approved leave. */
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
    .filter((d) => d >= input.from && (input.until === undefined || d < input.until) && !input.leave.has(d))
    .filter((d) => !input.away?.(d))
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

/** What the computed score is called wherever people read it (cards, export headers). */
export const ON_TIME_RATE = "按时记录率";

/** A computed item's label: 按时记录率, with the scheme's own name beside it where that differs. */
export const onTimeLabel = (name: string): string => (name === ON_TIME_RATE ? name : `${ON_TIME_RATE}（${name}）`);

/** "按时记录率（出勤）：按时提交日报 18 / 20 个工作日 = 90.00 分（…）" */
export function attendanceLine(name: string, a: Attendance): string {
  return `${onTimeLabel(name)}：按时提交日报 ${a.onTime} / ${a.due} 个工作日 = ${(a.score ?? 0).toFixed(2)} 分（节假日、调休、已批准的请假不计）`;
}

/**
 * Kinds of leave, as the seeds name them (篇4 line 74 「全年仅请过1天事假…没有请过半天的病假」)
 * and as units commonly grant them; each with the words people type for it.
 */
export const LEAVE_KINDS = [
  { kind: "事假", words: ["事假"] },
  { kind: "病假", words: ["病假"] },
  { kind: "年休假", words: ["年休假", "年假", "休假"] },
  { kind: "婚丧假", words: ["婚丧假", "婚假", "丧假"] },
  { kind: "产假", words: ["产假", "陪产假", "护理假"] },
] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number]["kind"] | "其他";

/** The kind a typed word names, or undefined (then the word is part of the reason). */
export function readLeaveKind(word: string): LeaveKind | undefined {
  const w = word.trim();
  return LEAVE_KINDS.find((k) => (k.words as readonly string[]).includes(w))?.kind;
}

/** Workdays from one date to another, both included, by a calendar: how much a leave takes. */
export function workdaysBetween(calendar: WorkCalendar, from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (calendar.isWorkday(d)) n++;
  return n;
}
