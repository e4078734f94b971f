import { and, eq, gte, inArray, isNull, lte } from "drizzle-orm";
import type { Database } from "../db/database";
import { leaves, records, type Group } from "../db/schema";
import { attendance, isOnTime, type Attendance } from "../domain/attendance";
import { addDays, daysInMonth, firstDayOfMonth, localDate, type IsoDate, type IsoMonth } from "../domain/dates";
import { groupCalendar } from "./leaves";
import type { Stay } from "./roster";
import { awayOn } from "../domain/roster";

/** Marks the rating the engine gets for a computed leaf, so the trail says where it came from. */
export const ATTENDANCE_RATER = "system:attendance";

/** Records and leave that attendance is computed from, for some groups' months. */
export interface AttendanceRows {
  records: { groupId: string; memberId: string; date: IsoDate; createdAt: Date }[];
  leaves: { groupId: string; memberId: string; from: IsoDate; to: IsoDate }[];
}

const monthSpan = (month: IsoMonth) => ({
  first: firstDayOfMonth(month),
  last: `${month}-${String(daysInMonth(month)).padStart(2, "0")}`,
});

/** One query each for records and leave, however many groups and (consecutive or not) months: rows outside the months are dropped here. */
export async function attendanceRowsOf(
  db: Database,
  groupIds: readonly string[],
  months: readonly IsoMonth[],
): Promise<AttendanceRows> {
  const sorted = [...months].sort();
  const first = monthSpan(sorted[0]!).first;
  const last = monthSpan(sorted.at(-1)!).last;
  const [recs, away] = await Promise.all([
    db
      .select({
        groupId: records.groupId,
        memberId: records.memberId,
        date: records.date,
        createdAt: records.createdAt,
      })
      .from(records)
      .where(
        and(
          inArray(records.groupId, [...groupIds]),
          gte(records.date, first),
          lte(records.date, last),
          isNull(records.withdrawnAt),
        ),
      ),
    db
      .select({ groupId: leaves.groupId, memberId: leaves.memberId, from: leaves.from, to: leaves.to })
      .from(leaves)
      .where(
        and(
          inArray(leaves.groupId, [...groupIds]),
          lte(leaves.from, last),
          gte(leaves.to, first),
          isNull(leaves.cancelledAt),
          // Only leave a leader approved removes due days (a request alone does not).
          eq(leaves.status, "approved"),
        ),
      ),
  ]);
  const wanted = new Set(months);
  return { records: recs.filter((r) => wanted.has(r.date.slice(0, 7))), leaves: away };
}

/**
 * Each person's attendance in a group's month from its rows (pure): workdays of
 * the group's calendar from the day they joined, less leave, against records
 * filed on the day itself; rows of other groups and months are ignored.
 * `now` makes today count only once recorded; without it the month is past.
 */
export function attendanceFrom(
  group: Group,
  month: IsoMonth,
  people: readonly Stay[],
  rows: AttendanceRows,
  now?: Date,
): Map<string, Attendance> {
  const out = new Map<string, Attendance>();
  if (!people.length) return out;
  const { first, last } = monthSpan(month);
  const onTime = new Map<string, Set<IsoDate>>();
  for (const r of rows.records) {
    if (r.groupId !== group.id || r.date < first || r.date > last) continue;
    if (!isOnTime(r.date, localDate(r.createdAt, group.timezone))) continue;
    onTime.set(r.memberId, (onTime.get(r.memberId) ?? new Set()).add(r.date));
  }
  const leave = new Map<string, Set<IsoDate>>();
  for (const l of rows.leaves) {
    if (l.groupId !== group.id || l.from > last || l.to < first) continue;
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
      attendance({
        calendar,
        month,
        from: joined > first ? joined : first,
        // Someone who left is not expected from that day on (they stay in the month they left).
        ...(!p.active && p.leftOn ? { until: p.leftOn } : {}),
        // Someone who came back is not expected on the days they were away.
        ...(p.absences?.length ? { away: (d: IsoDate) => awayOn(p.absences, d) } : {}),
        ...(today ? { today } : {}),
        leave: leave.get(p.id) ?? new Set(),
        onTime: onTime.get(p.id) ?? new Set(),
      }),
    );
  }
  return out;
}
