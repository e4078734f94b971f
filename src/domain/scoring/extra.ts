/**
 * Rule 4: award points (篇5 line 99: national/provincial/city/county 5/3/2/1) and extra points add to the total.
 * Rules 1 capped them together at `extraCap`. Rules 2 caps the extra points alone: 篇5 line 95 caps 附加分 at 3
 * (「附加分最高不超过3分」) and line 99 adds awards separately, 「直接往干部绩效总分中各加5、3、2、1分」, so a
 * national award is worth 5, not 3. Extras are additions only; a deduction belongs on the dimension it concerns.
 */
import { compareText } from "./order";

export interface AwardEntry {
  level: string;
  points: number;
  reason: string;
}

export interface ExtraEntry {
  points: number;
  reason: string;
}

export interface ExtraScore {
  awards: AwardEntry[];
  extras: ExtraEntry[];
  requested: number;
  /** null where the scheme sets no cap. */
  cap: number | null;
  applied: number;
  /** Rules 2 only: the cap covers the extra points, and the award points are added after it. */
  awardsOutsideCap?: true;
}

const byPointsThenReason = <T extends { points: number; reason: string }>(a: T, b: T) =>
  b.points - a.points || compareText(a.reason, b.reason);

export function scoreExtra(
  awardTable: Readonly<Record<string, number>>,
  extraCap: number | undefined,
  awards: readonly { level: string; reason: string }[],
  extras: readonly ExtraEntry[],
  rules: 1 | 2 = 1,
): ExtraScore {
  const awardEntries = awards
    .map((a) => ({ level: a.level, points: awardTable[a.level] ?? 0, reason: a.reason }))
    .sort((a, b) => byPointsThenReason(a, b) || compareText(a.level, b.level));
  const extraEntries = [...extras].sort(byPointsThenReason);
  const requested = [...awardEntries, ...extraEntries].reduce((sum, e) => sum + e.points, 0);
  const cap = extraCap ?? null;
  if (rules === 2) {
    const awarded = awardEntries.reduce((sum, e) => sum + e.points, 0);
    const extra = extraEntries.reduce((sum, e) => sum + e.points, 0);
    return {
      awards: awardEntries,
      extras: extraEntries,
      requested,
      cap,
      applied: awarded + (cap === null ? extra : Math.min(extra, cap)),
      awardsOutsideCap: true,
    };
  }
  return {
    awards: awardEntries,
    extras: extraEntries,
    requested,
    cap,
    applied: cap === null ? requested : Math.min(requested, cap),
  };
}
