import { describe, expect, it } from "vitest";
import { applyAdjustments } from "../../../src/domain/scoring/dimension";
import { byId, compute, SAMPLE } from "./helpers";

const adj = (points: number, reason = "具体事实") => ({ points, reason, target: "x" });
const CAPPED = { weight: 40, bonusCapPct: 20 };

describe("rule 2: a parent is the weighted sum of its children", () => {
  it("单位业务 = 计划完成 88×70% + 质量 90×30% = 88.6 → 35.44 points", () => {
    const r = compute(SAMPLE, {
      members: [{ id: "m1", name: "张三" }],
      ratings: [
        { member: "m1", dimension: "plan", rater: "leader", score: 88 },
        { member: "m1", dimension: "quality", rater: "leader", score: 90 },
      ],
    });
    expect(byId(r, "m1").dimensions.business).toEqual({ score: 88.6, points: 35.44, bonus: 0, deduction: 0 });
  });

  it("nests to any depth", () => {
    const r = compute(
      {
        name: "三级指标",
        dimensions: [
          {
            key: "duty",
            name: "职责",
            weight: 100,
            children: [
              {
                key: "a",
                name: "甲",
                weight: 50,
                children: [
                  { key: "a1", name: "甲一", weight: 25 },
                  { key: "a2", name: "甲二", weight: 75 },
                ],
              },
              { key: "b", name: "乙", weight: 50 },
            ],
          },
        ],
      },
      {
        members: [{ id: "m1", name: "张三" }],
        ratings: [
          { member: "m1", dimension: "a1", rater: "leader", score: 60 },
          { member: "m1", dimension: "a2", rater: "leader", score: 100 },
          { member: "m1", dimension: "b", rater: "leader", score: 80 },
        ],
      },
    );
    // 甲 = 60×25% + 100×75% = 90; 职责 = 90×50% + 80×50% = 85.
    expect(byId(r, "m1").total).toBe(85);
  });
});

describe("rule 3: points, the bonus cap and the floor at 0", () => {
  it("caps bonus at bonusCapPct of the weight: 20% of 40 is 8 points (DOMAIN §2)", () => {
    const p = applyAdjustments(75, CAPPED, [adj(5), adj(6)]);
    expect(p).toMatchObject({ base: 30, bonusRequested: 11, bonusCap: 8, bonus: 8, points: 38 });
  });

  it("does not cap where the scheme sets no cap", () => {
    const p = applyAdjustments(75, { weight: 40 }, [adj(15)]);
    expect(p).toMatchObject({ bonusCap: null, bonus: 15, points: 45 });
  });

  it("caps the bonus before deducting, so a deduction makes no room for more bonus", () => {
    const p = applyAdjustments(75, CAPPED, [adj(10), adj(-5)]);
    expect(p.points).toBe(33); // 30 + 8 − 5, not 30 + 10 − 5
    expect(p).toMatchObject({ bonus: 8, deduction: 5 });
  });

  it("never goes below 0 points, and reports the deduction actually applied", () => {
    const p = applyAdjustments(25, CAPPED, [adj(-4, "台账缺失"), adj(-11, "安全事故")]);
    expect(p).toMatchObject({ base: 10, deductionRequested: 15, deduction: 10, points: 0 });
    expect(p.adjustments.map((a) => a.points)).toEqual([-11, -4]);
  });

  it("applies an adjustment on a nested key to its top-level ancestor", () => {
    const r = compute(SAMPLE, {
      members: [{ id: "m1", name: "张三" }],
      ratings: [
        { member: "m1", dimension: "plan", rater: "leader", score: 80 },
        { member: "m1", dimension: "quality", rater: "leader", score: 80 },
      ],
      adjustments: [
        { member: "m1", dimension: "quality", points: 3, reason: "质量抽查第一" },
        { member: "m1", dimension: "business", points: -1, reason: "报表迟交一天" },
      ],
    });
    const m = byId(r, "m1");
    expect(m.dimensions.business).toEqual({ score: 80, points: 34, bonus: 3, deduction: 1 });
    expect(m.derivation.dimensions[1]?.adjustments.map((a) => a.target)).toEqual(["business", "quality"]);
  });
});
