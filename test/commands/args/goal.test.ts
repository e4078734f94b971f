import { describe, expect, it } from "vitest";
import { parseGoalArgs, readDeadline } from "../../../commands/args/goal";

describe("目标 arguments", () => {
  it("nothing views, a period views that period, 取消 N cancels", () => {
    expect(parseGoalArgs("")).toEqual({ kind: "view" });
    expect(parseGoalArgs("2026-Q4")).toEqual({ kind: "view", period: "2026-Q4" });
    expect(parseGoalArgs("取消 3")).toEqual({ kind: "cancel", seq: 3 });
  });

  it("篇8 line 165: owner, deadline (完成时效) and standard (考核标准) anywhere after the names", () => {
    expect(parseGoalArgs("@张三 安全 事故不超过2起 本年 截止2026-12-31 标准 每起扣20分")).toEqual({
      kind: "set",
      names: ["张三"],
      words: ["安全", "事故不超过2起", "本年"],
      deadline: "2026-12-31",
      standard: "每起扣20分",
    });
    expect(parseGoalArgs("业务 完成12个项目 2026年6月30日前")).toMatchObject({
      deadline: "2026-06-30",
      standard: null,
    });
  });

  it("a day that does not exist is refused, not read as part of the target", () => {
    expect(readDeadline("截止2026-02-30")).toBe("bad");
    expect(parseGoalArgs("业务 完成12个项目 截止2026-02-30")).toEqual({
      problem: "bad-deadline",
      word: "截止2026-02-30",
    });
    expect(readDeadline("完成12个项目")).toBeNull();
  });

  it("names alone, or a standard alone, is no target", () => {
    expect(parseGoalArgs("@张三")).toEqual({ problem: "empty" });
    expect(parseGoalArgs("标准 从严")).toEqual({ problem: "empty" });
  });
});
