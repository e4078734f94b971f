import { describe, expect, it } from "vitest";
import { apportion } from "../../../src/domain/scoring";
import { splitPool } from "../../../src/domain/scoring/pay";
import { byId, compute, FLAT, flatInputs } from "./helpers";

const byIdThenIndex = (a: number, b: number) => a - b;

describe("rule 9: the pool split in fen by largest remainder", () => {
  it("adds up to the pool exactly when the shares do not divide", () => {
    const r = compute(FLAT, flatInputs([80, 80, 80], { pool: 100_000 }));
    expect(r.members.map((m) => m.payFen)).toEqual([3_333_334, 3_333_333, 3_333_333]);
    expect(byId(r, "m1").pay).toBe(33_333.34);
  });

  it("gives the spare fen to the largest remainder, not to the first in line", () => {
    // 1 fen over weights 1 and 2: exact shares 1/3 and 2/3.
    expect(apportion(1, [1, 2], byIdThenIndex)).toEqual([0, 1]);
    expect(apportion(10, [3, 3, 4], byIdThenIndex)).toEqual([3, 3, 4]);
  });

  it("breaks equal remainders by higher total, then lower id, whatever the input order", () => {
    const entries = [
      { id: "b", cents: 100 },
      { id: "a", cents: 100 },
      { id: "c", cents: 200 },
    ];
    // Exact 1.5, 1.5, 3 → floors 1, 1, 3; the one fen left goes to a (same remainder as b, lower id).
    for (const list of [entries, [...entries].reverse()]) {
      const shares = splitPool(6, list).byMember;
      expect(["a", "b", "c"].map((id) => shares.get(id)?.fen)).toEqual([2, 1, 3]);
    }
    // Exact 0.5 and 1.5: equal remainders, so the higher total wins over the lower id.
    const higher = splitPool(2, [
      { id: "a", cents: 100 },
      { id: "b", cents: 300 },
    ]).byMember;
    expect([higher.get("a")?.fen, higher.get("b")?.fen]).toEqual([0, 2]);
  });

  it("stays exact past 2^53 in the intermediate products", () => {
    const shares = apportion(10_000_000_000_000, [999_999, 1, 3], byIdThenIndex);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(10_000_000_000_000);
    expect(shares[1]).toBe(9_999_970);
  });

  it("splits equally, with a warning, when every total is 0", () => {
    const r = compute(FLAT, {
      pool: 1,
      members: [
        { id: "m1", name: "甲" },
        { id: "m2", name: "乙" },
        { id: "m3", name: "丙" },
      ],
    });
    expect(r.members.map((m) => [m.id, m.payFen])).toEqual([
      ["m1", 34],
      ["m2", 33],
      ["m3", 33],
    ]);
    expect(r.warnings.map((w) => w.code)).toContain("pay-equal-split");
  });

  it("pays nothing and warns about nothing when the pool is 0", () => {
    const r = compute(FLAT, flatInputs([80, 90]));
    expect(r.members.map((m) => m.payFen)).toEqual([0, 0]);
    expect(r.warnings).toEqual([]);
  });
});

describe("apportion in plain numbers equals the exact BigInt largest remainder", () => {
  /** The textbook method in BigInt, written out independently of fen.ts. */
  function reference(total: number, weights: number[], tieBreak: (a: number, b: number) => number): number[] {
    const sum = weights.reduce((a, b) => a + BigInt(b), 0n);
    const t = BigInt(total);
    const shares = weights.map((w) => (t * BigInt(w)) / sum);
    const rems = weights.map((w) => (t * BigInt(w)) % sum);
    let left = t - shares.reduce((a, b) => a + b, 0n);
    const order = weights
      .map((_, i) => i)
      .sort((a, b) => (rems[a] === rems[b] ? tieBreak(a, b) : rems[a]! > rems[b]! ? -1 : 1));
    for (const i of order) if (left > 0n) (shares[i] = shares[i]! + 1n), (left -= 1n);
    return shares.map(Number);
  }

  it("for pools and weights up to where numbers stop being exact, and past it", () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 400; run++) {
      const big = run % 4 === 0;
      const total = Math.floor(rand() * (big ? 2 ** 52 : 10 ** (1 + Math.floor(rand() * 11))));
      const weights = Array.from({ length: 1 + Math.floor(rand() * 40) }, () =>
        Math.floor(rand() * (big ? 2 ** 40 : 10 ** (1 + Math.floor(rand() * 6)))),
      );
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      expect(apportion(total, weights, byIdThenIndex)).toEqual(reference(total, weights, byIdThenIndex));
    }
  });
});
