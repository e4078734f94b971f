import { belowLineCard, reportFollowUpLines, type FollowUpLine } from "../../cards/follow-ups";
import { gradeConfirmationCards, periodName } from "../../cards/grade-confirmation";
import { displayName } from "../app/scores";
import {
  confirmationGate,
  finalGrades,
  overridesOf,
  type FinalGrade,
  type PeriodPerson,
} from "../app/grade-confirmations";
import { followUpsForCard } from "../app/follow-ups";
import { groupLeaders, listAdmins } from "../app/roles";
import type { Database } from "../db/database";
import type { FollowUp, Group, Member } from "../db/schema";
import { localDate } from "../domain/dates";
import type { Scheme } from "../domain/scheme";
import type { OutboundMessage } from "../outbox/message";

/**
 * Issue 14 item 5 in the jobs that publish grades (monthly ranking, quarterly report, annual summary):
 * a period the office must confirm first is held back and the office asked; a published one carries
 * each person's final grade, why it is what it is, and their follow-up items.
 */
export type GradeGate = { wait: OutboundMessage[] } | { grades: Map<string, FinalGrade> };

const dimensionNames = (scheme: Scheme) => new Map(scheme.dimensions.map((d) => [d.key, d.name] as const));

export async function gradeGate(
  db: Database,
  group: Group,
  period: string,
  scheme: Scheme,
  people: readonly PeriodPerson[],
  now: Date,
): Promise<GradeGate> {
  const gate = await confirmationGate(db, group, period, scheme, people, now);
  if (gate.kind === "publish") return { grades: await finalGrades(db, group, period, scheme, people) };
  // The office (管理员) confirms; a tenant without one yet asks the group's leaders, the first of whom
  // becomes its admin by confirming (commands/office-gate.ts).
  const admins = (await listAdmins(db, group)).map((a) => a.userId);
  const to = admins.length ? admins : (await groupLeaders(db, group)).map((l) => l.userId);
  const overrides = await overridesOf(db, group.id, period);
  const pages = gradeConfirmationCards({
    groupId: group.id,
    groupName: group.name,
    period,
    rows: gate.confirmation.computed,
    overrides,
    dimensionNames: dimensionNames(scheme),
    lang: "zh",
  });
  // One card per recipient and period: later runs while it waits queue the same key, so nothing twice.
  return {
    wait: to.flatMap((userId) =>
      pages.map((rendered, i) => ({
        key: `grades:${period}:${group.id}:${userId}${i ? `:${i + 1}` : ""}`,
        to: { type: "open_id" as const, id: userId },
        ...rendered,
      })),
    ),
  };
}

/** The one line a report card gives where the scheme's floor or the office decided the grade. */
export function gradeNote(final: FinalGrade | undefined, scheme: Scheme): string | undefined {
  if (!final) return undefined;
  const show = (g: string | null | undefined) => `「${g ?? "无等次"}」`;
  if (final.override)
    return `等次由绩考办确定为${show(final.override.grade)}（按成绩计算为${show(final.override.computed)}）：${final.override.reason}`;
  const c = final.computed;
  if (c.blocked) {
    const dim = scheme.dimensions.find((d) => d.key === c.blocked!.dimension)?.name ?? c.blocked.dimension;
    const floor = scheme.gradeFloor?.grade ?? "";
    return `${dim} ${c.blocked.score.toFixed(2)} 分，低于评${floor}所需的 ${c.blocked.min} 分，等次为${show(c.grade)}（按总分为${show(c.engine)}）`;
  }
  if (c.engine !== undefined)
    return `名额递补：按总分为${show(c.engine)}，因名次在前者未达评优的单项要求，等次为${show(c.grade)}`;
  return undefined;
}

/** Each member's follow-up lines for a report card of `period`, with closers named. */
export async function followUpLines(
  db: Database,
  group: Group,
  period: string,
  scheme: Scheme,
  people: readonly Member[],
  totals: readonly { id: string; total: number }[],
): Promise<Map<string, string[]>> {
  const items = await followUpsForCard(
    db,
    group,
    period,
    totals.map((m) => m.id),
  );
  const out = new Map<string, string[]>();
  for (const m of totals) {
    const lines = reportFollowUpLines({
      items: (items.get(m.id) ?? []).map((f) => followUpLine(f, group, people)),
      ...(scheme.followUpBelow !== undefined ? { line: scheme.followUpBelow } : {}),
      total: m.total,
      lang: "zh",
    });
    if (lines.length) out.set(m.id, lines);
  }
  return out;
}

export function followUpLine(f: FollowUp, group: Group, people: readonly Member[]): FollowUpLine {
  const nameOf = (userId: string) => {
    const p = people.find((x) => x.userId === userId);
    return p ? displayName(p) : userId;
  };
  const who = people.find((p) => p.id === f.memberId);
  return {
    id: f.id,
    no: f.no,
    who: who ? displayName(who) : f.memberId,
    problem: f.problem,
    measure: f.measure,
    owner: f.owner,
    due: f.due,
    ...(f.status === "closed" && f.closedAt
      ? {
          closed: {
            by: nameOf(f.closedBy ?? ""),
            on: localDate(f.closedAt, group.timezone),
            note: f.closingNote,
          },
        }
      : {}),
  };
}

/** To each leader, once per period: who fell below the scheme's line. */
export async function belowLineNotices(
  db: Database,
  group: Group,
  period: string,
  scheme: Scheme,
  totals: readonly { id: string; name: string; total: number }[],
): Promise<OutboundMessage[]> {
  const line = scheme.followUpBelow;
  if (line === undefined) return [];
  const below = totals.filter((m) => m.total < line);
  if (!below.length) return [];
  const rendered = belowLineCard({
    groupName: group.name,
    periodName: periodName(period, "zh"),
    line,
    people: below.map((m) => ({ name: m.name, total: m.total })),
    lang: "zh",
  });
  return (await groupLeaders(db, group)).map((l) => ({
    key: `followup:${period}:${l.id}`,
    to: { type: "open_id" as const, id: l.userId },
    ...rendered,
  }));
}

/** A period's result with each person's final grade in place of the computed one. */
export function withFinalGrades<M extends { id: string; grade: string | null }, R extends { members: M[] }>(
  result: R,
  grades: ReadonlyMap<string, FinalGrade>,
): R {
  return {
    ...result,
    members: result.members.map((m) => (grades.has(m.id) ? { ...m, grade: grades.get(m.id)!.grade } : m)),
  };
}
