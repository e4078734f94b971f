import { describe, expect, it } from "vitest";
import { toCents } from "../../../src/domain/scoring";
import { rankGroups } from "../../../src/domain/scoring/rank";
import { byId, compute, FLAT, flatInputs } from "./helpers";

const item = (id: string, total: number) => ({ id, cents: toCents(total) });

describe("rule 6: rank by total, ties share a rank", () => {
  it("ranks 1, 2, 2, 4", () => {
    const groups = rankGroups([item("a", 90), item("b", 85), item("c", 85), item("d", 80)]);
    expect(groups.map((g) => [g.rank, g.members.map((m) => m.id)])).toEqual([
      [1, ["a"]],
      [2, ["b", "c"]],
      [4, ["d"]],
    ]);
  });

  it("compares on hundredths, so float noise does not split a tie", () => {
    expect(toCents(0.1 + 0.2)).toBe(toCents(0.3));
    expect(toCents(86.44499999999999)).toBe(8645);
    const groups = rankGroups([item("a", 0.1 + 0.2), item("b", 0.3)]);
    expect(groups).toHaveLength(1);
  });

  it("ties totals equal to 0.01 and separates those 0.01 apart", () => {
    // 1.042 × 80.004 = 83.364 and 1.042 × 80.0001 = 83.360 both show as 83.36; 1.042 × 80.01 = 83.37.
    const r = compute(
      FLAT,
      flatInputs([80.004, 80.0001, 80.01], {
        members: [
          { id: "m1", name: "甲", coefficient: 1.042 },
          { id: "m2", name: "乙", coefficient: 1.042 },
          { id: "m3", name: "丙", coefficient: 1.042 },
        ],
      }),
    );
    expect([byId(r, "m1").total, byId(r, "m2").total, byId(r, "m3").total]).toEqual([83.36, 83.36, 83.37]);
    expect([byId(r, "m3").rank, byId(r, "m1").rank, byId(r, "m2").rank]).toEqual([1, 2, 2]);
  });

  it("does not depend on input order", () => {
    const a = rankGroups([item("x", 70), item("y", 70), item("z", 90)]);
    const b = rankGroups([item("z", 90), item("y", 70), item("x", 70)]);
    expect(a).toEqual(b);
  });

  it("ranks everyone first when all totals are equal, including all zero", () => {
    const r = compute(FLAT, {
      members: [
        { id: "m2", name: "乙" },
        { id: "m1", name: "甲" },
      ],
    });
    expect(r.members.map((m) => [m.id, m.rank, m.total])).toEqual([
      ["m1", 1, 0],
      ["m2", 1, 0],
    ]);
  });
});
