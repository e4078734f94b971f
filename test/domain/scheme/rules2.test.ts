/** The checks of a rules-2 scheme (issue 13), and what a scheme stored before may not name. */
import { describe, expect, it } from "vitest";
import { parseScheme, withRules, type SchemeJson } from "../../../src/domain/scheme";

const BASE: SchemeJson = { name: "单项", dimensions: [{ key: "work", name: "工作", weight: 100 }] };
const errors = (json: unknown) => {
  const r = parseScheme(json);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.zh}`);
};

describe("rules 2 scheme checks", () => {
  it("a scheme without `rules` (stored before issue 13) may not use a rules-2 field: it would do nothing", () => {
    expect(errors({ ...BASE, coefficient: "pay" })).toEqual(['coefficient: 此项需要新规则：请同时设置 "rules": 2']);
    expect(errors({ ...BASE, grades: [{ name: "优秀", quota: 5 }] })).toEqual(["grades[0].min: 缺少必填项"]);
    expect(errors({ ...BASE, rules: 2, coefficient: "pay", grades: [{ name: "优秀", quota: 5 }] })).toEqual([]);
  });

  it("a group of weight 0 must come first in an order; an order names the scheme's groups", () => {
    expect(errors({ ...BASE, rules: 2, raters: { peer: 0, leader: 100 } })).toEqual([
      "raters.peer: 权重为 0 的评价主体只能作为先后顺序中的前一步（如先民测、再由领导评分），否则不起任何作用",
    ]);
    expect(errors({ ...BASE, rules: 2, raterSequence: ["peer", "leader"] })).toEqual([
      "raterSequence[0]: 不是本方案的评价主体",
    ]);
  });

  it("a scope names the scheme's groups and top-level dimensions", () => {
    expect(errors({ ...BASE, rules: 2, raterScope: { leader: ["nope"] } })).toEqual([
      "raterScope.leader[0]: 没有一级维度 nope",
      // …and then nobody rates 工作.
      "raters: 评价「工作」的评价主体权重之和须为 100（当前 0）",
    ]);
  });

  it("year reviews leave the quarters a share; percentage quotas add up to at most 100%", () => {
    expect(
      errors({
        ...BASE,
        rules: 2,
        yearReviews: [
          { key: "a", name: "甲", weight: 60 },
          { key: "b", name: "乙", weight: 40 },
        ],
      }),
    ).toEqual(["yearReviews: 年度评价项权重之和须小于 100，四个季度才有份额（当前 100）"]);
    expect(
      errors({
        ...BASE,
        rules: 2,
        grades: [
          { name: "优秀", quota: "60%" },
          { name: "良好", quota: "50%" },
        ],
      }),
    ).toEqual(["grades: 各等次名额比例之和不能超过 100%（当前 110%）"]);
  });

  it("a new scheme is stored with rules 2 unless it names its own", () => {
    expect(withRules(BASE)).toEqual({ rules: 2, ...BASE });
    expect(withRules({ ...BASE, rules: 1 })).toEqual({ ...BASE, rules: 1 });
    expect(withRules("not a scheme")).toBe("not a scheme");
  });
});
