import { eq } from "drizzle-orm";
import { reportCard } from "../../cards/report-card";
import { groupCalendar } from "../app/leaves";
import { publish } from "../app/publications";
import type { Database } from "../db/database";
import { localDate } from "../domain/dates";
import { members, type Group } from "../db/schema";
import type { OutboundMessage } from "../outbox/message";
import { groupSummary } from "./quarterly-report";
import { computeYear } from "../app/period-results";
import { tenantGroups } from "../app/groups";
import { unitPayYear } from "../app/unit-pay";
import { unitReport } from "./unit-report";
import type { PeriodSource } from "../app/period-data";
import { belowLineNotices, followUpLines, gradeGate, gradeNote, withFinalGrades } from "./grade-gate";

/** 年总结 in January: each person's year on the same report card, with the year-end bonus, and the group's summary. */
export async function annualSummary(
  db: Database,
  group: Group,
  year: string,
  now: Date,
  source?: PeriodSource,
): Promise<OutboundMessage[]> {
  const year$ = await computeYear(db, group, year, now, source);
  const { scheme, combined: computed, pay } = year$;
  if (!computed.members.length || computed.members.every((m) => m.total === 0)) return [];
  // 等次确认: held back until the office confirms, where the scheme asks for it (src/jobs/grade-gate.ts).
  const gate = await gradeGate(db, group, year, scheme, computed.members, now);
  if ("wait" in gate) return gate.wait;
  const combined = withFinalGrades(computed, gate.grades);
  const pub = await publish(db, group, year, localDate(now, group.timezone), groupCalendar(group), now);
  const publication = { windowEnds: pub.windowEnds, version: pub.version, final: pub.status === "final" };
  const people = await db.select().from(members).where(eq(members.groupId, group.id));
  const followUps = await followUpLines(db, group, year, scheme, people, combined.members);
  // 两级分配 (issue 14 item 4): where the office set a pool and this group is a unit with pay options.
  const unitPay = await unitPayYear(db, await tenantGroups(db, group), year, now, {
    known: new Map([[group.id, year$]]),
  });
  const personal: OutboundMessage[] = combined.members.flatMap((m) => {
    const person = people.find((p) => p.id === m.id);
    if (!person) return [];
    const rendered = reportCard({
      name: m.name,
      period: year,
      groupId: group.id,
      groupName: group.name,
      total: m.total,
      rank: m.rank,
      headcount: combined.members.length,
      grade: m.grade,
      prize: m.prize,
      pay: (pay.get(m.id)?.fen ?? 0) / 100,
      dimensions: scheme.dimensions.map((d) => ({
        name: d.name,
        mine: m.dimensions[d.key] ?? 0,
        average: combined.dimensionAverages[d.key] ?? 0,
      })),
      trend: m.parts.map((p, i) => ({
        month: p.period,
        mine: p.total,
        average: combined.partAverages[i]?.average ?? null,
      })),
      comments: [],
      publication,
      gradeNote: gradeNote(gate.grades.get(m.id), scheme),
      followUps: followUps.get(m.id),
      ...(unitPay?.lines.has(m.id) ? { unitPay: unitPay.lines.get(m.id)! } : {}),
      lang: "zh",
    });
    return [
      {
        key: `annual:${year}:v${pub.version}:${m.id}`,
        to: { type: "open_id" as const, id: person.userId },
        ...rendered,
      },
    ];
  });
  const summary = groupSummary(group, year, scheme, combined);
  return [
    { key: `annual:${year}:v${pub.version}:${group.chatId}`, to: { type: "chat_id", id: group.chatId }, ...summary },
    ...personal,
    ...(await belowLineNotices(db, group, year, scheme, combined.members)),
    ...(await unitReport(db, group, year)),
  ];
}
