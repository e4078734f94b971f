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
    const higher = splitPool(2, [{ id: "a", cents: 100 }, { id: "b", cents: 300 }]).byMember;
    expect([higher.get("a")?.fen, higher.get("b")?.fen]).toEqual([0, 2]);
  });

  it("stays exact past 2^53 in the intermediate products", () => {
    const shares = apportion(10_000_000_000_000, [999_999, 1, 3], byIdThenIndex);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(10_000_000_000_000);
    expect(shares[1]).toBe(9_999_970);
  });

  it("splits equally, with a warning, when every total is 0", () => {
    const r = compute(FLAT, { pool: 1, members: [{ id: "m1", name: "甲" }, { id: "m2", name: "乙" }, { id: "m3", name: "丙" }] });
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
