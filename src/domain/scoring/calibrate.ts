/**
 * 部门绩效校正 (DOMAIN §2, source §1: "各部门平均绩效出现参差不齐…引入部门绩效，对不同部门工作绩效结果进一步校正").
 *
 * Each group rates its own people, and some groups rate leniently, others
 * strictly. The office scores each group's own performance (部门绩效, 0–100);
 * calibration scales every individual total of the group by
 *
 *     factor = 部门绩效 ÷ the group's average total
 *
 * so the group's calibrated average equals its 部门绩效, and the order inside
 * the group does not change. A lenient group (average 95, 部门绩效 88) is
 * scaled down by 0.9263; a strict one (average 85, 部门绩效 90) up by 1.0588.
 * Without a 部门绩效, or with an average of 0, a group is left as it is.
 */
import { fix2, num } from "./format";
import { round2 } from "./fen";

/** Factors are shown and applied to 4 decimals, so the card's arithmetic can be checked by hand. */
export const FACTOR_DECIMALS = 4;

export interface Calibration {
  /** The group's average total before calibration. */
  average: number;
  /** The office's score for the group (部门绩效). */
  performance: number;
  factor: number;
}

export function calibrationFor(totals: readonly number[], performance: number | null | undefined): Calibration | null {
  if (performance === null || performance === undefined || totals.length === 0) return null;
  const average = totals.reduce((a, b) => a + b, 0) / totals.length;
  if (average <= 0) return null;
  const scale = 10 ** FACTOR_DECIMALS;
  return { average: round2(average), performance, factor: Math.round((performance / average) * scale) / scale };
}

/** A calibrated total, to the hundredth like every total. */
export const calibrated = (total: number, c: Calibration | null): number =>
  c ? round2(total * c.factor) : round2(total);

/** The explanation line for a person's calibrated total. */
export function calibrationLine(total: number, c: Calibration): string {
  return `部门绩效校正：系数 = 部门绩效 ${num(c.performance)} ÷ 本群平均 ${fix2(c.average)} = ${c.factor.toFixed(FACTOR_DECIMALS)}；校正后 = ${fix2(total)} × ${c.factor.toFixed(FACTOR_DECIMALS)} = ${fix2(calibrated(total, c))} 分`;
}
