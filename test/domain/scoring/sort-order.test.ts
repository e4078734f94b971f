/**
 * rankGroups and apportion sort packed numbers instead of calling a comparator per pair (issue 15). Here both are
 * held to the comparator sorts they replaced, written out as they were, on seeded inputs full of ties: equal totals,
 * repeated ids, equal remainders, and values too large to pack.
 */
import { describe, expect, it } from "vitest";
import { prng } from "../../../bench/scoring";
import { apportion } from "../../../src/domain/scoring";
import { compareText } from "../../../src/domain/scoring/order";
import { rankGroups } from "../../../src/domain/scoring/rank";
import { larkOpenId } from "../../support/ids";

/** rank.ts before: one comparator sort. */
function rankGroupsBefore<T extends { id: string; cents: number }>(items: readonly T[]) {
  const sorted = [...items].sort((a, b) => b.cents - a.cents || compareText(a.id, b.id));
  const groups: { rank: number; cents: number; members: T[] }[] = [];
  sorted.forEach((item, position) => {
    const last = groups[groups.length - 1];
    if (last && last.cents === item.cents) last.members.push(item);
    else groups.push({ rank: position + 1, cents: item.cents, members: [item] });
  });
  return groups;
}

/** fen.ts before: floor shares, then one comparator sort of every position by remainder and tie-break. */
function apportionBefore(total: number, weights: readonly number[], tieBreak: (a: number, b: number) => number) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const big = weights.map(BigInt);
  const shares = big.map((w) => Number((BigInt(total) * w) / BigInt(sum)));
  const remainders = big.map((w) => (BigInt(total) * w) % BigInt(sum));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = weights.map((_, i) => i);
  order.sort((a, b) => {
    const ra = remainders[a]!;
    const rb = remainders[b]!;
    return ra === rb ? tieBreak(a, b) : ra > rb ? -1 : 1;
  });
  for (const i of order) {
    if (left <= 0) break;
    shares[i] = shares[i]! + 1;
    left -= 1;
  }
  return shares;
}

describe("rankGroups: packed sort, same order as the comparator sort", () => {
  it("many ties, repeated ids (kept in input order), ids out of order", () => {
    const rand = prng(42);
    for (const [n, spread] of [
      [1, 10],
      [50, 3],
      [2000, 40],
      [3000, 100_000],
    ] as const) {
      const items = Array.from({ length: n }, (_, i) => ({
        id: larkOpenId(`p-${Math.floor(rand() * n * 0.8)}`),
        cents: Math.floor(rand() * spread) * 7,
        position: i,
      }));
      expect(rankGroups(items)).toEqual(rankGroupsBefore(items));
    }
  });

  it("cents it cannot pack (negative, fractional, huge) take the comparator sort", () => {
    for (const odd of [-5, 0.5, 2 ** 52]) {
      const items = [10, odd, 10, 3].map((cents, i) => ({ id: larkOpenId(`q-${i % 2}`), cents, position: i }));
      expect(rankGroups(items)).toEqual(rankGroupsBefore(items));
    }
    expect(rankGroups([])).toEqual([]);
  });
});

describe("apportion: packed sort of remainders, same shares as the comparator sort", () => {
  it("equal remainders everywhere, decided by the tie-break as before", () => {
    const rand = prng(7);
    for (const [n, total, maxWeight] of [
      [3, 100, 3],
      [400, 99_999, 5],
      [5000, 5_000_000, 9000],
      [200, 1e9, 2 ** 40],
    ] as const) {
      const weights = Array.from({ length: n }, () => 1 + Math.floor(rand() * maxWeight));
      const ids = weights.map((_, i) => larkOpenId(`w-${(i * 7919) % n}`));
      const tieBreak = (a: number, b: number) => weights[b]! - weights[a]! || compareText(ids[a]!, ids[b]!);
      expect(apportion(total, weights, tieBreak)).toEqual(apportionBefore(total, weights, tieBreak));
      expect(apportion(total, weights, (a, b) => a - b)).toEqual(apportionBefore(total, weights, (a, b) => a - b));
    }
  });
});
