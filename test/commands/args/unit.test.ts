import { describe, expect, it } from "vitest";
import { parseUnitRate } from "../../../commands/args/unit";

/**
 * 单位评分's score is the item's score on the 百分制 (篇5 第94行 「均实行百分制考核」). The seeds cap a unit's 加分 at
 * 20% of the item and its 附加分 at 3 (篇5 第95行), but a unit scheme has no 加分/扣分 items: a signed figure typed
 * as if it were one must not be stored as the item's score (「+3」 was read as a score of 3).
 */
const problem = (text: string) => {
  const r = parseUnitRate(text, "zh");
  return "problem" in r ? r.problem : null;
};

describe("单位评分 arguments: the score's range, clearly", () => {
  it("a plain score 0–100 is taken, to the hundredth, with 分 or not", () => {
    expect(parseUnitRate("经济发展 90", "zh")).toMatchObject({ item: "经济发展", score: 90 });
    expect(parseUnitRate("经济发展 87.5分 上月", "zh")).toMatchObject({ score: 87.5, month: { kind: "previous" } });
    expect(parseUnitRate("经济发展 0", "zh")).toMatchObject({ score: 0 });
    expect(parseUnitRate("经济发展 100", "zh")).toMatchObject({ score: 100 });
    expect(parseUnitRate("经济发展 88.456", "zh")).toMatchObject({ score: 88.46 });
  });

  it("a signed figure is a 加分/扣分, which a unit scheme has not: refused, not read as a score", () => {
    for (const text of ["经济发展 +3", "经济发展 -2", "经济发展 ＋3", "经济发展 加3"])
      expect(problem(text), text).toMatch(/单位评分是该项的得分（0–100），不是加分或扣分/u);
    expect(problem("加分 经济发展 3")).toMatch(/单位方案没有加分、扣分项/u);
    expect(problem("扣分 经济发展 3")).toMatch(/单位方案没有加分、扣分项/u);
  });

  it("out of range or not a number says the range and what was typed", () => {
    expect(problem("经济发展 120")).toBe("分数须是 0–100 之间的数，「120」不是");
    expect(problem("经济发展 很好")).toBe("分数须是 0–100 之间的数，「很好」不是");
    // Read by JavaScript's Number these are 90 and 100; nobody means them as scores.
    expect(problem("经济发展 0x5a")).toBe("分数须是 0–100 之间的数，「0x5a」不是");
    expect(problem("经济发展 1e2")).toBe("分数须是 0–100 之间的数，「1e2」不是");
  });
});
