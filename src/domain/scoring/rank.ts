/**
 * Rule 6: rank by total, highest first; equal totals (to 0.01) share a rank, and the next rank
 * skips: 1, 2, 2, 4. Totals are compared as integer hundredths so float noise cannot split a tie.
 */
import { compareText } from "./order";

export interface TieGroup<T> {
  rank: number;
  cents: number;
  /** Sorted by id, so everything decided inside a tie is independent of input order. */
  members: T[];
}

export function rankGroups<T extends { id: string; cents: number }>(items: readonly T[]): TieGroup<T>[] {
  const sorted = [...items].sort((a, b) => b.cents - a.cents || compareText(a.id, b.id));
  const groups: TieGroup<T>[] = [];
  sorted.forEach((item, position) => {
    const last = groups[groups.length - 1];
    if (last && last.cents === item.cents) last.members.push(item);
    else groups.push({ rank: position + 1, cents: item.cents, members: [item] });
  });
  return groups;
}
