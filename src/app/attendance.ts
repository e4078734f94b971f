import { and, eq, gte, isNull, lte } from "drizzle-orm";
import type { Database } from "../db/database";
import { leaves, records, type Group, type Member } from "../db/schema";
import { attendance, isOnTime, type Attendance } from "../domain/attendance";
import { addDays, daysInMonth, firstDayOfMonth, localDate, type IsoDate, type IsoMonth } from "../domain/dates";
import { groupCalendar } from "./leaves";

/** Marks the rating the engine gets for a computed leaf, so the trail says where it came from. */
export const ATTENDANCE_RATER = "system:attendance";

/**
 * Each person's attendance in a month: workdays of the group's calendar from
 * the day they joined, less leave, against records filed on the day itself.
 * `now` makes today count only once recorded; without it the month is past.
 */
export async function monthAttendance(db: Database, group: Group, month: IsoMonth, people: readonly Member[], now?: Date): Promise<Map<string, Attendance>> {
  const out = new Map<string, Attendance>();
  if (!people.length) return out;
  const first = firstDayOfMonth(month);
  const last = `${month}-${String(daysInMonth(month)).padStart(2, "0")}`;
  const [recs, away] = await Promise.all([
    db
      .select({ memberId: records.memberId, date: records.date, createdAt: records.createdAt })
      .from(records)
      .where(and(eq(records.groupId, group.id), gte(records.date, first), lte(records.date, last), isNull(records.withdrawnAt))),
    db
      .select()
      .from(leaves)
      .where(and(eq(leaves.groupId, group.id), lte(leaves.from, last), gte(leaves.to, first), isNull(leaves.cancelledAt))),
  ]);
  const onTime = new Map<string, Set<IsoDate>>();
  for (const r of recs) {
    if (!isOnTime(r.date, localDate(r.createdAt, group.timezone))) continue;
    onTime.set(r.memberId, (onTime.get(r.memberId) ?? new Set()).add(r.date));
  }
  const leave = new Map<string, Set<IsoDate>>();
  for (const l of away) {
    const days = leave.get(l.memberId) ?? new Set<IsoDate>();
    for (let d = l.from < first ? first : l.from; d <= l.to && d <= last; d = addDays(d, 1)) days.add(d);
    leave.set(l.memberId, days);
  }
  const calendar = groupCalendar(group);
  const today = now ? localDate(now, group.timezone) : undefined;
  for (const p of people) {
    const joined = localDate(p.createdAt, group.timezone);
    out.set(
      p.id,
      attendance({ calendar, month, from: joined > first ? joined : first, ...(today ? { today } : {}), leave: leave.get(p.id) ?? new Set(), onTime: onTime.get(p.id) ?? new Set() }),
    );
  }
  return out;
}
