import { describe, expect, it } from "vitest";
import { scoreLeaf, type RatingEntry } from "../../../src/domain/scoring/leaf";
import { byId, compute, SAMPLE } from "./helpers";

const RATERS = { leader: 60, peer: 30, self: 10 };
const groups = (g: Record<string, RatingEntry[]>) => new Map(Object.entries(g));

describe("rule 1: a leaf is the weighted mean of its rater groups' averages", () => {
  it("weights each group's average when every group rated", () => {
    const leaf = scoreLeaf(
      RATERS,
      groups({ leader: [{ score: 88 }], peer: [{ score: 80 }, { score: 90 }], self: [{ score: 100 }] }),
    );
    // 88×60% + 85×30% + 100×10%
    expect(leaf.score).toBeCloseTo(88.3, 10);
    expect(leaf.ratedWeight).toBe(100);
    expect(leaf.groups.map((g) => g.average)).toEqual([88, 85, 100]);
    expect(leaf.unrated).toEqual([]);
  });

  it("leaves out a group that did not rate and renormalises the others (not a zero)", () => {
    const leaf = scoreLeaf(RATERS, groups({ leader: [{ score: 88 }], peer: [{ score: 85 }] }));
    // (88×60 + 85×30) ÷ 90 = 87; counting self as 0 would give 78.3.
    expect(leaf.score).toBeCloseTo(87, 10);
    expect(leaf.ratedWeight).toBe(90);
    expect(leaf.unrated).toEqual(["self"]);
  });

  it("scores a leaf nobody rated 0", () => {
    const leaf = scoreLeaf(RATERS, undefined);
    expect(leaf).toEqual({ score: 0, ratedWeight: 0, groups: [], unrated: ["leader", "peer", "self"] });
  });

  it("does not depend on the order the ratings arrived in", () => {
    const a = scoreLeaf(
      RATERS,
      groups({
        peer: [
          { score: 70.1, by: "b" },
          { score: 90.7, by: "a" },
          { score: 85.3, by: "c" },
        ],
      }),
    );
    const b = scoreLeaf(
      RATERS,
      groups({
        peer: [
          { score: 85.3, by: "c" },
          { score: 70.1, by: "b" },
          { score: 90.7, by: "a" },
        ],
      }),
    );
    expect(a).toEqual(b);
    expect(a.groups[0]?.ratings.map((r) => r.by)).toEqual(["b", "c", "a"]);
  });

  it("lists unrated leaves in the member's missing, in tree order, and counts them as 0", () => {
    const r = compute(SAMPLE, {
      members: [{ id: "m1", name: "张三" }],
      ratings: [{ member: "m1", dimension: "plan", rater: "leader", score: 90 }],
    });
    const m = byId(r, "m1");
    expect(m.missing).toEqual(["village", "quality", "conduct"]);
    // business = 90×70% + 0×30% = 63 → 63 × 40% = 25.2; nothing else.
    expect(m.dimensions.business).toEqual({ score: 63, points: 25.2, bonus: 0, deduction: 0 });
    expect(m.total).toBe(25.2);
    expect(r.warnings.find((w) => w.code === "missing-ratings")?.members).toEqual(["m1"]);
  });
});
