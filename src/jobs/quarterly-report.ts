import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { reportCard, reportSummaryCard } from "../../cards/report-card";
import { groupCalendar } from "../app/leaves";
import { publish } from "../app/publications";
import { displayName } from "../app/scores";
import { surveyStatuses } from "../app/surveys";
import { surveyLine } from "../../cards/survey-lines";
import { targetLines } from "../../cards/target-lines";
import { boundTargetsAt } from "../app/goal-scores";
import { localDate } from "../domain/dates";
import type { Database } from "../db/database";
import { members, ratings, type Group } from "../db/schema";
import { monthsOfQuarter, periodLabel } from "../domain/periods";
import { calibrationLine, type CombinedResult } from "../domain/scoring";
import { computeQuarter } from "../app/period-results";
import type { MonthSource, PeriodSource } from "../app/period-data";
import type { Scheme } from "../domain/scheme";
import type { ImageSpec, OutboundMessage } from "../outbox/message";
import { belowLineNotices, followUpLines, gradeGate, gradeNote, withFinalGrades } from "./grade-gate";
import { unitReport } from "./unit-report";

/**
 * 季考核: each person's 成绩单 privately, and the group's summary, on the
 * first workday of the next quarter. Nothing for a quarter nobody was scored in.
 */
export async function quarterlyReport(
  db: Database,
  group: Group,
  quarter: string,
  now: Date,
  source?: MonthSource,
): Promise<OutboundMessage[]> {
  const { months, scheme, combined: computed, calibration } = await computeQuarter(db, group, quarter, now, source);
  if (computed.members.every((m) => m.total === 0)) return [];
  // 等次确认: held back until the office confirms, where the scheme asks for it (src/jobs/grade-gate.ts).
  const gate = await gradeGate(db, group, quarter, scheme, computed.members, now);
  if ("wait" in gate) return gate.wait;
  const combined = withFinalGrades(computed, gate.grades);
  // 公示: published as provisional with an objection window; a re-issue after an amendment has a new version.
  const pub = await publish(db, group, quarter, localDate(now, group.timezone), groupCalendar(group), now);
  const publication = { windowEnds: pub.windowEnds, version: pub.version, final: pub.status === "final" };
  const people = await db.select().from(members).where(eq(members.groupId, group.id));
  const comments = await db
    .select()
    .from(ratings)
    .where(
      and(
        eq(ratings.groupId, group.id),
        inArray(
          ratings.period,
          months.map((m) => m.month),
        ),
        eq(ratings.raterGroup, "leader"),
        isNotNull(ratings.comment),
        isNull(ratings.supersededAt),
      ),
    );
  const followUps = await followUpLines(db, group, quarter, scheme, people, combined.members);
  const nameOf = (userId: string) => {
    const p = people.find((x) => x.userId === userId);
    return p ? displayName(p) : userId;
  };
  const surveyed = await surveyStatuses(db, group, monthsOfQuarter(quarter), scheme);
  // 目标责任制: the bound indicators as the targets stood at the quarter's end.
  const ids = combined.members.map((m) => m.id);
  const targeted = await boundTargetsAt(db, group, monthsOfQuarter(quarter).at(-1)!, scheme, ids);
  const personal: OutboundMessage[] = combined.members.flatMap((m) => {
    const person = people.find((p) => p.id === m.id);
    if (!person) return [];
    const rendered = reportCard({
      name: m.name,
      period: quarter,
      groupId: group.id,
      groupName: group.name,
      total: m.total,
      rank: m.rank,
      headcount: combined.members.length,
      grade: m.grade,
      prize: m.prize,
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
      // One comment per leader and text: a leader who rated several items with one comment said it once.
      comments: [
        ...new Map(
          comments
            .filter((c) => c.memberId === m.id)
            .map((c) => [`${c.raterUserId}|${c.comment}`, { by: nameOf(c.raterUserId), text: c.comment! }]),
        ).values(),
      ],
      publication,
      surveys: surveyed(m.id).map((s) => surveyLine(s, true)),
      targets: targetLines(scheme, targeted.get(m.id), "zh"),
      ...(calibration ? { calibration: calibrationLine(m.total, calibration) } : {}),
      gradeNote: gradeNote(gate.grades.get(m.id), scheme),
      followUps: followUps.get(m.id),
      lang: "zh",
    });
    const image: ImageSpec = {
      kind: "report",
      model: {
        title: `${m.name} · ${periodLabel(quarter, "zh")}成绩单`,
        subtitle: `${group.name}${publication.final ? "" : ` · 公示至 ${pub.windowEnds}`}`,
        facts: [
          ["总分", m.total.toFixed(2)],
          ["排名", `${m.rank} / ${combined.members.length}`],
          ["等次", m.grade ?? "—"],
          ["版本", `v${pub.version}`],
        ],
        rows: scheme.dimensions.map((d) => ({
          name: d.name,
          score: (m.dimensions[d.key] ?? 0).toFixed(2),
          max: String(d.weight),
        })),
        trend: m.parts.flatMap((p) =>
          p.total === null ? [] : [{ label: `${Number(p.period.slice(5))}月`, value: p.total }],
        ),
      },
    };
    return [
      {
        key: `report:${quarter}:v${pub.version}:${m.id}`,
        to: { type: "open_id" as const, id: person.userId },
        ...rendered,
        image,
      },
    ];
  });
  const summary = groupSummary(group, quarter, scheme, combined);
  return [
    { key: `report:${quarter}:v${pub.version}:${group.chatId}`, to: { type: "chat_id", id: group.chatId }, ...summary },
    ...personal,
    ...(await belowLineNotices(db, group, quarter, scheme, combined.members)),
    // 单位成绩单 (issue 14 item 3): where the office appraises the group as a unit.
    ...(await unitReport(db, group, quarter)),
  ];
}

/** The group's card for a combined period: grade distribution and the top places. */
export function groupSummary(group: Group, period: string, scheme: Scheme, combined: CombinedResult) {
  const gradeCounts = new Map<string, number>();
  for (const m of combined.members) if (m.grade) gradeCounts.set(m.grade, (gradeCounts.get(m.grade) ?? 0) + 1);
  return reportSummaryCard({
    period,
    groupName: group.name,
    headcount: combined.members.length,
    average: combined.members.reduce((n, m) => n + m.total, 0) / combined.members.length,
    grades: scheme.grades.map((g) => ({ name: g.name, count: gradeCounts.get(g.name) ?? 0 })),
    top: combined.members.filter((m) => m.rank <= 3).map((m) => ({ rank: m.rank, name: m.name, total: m.total })),
    lang: "zh",
  });
}
