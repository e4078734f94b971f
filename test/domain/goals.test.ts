import { describe, expect, test } from "vitest";
import {
  completionLine,
  completionRate,
  goalTags,
  monthsOfGoalPeriod,
  parseGoalText,
  resolveGoalPeriod,
} from "../../src/domain/goals";

describe("targets (目标)", () => {
  test("the planned value and its unit come from the first number", () => {
    expect(parseGoalText("完成12个项目")).toEqual({
      title: "完成12个项目",
      planned: 12,
      unit: "个项目",
      direction: "at_least",
    });
    expect(parseGoalText("累计投入23459万元")).toEqual({
      title: "累计投入23459万元",
      planned: 23459,
      unit: "万元",
      direction: "at_least",
    });
    expect(parseGoalText("隐患整改率100%")).toEqual({
      title: "隐患整改率100%",
      planned: 100,
      unit: "%",
      direction: "at_least",
    });
    expect(parseGoalText("新增学位 1945 个，年底前")).toEqual({
      title: "新增学位 1945 个，年底前",
      planned: 1945,
      unit: "个",
      direction: "at_least",
    });
  });

  test("篇13 line 281: a limit to stay under, which may be 0", () => {
    expect(parseGoalText("安全生产事故不超过2起")).toEqual({
      title: "安全生产事故不超过2起",
      planned: 2,
      unit: "起",
      direction: "at_most",
    });
    expect(parseGoalText("投诉控制在3件以内")).toMatchObject({ planned: 3, unit: "件", direction: "at_most" });
    expect(parseGoalText("生产安全事故不超过0起")).toMatchObject({ planned: 0, direction: "at_most" });
  });

  test("no number, zero or an absurd plan is refused", () => {
    expect(parseGoalText("把工作做好")).toBeNull();
    expect(parseGoalText("完成0个项目")).toBeNull();
    expect(parseGoalText("完成9999999999999个")).toBeNull();
  });

  test("completion rate as the source material writes it", () => {
    // 累计完成投入24942万元，完成计划投入的106.32% (篇14): planned 23459.
    expect(completionRate(24942, 23459)).toBe(106.32);
    expect(completionRate(9, 12)).toBe(75);
    expect(completionRate(0, 12)).toBe(0);
    expect(completionLine(24942, 23459, "万元")).toBe("已完成 24942 万元，完成计划的 106.32%");
    expect(completionLine(9, 12, "个项目")).toBe("已完成 9 个项目，完成计划的 75.00%");
  });

  test("tags in records and claims", () => {
    expect(goalTags("完成A项目验收 #目标3")).toEqual([{ seq: 3, amount: 1 }]);
    expect(goalTags("完成两个项目 #目标3 +2，另 ＃目标4＋0.5")).toEqual([
      { seq: 3, amount: 2 },
      { seq: 4, amount: 0.5 },
    ]);
    expect(goalTags("#目标3 +0")).toEqual([]);
    expect(goalTags("目标3 没有井号，不算")).toEqual([]);
  });

  test("periods: words, quarters, years, months", () => {
    expect(resolveGoalPeriod("本季", "2026-11")).toBe("2026-Q4");
    expect(resolveGoalPeriod("本月", "2026-11")).toBe("2026-11");
    expect(resolveGoalPeriod("全年", "2026-11")).toBe("2026");
    expect(resolveGoalPeriod("2027-Q1", "2026-11")).toBe("2027-Q1");
    expect(resolveGoalPeriod("2026-3", "2026-11")).toBe("2026-03");
    expect(resolveGoalPeriod("2026", "2026-11")).toBe("2026");
    expect(resolveGoalPeriod("业务", "2026-11")).toBeNull();
    expect(resolveGoalPeriod("2026-13", "2026-11")).toBeNull();
    expect(resolveGoalPeriod("2026年第四季度", "2026-11")).toBe("2026-Q4");
    expect(resolveGoalPeriod("20263", "2026-11")).toBeNull();
    expect(monthsOfGoalPeriod("2026-Q4")).toEqual(["2026-10", "2026-11", "2026-12"]);
    expect(monthsOfGoalPeriod("2026")).toHaveLength(12);
    expect(monthsOfGoalPeriod("2026-11")).toEqual(["2026-11"]);
  });
});
