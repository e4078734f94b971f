import type { WorkCalendar } from "./calendar";
import { localDateTime, monthOf } from "./dates";
import { firstWorkdayOfMonth, firstWorkdayOfQuarter, previousMonth, previousQuarter, quarterOf } from "./periods";

/**
 * Which of a group's jobs are due at an instant, in the group's own time
 * zone. Workers cron runs in UTC every few minutes; each tick asks this for
 * every group, and the idempotency key of each job (its period) makes a
 * second run for the same period send nothing new.
 */
export type JobKind =
  | "reminder"
  | "pending-digest"
  | "monthly-review"
  | "monthly-ranking"
  | "quarterly-report"
  | "quarterly-targets"
  | "annual-summary"
  | "semester-report"
  | "finalize";

export interface DueJob {
  kind: JobKind;
  /** The period the job is about: a date for reminders, a month, a quarter, a year. */
  period: string;
}

export interface GroupSchedule {
  timezone: string;
  /** Daily reminder time, HH:MM (default 17:30). */
  reminderAt?: string;
  /** When rankings, report cards and the leaders' digest go out, HH:MM (default 09:00). */
  broadcastAt?: string;
  /** When the month's review cards go out on its last workday, HH:MM (default 15:00). */
  reviewAt?: string;
}

/** A reminder late by more than this is no longer useful: people have gone home. */
export const REMINDER_GRACE_MINUTES = 180;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/** Months a semester can begin in: a school year starts in July–October, its second semester in January–April. */
const SEMESTER_START_MONTHS = new Set([1, 2, 3, 4, 7, 8, 9, 10]);

export function dueJobs(instant: Date, group: GroupSchedule, calendar: WorkCalendar): DueJob[] {
  const { date, time } = localDateTime(instant, group.timezone);
  const now = minutes(time);
  // Closing publication windows is checked on every tick (it acts only on windows that have ended).
  const jobs: DueJob[] = [{ kind: "finalize", period: date }];
  const reminderAt = minutes(group.reminderAt ?? "17:30");
  if (calendar.isWorkday(date) && now >= reminderAt && now < reminderAt + REMINDER_GRACE_MINUTES) {
    jobs.push({ kind: "reminder", period: date });
  }
  const broadcastAt = minutes(group.broadcastAt ?? "09:00");
  // Leaders with pending claims hear about them on workday mornings.
  if (calendar.isWorkday(date) && now >= broadcastAt && now < broadcastAt + REMINDER_GRACE_MINUTES) {
    jobs.push({ kind: "pending-digest", period: date });
  }
  const month = monthOf(date);
  // 月评议 cards on the month's last workday, from the afternoon until the month ends.
  const lastWorkday = calendar.workdaysOfMonth(month).at(-1);
  if (lastWorkday && (date > lastWorkday || (date === lastWorkday && now >= minutes(group.reviewAt ?? "15:00")))) {
    jobs.push({ kind: "monthly-review", period: month });
  }
  // Monthly ranking: from the 1st at 09:00, for the month before. Later in the month still
  // counts (a catch-up after an outage); the key stops a second one.
  if (date > `${month}-01` || now >= broadcastAt) jobs.push({ kind: "monthly-ranking", period: previousMonth(month) });
  // Report cards wait for the first workday of the quarter (not 1 October, a holiday).
  const quarter = quarterOf(date);
  const reportDay = firstWorkdayOfQuarter(quarter, calendar);
  if (date > reportDay || (date === reportDay && now >= broadcastAt)) {
    jobs.push({ kind: "quarterly-report", period: previousQuarter(quarter) });
    // 目标完成情况通报 goes out with the report cards (issue 14 item 1).
    jobs.push({ kind: "quarterly-targets", period: previousQuarter(quarter) });
  }
  // 学期成绩单 (issue 14 item 6): from the first workday of a month a semester can begin in (September and February
  // by default; a scheme's school year may start July–October, its second semester January–April). The job asks the
  // group's scheme whether a semester ended with the month before, and sends nothing where none did.
  if (SEMESTER_START_MONTHS.has(Number(month.slice(5)))) {
    const day = firstWorkdayOfMonth(month, calendar);
    if (date > day || (date === day && now >= broadcastAt)) jobs.push({ kind: "semester-report", period: month });
  }
  // The annual summary: January, from its first workday.
  if (month.endsWith("-01")) {
    const day = firstWorkdayOfMonth(month, calendar);
    if (date > day || (date === day && now >= broadcastAt))
      jobs.push({ kind: "annual-summary", period: String(Number(month.slice(0, 4)) - 1) });
  }
  return jobs;
}
