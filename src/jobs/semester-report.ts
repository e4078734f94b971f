import { eq } from "drizzle-orm";
import { schoolReportCard } from "../../cards/school-report-card";
import type { Database } from "../db/database";
import { members, type Group } from "../db/schema";
import type { IsoMonth } from "../domain/dates";
import { monthsOfSemester, schoolPeriodLabel, semesterEndedBefore } from "../domain/school-year";
import { periodSource } from "../app/period-data";
import { breakdownOf } from "../app/school-score";
import { computeSchoolPeriod, schoolYearOf } from "../app/school-results";
import { displayName } from "../app/scores";
import type { OutboundMessage } from "../outbox/message";

/**
 * 学期成绩单 (issue 14 item 6; 篇6 line 115 「学期有测评」): on the first workday of the month after a semester ends
 * (February and September by default, src/domain/schedule.ts), each person of a group whose scheme has a school year
 * gets the semester's result privately, and the group a one-line notice. Nothing for a group without a school year,
 * in a month no semester ended before, or for a semester nobody was scored in. Messages are keyed by the semester,
 * so every later tick of the month sends nothing twice. Place prizes and pay are not on it: they go with the
 * calendar year (篇6 line 121 「年终绩效考核奖」).
 */
export async function semesterReport(
  db: Database,
  group: Group,
  month: IsoMonth,
  now: Date,
): Promise<OutboundMessage[]> {
  const sy = await schoolYearOf(db, group, now);
  if (!sy) return [];
  const semester = semesterEndedBefore(month, sy);
  if (!semester) return [];
  // Finished months come from month_results while nothing they were scored from changed, so every later tick of the
  // month (each sends nothing new) costs a few reads, as the quarterly report's do.
  const source = periodSource(db, [group], monthsOfSemester(semester.first, semester.term, sy), now);
  const r = await computeSchoolPeriod(db, group, semester, now, {
    month: source.summary,
    departmentScores: source.departmentScores,
  });
  await source.save().catch((error) => console.warn("semester report: finished months not kept", error));
  if (!r.ok || r.combined.members.every((m) => m.total === 0)) return [];
  const people = await db.select().from(members).where(eq(members.groupId, group.id));
  const byId = new Map(people.map((p) => [p.id, p]));
  const personal = r.combined.members.flatMap((m): OutboundMessage[] => {
    const person = byId.get(m.id);
    if (!person) return [];
    const rendered = schoolReportCard({
      name: displayName(person),
      groupName: group.name,
      breakdown: breakdownOf(r, m),
      dimensions: r.scheme.dimensions.map((d) => ({
        name: d.name,
        mine: m.dimensions[d.key] ?? null,
        average: r.combined.dimensionAverages[d.key] ?? 0,
      })),
      lang: "zh",
    });
    return [{ key: `semester:${semester.id}:${m.id}`, to: { type: "open_id", id: person.userId }, ...rendered }];
  });
  if (!personal.length) return [];
  const label = schoolPeriodLabel(semester, "zh");
  return [
    {
      key: `semester:${semester.id}:${group.chatId}`,
      to: { type: "chat_id", id: group.chatId },
      text: `${label}已结束，学期成绩单已私发给 ${personal.length} 位老师（平时各月平均与学期测评合成，含名次、等次）。发「成绩 上学期」可随时查看。`,
    },
    ...personal,
  ];
}
