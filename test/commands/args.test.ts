import { describe, expect, test } from "vitest";
import { bonusCommand, deductCommand } from "../../commands/adjust";
import { matchAwardLevel } from "../../src/app/awards";
import { monthArg, resolveMonth } from "../../commands/month-arg";
import { rateCommand } from "../../commands/rate";
import { splitTargets } from "../../src/app/targets";

const parse = <T>(
  cmd: {
    args: (l: "zh" | "en") => {
      safeParse(s: string): { success: boolean; data?: T; error?: { issues: { message: string }[] } };
    };
  },
  text: string,
  lang: "zh" | "en" = "zh",
) => cmd.args(lang).safeParse(text);

describe("command arguments", () => {
  test("评分 reads who, what, the score and an optional comment", () => {
    expect(parse(rateCommand, "@张三 业务 90 报表及时").data).toEqual({
      who: "张三",
      item: "业务",
      score: 90,
      comment: "报表及时",
    });
    expect(parse(rateCommand, "@张三 业务90").data).toEqual({
      who: "张三",
      item: "业务",
      score: 90,
      comment: undefined,
    });
    expect(parse(rateCommand, "张三 业务 85.5").data).toMatchObject({ who: "张三", score: 85.5 });
    expect(parse(rateCommand, "@张三 业务 120").error?.issues[0]?.message).toContain("0–100");
    expect(parse(rateCommand, "@张三 业务 优秀").error?.issues[0]?.message).toContain("「优秀」");
    expect(parse(rateCommand, "@张三").error?.issues[0]?.message).toContain("评分 @某人 维度 分数");
    expect(parse(rateCommand, "@张三", "en").error?.issues[0]?.message).toContain("/rate @person");
  });

  test("加分/扣分 need points in range and a specific reason", () => {
    expect(parse(bonusCommand, "@张三 联村 2 牵头完成秋收调度").data).toEqual({
      who: ["张三"],
      item: "联村",
      points: 2,
      reason: "牵头完成秋收调度",
    });
    expect(parse(deductCommand, "@张三 作风 1 例会缺席").data).toMatchObject({ points: -1 });
    expect(parse(deductCommand, "@张三 作风 1 酌情扣分").error?.issues[0]?.message).toContain("过于笼统");
    expect(parse(deductCommand, "@张三 作风 1").error?.issues[0]?.message).toContain("必须写明原因");
    expect(parse(bonusCommand, "@张三 联村 -2 倒扣").error?.issues[0]?.message).toContain("正数");
    expect(parse(bonusCommand, "@张三 联村 50 手滑").error?.issues[0]?.message).toContain("0–20");
  });

  test("award levels match the way people say them", () => {
    const levels = ["national", "provincial", "city", "county"];
    expect(matchAwardLevel(levels, "市级")).toBe("city");
    expect(matchAwardLevel(levels, "市")).toBe("city");
    expect(matchAwardLevel(levels, "国家级")).toBe("national");
    expect(matchAwardLevel(levels, "national")).toBe("national");
    expect(matchAwardLevel(levels, "乡级")).toBeUndefined();
  });

  test("months: this, last, 10月 (the latest October), ISO", () => {
    const m = (s: string) => resolveMonth(monthArg("zh").parse(s), "2026-02");
    expect(m("")).toBe("2026-02");
    expect(m("上月")).toBe("2026-01");
    expect(m("10月")).toBe("2025-10");
    expect(m("2月")).toBe("2026-02");
    expect(m("2025-7")).toBe("2025-07");
    expect(monthArg("zh").safeParse("13月").success).toBe(false);
  });

  test("targets are the leading @names", () => {
    expect(splitTargets("@张三 @李四 业务 90")).toEqual({ names: ["张三", "李四"], words: ["业务", "90"] });
    expect(splitTargets("＠张三 业务")).toEqual({ names: ["张三"], words: ["业务"] });
    expect(splitTargets("业务 90")).toEqual({ names: [], words: ["业务", "90"] });
  });
});
