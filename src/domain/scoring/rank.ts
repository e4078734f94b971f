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
  const sorted = byCentsThenId(items);
  const groups: TieGroup<T>[] = [];
  sorted.forEach((item, position) => {
    const last = groups[groups.length - 1];
    if (last && last.cents === item.cents) last.members.push(item);
    else groups.push({ rank: position + 1, cents: item.cents, members: [item] });
  });
  return groups;
}

const byId = (a: { id: string }, b: { id: string }) => compareText(a.id, b.id);

/**
 * `[...items].sort((a, b) => b.cents - a.cents || compareText(a.id, b.id))`, the same order (stable), without a
 * comparator call per pair: the cents and input positions are packed into one number per item and sorted natively
 * in a Float64Array, then only runs of equal cents (a tie, a few people) are sorted by id. 10,000 people's sort
 * cost more than the rest of ranking them. Cents that are not small non-negative integers take the comparator.
 */
function byCentsThenId<T extends { id: string; cents: number }>(items: readonly T[]): T[] {
  const n = items.length;
  let max = 0;
  for (const item of items) {
    if (!Number.isSafeInteger(item.cents) || item.cents < 0)
      return [...items].sort((a, b) => b.cents - a.cents || byId(a, b));
    if (item.cents > max) max = item.cents;
  }
  if ((max + 1) * n > Number.MAX_SAFE_INTEGER) return [...items].sort((a, b) => b.cents - a.cents || byId(a, b));
  // Highest cents first; within equal cents, input order (what a stable sort keeps before ids are compared).
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (max - items[i]!.cents) * n + i;
  keys.sort();
  const sorted: T[] = new Array(n);
  for (let k = 0; k < n; k++) sorted[k] = items[keys[k]! % n]!;
  for (let from = 0, k = 1; k <= n; k++) {
    if (k < n && sorted[k]!.cents === sorted[from]!.cents) continue;
    if (k - from > 1) {
      const tie = sorted.slice(from, k).sort(byId);
      for (let j = 0; j < tie.length; j++) sorted[from + j] = tie[j]!;
    }
    from = k;
  }
  return sorted;
}
