import type { Database } from "../db/database";
import type { Group } from "../db/schema";
import { monthsOfGoalPeriod } from "../domain/goals";
import { monthsOfQuarter } from "../domain/periods";
import { boundLeaves } from "../domain/targets/bound";
import { dueSoFar, targetPoint, type CurvePoint } from "../domain/targets/curve";
import { goalProgress, goalsCovering } from "./goals";
import { planRows, type PlanRow } from "./goal-plans";
import { schemeInForce } from "./schemes";

/** One target in a quarter's 通报: where it stands at the quarter's end. */
export interface BulletinRow extends PlanRow {
  period: string;
  /** Due by the quarter's end (时间过半、任务过半); a limit: the limit. */
  due: number;
  done: number;
  /** "met": reached what was due or stayed under the limit; "behind"; "over": the limit was passed. */
  status: "met" | "behind" | "over";
  /** Its point on the bound indicator's curve, where it is approved and bound; else null. */
  point: CurvePoint | null;
  approved: boolean;
}

/**
 * 目标完成情况通报 (篇9 line 192 「每季度通报主要经济社会发展指标完成情况」): each target of the group whose period
 * reaches into the quarter, with its progress through the quarter's last month. Empty: nothing to report.
 */
export const quarterBulletin = (db: Database, group: Group, quarter: string): Promise<BulletinRow[]> =>
  targetStanding(db, group, monthsOfQuarter(quarter));

/** The group's targets whose period reaches into these months, as they stood at the last month's end. */
export async function targetStanding(db: Database, group: Group, months: readonly string[]): Promise<BulletinRow[]> {
  const last = [...months].sort().at(-1)!;
  const list = (await goalsCovering(db, group, months)).filter((g) => monthsOfGoalPeriod(g.period)[0]! <= last);
  if (!list.length) return [];
  const [done, rows, { scheme }] = await Promise.all([
    goalProgress(db, group, list, last),
    planRows(db, group, list),
    schemeInForce(db, group.id),
  ]);
  const curves = new Map(boundLeaves(scheme).map((l) => [l.key, l.curve]));
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  return list.map((g) => {
    const periodMonths = monthsOfGoalPeriod(g.period);
    const elapsed = periodMonths.filter((m) => m <= last).length;
    const got = done.get(g.id) ?? 0;
    const due = g.direction === "at_most" ? g.planned : dueSoFar(g.planned, elapsed, periodMonths.length);
    const status = g.direction === "at_most" ? (got > g.planned ? "over" : "met") : got >= due ? "met" : "behind";
    const curve = g.dimension ? curves.get(g.dimension) : undefined;
    const target = { direction: g.direction, planned: g.planned, done: got };
    const point = curve && g.planId ? targetPoint(target, elapsed, periodMonths.length, curve) : null;
    return { ...bySeq.get(g.seq)!, period: g.period, due, done: got, status, point, approved: g.planId !== null };
  });
}
