import { and, eq, gte, inArray, isNull, lte, max, ne } from "drizzle-orm";
import type { Database } from "../db/database";
import { newId } from "../db/ids";
import { claimDecisions, claims, goals, members, records, type Goal, type Group, type Member } from "../db/schema";
import { daysInMonth, type IsoMonth } from "../domain/dates";
import { goalTags, monthsOfGoalPeriod, type GoalPeriod, type GoalText } from "../domain/goals";
import { quarterOf } from "../domain/periods";
import { displayName } from "./scores";
import { auditWrite, type Writes } from "./audit";

/** Targets of a group whose period covers any of these months (not cancelled), in number order. */
export async function goalsCovering(db: Database, group: Group, months: readonly IsoMonth[]): Promise<Goal[]> {
  const periods = new Set<string>();
  for (const m of months) periods.add(m).add(quarterOf(m)).add(m.slice(0, 4));
  return db
    .select()
    .from(goals)
    .where(and(eq(goals.groupId, group.id), inArray(goals.period, [...periods]), isNull(goals.cancelledAt)))
    .orderBy(goals.seq);
}

export async function findGoal(db: Database, group: Group, seq: number): Promise<Goal | undefined> {
  const [row] = await db
    .select()
    .from(goals)
    .where(and(eq(goals.groupId, group.id), eq(goals.seq, seq)))
    .limit(1);
  return row;
}

/** Target numbers run on per group: 目标1, 目标2… (a unique index catches two set at the same instant). */
export async function nextGoalSeq(db: Database, group: Group): Promise<number> {
  const [row] = await db
    .select({ last: max(goals.seq) })
    .from(goals)
    .where(eq(goals.groupId, group.id));
  return (row?.last ?? 0) + 1;
}

export function setGoalWrites(
  db: Database,
  input: {
    group: Group;
    seq: number;
    period: GoalPeriod;
    member: Member | null;
    dimension: string | null;
    text: GoalText;
    /** 完成时效 and 考核标准 (篇8 line 165), where the leader gave them. */
    deadline?: string | null;
    standard?: string | null;
    by: string;
    now: Date;
  },
) {
  const id = newId("gol", input.now.getTime());
  const goal: Goal = {
    id,
    groupId: input.group.id,
    seq: input.seq,
    period: input.period,
    memberId: input.member?.id ?? null,
    dimension: input.dimension,
    title: input.text.title,
    planned: input.text.planned,
    unit: input.text.unit,
    byUserId: input.by,
    cancelledAt: null,
    createdAt: input.now,
    direction: input.text.direction,
    deadline: input.deadline ?? null,
    standard: input.standard ?? null,
    planId: null,
  };
  return {
    goal,
    writes: [
      db.insert(goals).values(goal),
      auditWrite(db, {
        groupId: input.group.id,
        by: input.by,
        action: "goal.set",
        subjectId: id,
        detail: {
          seq: input.seq,
          period: input.period,
          member: goal.memberId,
          dimension: goal.dimension,
          title: goal.title,
          planned: goal.planned,
          unit: goal.unit,
          direction: goal.direction,
          deadline: goal.deadline,
          standard: goal.standard,
        },
        now: input.now,
      }),
    ],
  };
}

export function cancelGoalWrites(db: Database, input: { group: Group; goal: Goal; by: string; now: Date }): Writes {
  return [
    db.update(goals).set({ cancelledAt: input.now }).where(eq(goals.id, input.goal.id)),
    auditWrite(db, {
      groupId: input.group.id,
      by: input.by,
      action: "goal.cancel",
      subjectId: input.goal.id,
      detail: { seq: input.goal.seq },
      now: input.now,
    }),
  ];
}

/**
 * What counts toward each target: the group's daily records (not withdrawn)
 * and its approved claims (award and bonus; a backfill becomes a record)
 * tagged "#目标N [+k]", inside the target's period, by the target's person
 * (anyone in the group for a group target).
 */
export async function goalProgress(
  db: Database,
  group: Group,
  list: readonly Goal[],
  through?: IsoMonth,
): Promise<Map<string, number>> {
  const done = new Map(list.map((g) => [g.id, 0]));
  // `through`: only work up to the end of that month (a month's score counts its period so far).
  const months = [...new Set(list.flatMap((g) => monthsOfGoalPeriod(g.period)))]
    .filter((m) => !through || m <= through)
    .sort();
  if (!months.length) return done;
  const from = `${months[0]}-01`;
  const last = months.at(-1)!;
  const to = `${last}-${String(daysInMonth(last)).padStart(2, "0")}`;
  const bySeq = new Map(list.map((g) => [g.seq, g]));
  const count = (text: string, memberId: string, month: IsoMonth) => {
    for (const tag of goalTags(text)) {
      const goal = bySeq.get(tag.seq);
      if (!goal || (goal.memberId && goal.memberId !== memberId) || !monthsOfGoalPeriod(goal.period).includes(month))
        continue;
      done.set(goal.id, done.get(goal.id)! + tag.amount);
    }
  };
  const [recs, approved] = await Promise.all([
    db
      .select({ text: records.text, memberId: records.memberId, date: records.date })
      .from(records)
      .where(
        and(eq(records.groupId, group.id), gte(records.date, from), lte(records.date, to), isNull(records.withdrawnAt)),
      ),
    db
      .select({ text: claims.evidence, memberId: claims.memberId, period: claims.period })
      .from(claims)
      .innerJoin(claimDecisions, eq(claimDecisions.claimId, claims.id))
      .where(
        and(
          eq(claims.groupId, group.id),
          inArray(claims.period, months),
          ne(claims.kind, "backfill"),
          ne(claimDecisions.decision, "rejected"),
        ),
      ),
  ]);
  for (const r of recs) count(r.text, r.memberId, r.date.slice(0, 7));
  for (const c of approved) count(c.text, c.memberId, c.period);
  return done;
}

/** Names of the people targets are for. */
export async function goalOwners(db: Database, list: readonly Goal[]): Promise<Map<string, string>> {
  const ids = [...new Set(list.map((g) => g.memberId).filter((x): x is string => Boolean(x)))];
  if (!ids.length) return new Map();
  const rows = await db.select().from(members).where(inArray(members.id, ids));
  return new Map(rows.map((m) => [m.id, displayName(m)]));
}
