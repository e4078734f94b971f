/**
 * Rule 4: award points (DOMAIN §2: national/provincial/city/county 5/3/2/1) and extra points add
 * to the total, together capped at `extraCap` (§5: "附加分最高不超过3分"). Extras are additions
 * only; a deduction belongs on the dimension it concerns, as an adjustment, where it is visible.
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
}

const byPointsThenReason = <T extends { points: number; reason: string }>(a: T, b: T) =>
  b.points - a.points || compareText(a.reason, b.reason);

export function scoreExtra(
  awardTable: Readonly<Record<string, number>>,
  extraCap: number | undefined,
  awards: readonly { level: string; reason: string }[],
  extras: readonly ExtraEntry[],
): ExtraScore {
  const awardEntries = awards
    .map((a) => ({ level: a.level, points: awardTable[a.level] ?? 0, reason: a.reason }))
    .sort((a, b) => byPointsThenReason(a, b) || compareText(a.level, b.level));
  const extraEntries = [...extras].sort(byPointsThenReason);
  const requested = [...awardEntries, ...extraEntries].reduce((sum, e) => sum + e.points, 0);
  const cap = extraCap ?? null;
  return {
    awards: awardEntries,
    extras: extraEntries,
    requested,
    cap,
    applied: cap === null ? requested : Math.min(requested, cap),
  };
}
