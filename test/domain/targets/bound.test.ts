import { describe, expect, it } from "vitest";
import { parseScheme } from "../../../src/domain/scheme";
import { boundLeaves, boundLeafScores, type BoundGoal } from "../../../src/domain/targets/bound";

const scheme = {
  dimensions: [
    {
      key: "business",
      name: "业务",
      weight: 60,
      children: [
        { key: "projects", name: "项目建设", weight: 50, source: "target" as const },
        { key: "quality", name: "工作质量", weight: 50 },
      ],
    },
    { key: "safety", name: "安全生产", weight: 40, source: "target" as const, curve: { overStep: 25 } },
  ],
};

const goal = (g: Partial<BoundGoal>): BoundGoal => ({
  seq: 1,
  memberId: null,
  dimension: "projects",
  direction: "at_least",
  planned: 12,
  done: 0,
  elapsed: 3,
  months: 3,
  ...g,
});

describe("bound leaves", () => {
  it("finds the leaves bound to targets, their curves and their points in the total", () => {
    expect(boundLeaves(scheme)).toEqual([
      { key: "projects", curve: { floor: 60, bonusPerPct: 1, bonusCapPct: 20, overStep: 20 }, points: 30 },
      { key: "safety", curve: { floor: 60, bonusPerPct: 1, bonusCapPct: 20, overStep: 25 }, points: 40 },
    ]);
  });

  it("a person's own targets and the group's apply; others' do not; no target, no entry (rated instead)", () => {
    const goals = [
      goal({ seq: 1, memberId: "m_li", done: 5, elapsed: 1 }), // 5 of 4 due: 125% → 100, bonus 20%
      goal({ seq: 2, memberId: "m_li", planned: 10, done: 7 }), // 70% → 70
      goal({ seq: 3, dimension: "safety", direction: "at_most", planned: 2, done: 3 }), // 1 over → 75
    ];
    const scores = boundLeafScores(scheme, goals, ["m_li", "m_zhang"]);
    // 李四 項目建设: mean of 100 and 70 = 85; bonus mean of 20% and 0 = 10% of 30 points = 3.
    expect(scores.get("m_li")!.map((b) => [b.leaf, b.score, b.bonusPct, b.bonusPoints])).toEqual([
      ["projects", 85, 10, 3],
      ["safety", 75, 0, 0],
    ]);
    expect(scores.get("m_li")![0]!.goals.map((g) => [g.seq, g.due, g.point.rate])).toEqual([
      [1, 4, 125],
      [2, 10, 70],
    ]);
    // 张三 has only the group's safety target.
    expect(scores.get("m_zhang")!.map((b) => [b.leaf, b.score])).toEqual([["safety", 75]]);
    // Someone else's target alone gives 王五 nothing: his 项目建设 is rated.
    expect(boundLeafScores(scheme, [goals[0]!], ["m_wang"]).get("m_wang")).toBeUndefined();
    expect(boundLeafScores({ dimensions: [{ key: "a", name: "甲", weight: 100 }] }, goals, ["m_li"]).size).toBe(0);
  });
});

describe("the scheme binds only leaves, with a curve within the 20% cap", () => {
  const base = (dims: unknown[]) => ({ name: "目标方案", dimensions: dims });
  it("accepts a bound leaf with a curve", () => {
    expect(parseScheme(base(scheme.dimensions)).ok).toBe(true);
  });
  it("refuses a curve on an unbound leaf, a bound parent, and a bonus cap over 20%", () => {
    const r1 = parseScheme(base([{ key: "a", name: "甲", weight: 100, curve: { floor: 50 } }]));
    expect(!r1.ok && r1.errors.map((e) => e.path)).toEqual(["dimensions[0].curve"]);
    const r2 = parseScheme(
      base([
        { key: "a", name: "甲", weight: 100, source: "target", children: [{ key: "b", name: "乙", weight: 100 }] },
      ]),
    );
    expect(!r2.ok && r2.errors.map((e) => e.path)).toEqual(["dimensions[0].source"]);
    const r3 = parseScheme(base([{ key: "a", name: "甲", weight: 100, source: "target", curve: { bonusCapPct: 30 } }]));
    expect(r3.ok).toBe(false);
  });
});
