import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "../db/database";
import { goals, type Goal, type Group } from "../db/schema";
import type { IsoMonth } from "../domain/dates";
import { monthsOfGoalPeriod } from "../domain/goals";
import { quarterOf } from "../domain/periods";
import type { Scheme } from "../domain/scheme";
import { boundLeafScores, hasTargetLeaf, type BoundGoal, type BoundLeafScore } from "../domain/targets/bound";
import { goalProgress } from "./goals";

/** Approved targets (in an approved 目标计划书) bound to an indicator, whose period covers the month. */
export async function approvedBoundGoals(db: Database, group: Group, month: IsoMonth): Promise<Goal[]> {
  const periods = [month, quarterOf(month), month.slice(0, 4)];
  return db
    .select()
    .from(goals)
    .where(
      and(
        eq(goals.groupId, group.id),
        inArray(goals.period, periods),
        isNull(goals.cancelledAt),
        isNotNull(goals.planId),
        isNotNull(goals.dimension),
      ),
    )
    .orderBy(goals.seq);
}

/** The month's bound targets with their progress from their period's start through the month's end. */
export async function boundGoalsOf(db: Database, group: Group, month: IsoMonth): Promise<BoundGoal[]> {
  const list = await approvedBoundGoals(db, group, month);
  if (!list.length) return [];
  const done = await goalProgress(db, group, list, month);
  return list.map((g) => {
    const months = monthsOfGoalPeriod(g.period);
    return {
      seq: g.seq,
      memberId: g.memberId,
      dimension: g.dimension!,
      direction: g.direction,
      planned: g.planned,
      done: done.get(g.id) ?? 0,
      elapsed: months.indexOf(month) + 1,
      months: months.length,
    };
  });
}

/** Each person's bound indicators as their approved targets stood at the end of `month` (report cards, 通报). */
export async function boundTargetsAt(
  db: Database,
  group: Group,
  month: IsoMonth,
  scheme: Scheme,
  memberIds: readonly string[],
): Promise<Map<string, BoundLeafScore[]>> {
  if (!hasTargetLeaf(scheme)) return new Map();
  return boundLeafScores(scheme, await boundGoalsOf(db, group, month), memberIds);
}
