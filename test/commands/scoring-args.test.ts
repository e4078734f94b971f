import { describe, expect, test } from "vitest";
import { bonusCommand, deductCommand } from "../../commands/adjust";
import { awardCommand } from "../../commands/award";
import { rateCommand } from "../../commands/rate";
import { describeJsonError } from "../../cards/scheme-reply";

type Parsed = { success: boolean; data?: unknown; error?: { issues: { message: string }[] } };
const parse = (
  cmd: { args: (l: "zh" | "en") => { safeParse(s: string): Parsed } },
  text: string,
  lang: "zh" | "en" = "zh",
) => cmd.args(lang).safeParse(text);
const message = (p: Parsed) => p.error?.issues[0]?.message;

describe("several people at once", () => {
  test("加分 and 扣分 take every leading @name; a typed name is one person", () => {
    expect(parse(bonusCommand, "@张三 @李四 联村 2 共同牵头秋收调度").data).toEqual({
      who: ["张三", "李四"],
      item: "联村",
      points: 2,
      reason: "共同牵头秋收调度",
    });
    expect(parse(deductCommand, "张三 作风 1 例会无故缺席").data).toEqual({
      who: ["张三"],
      item: "作风",
      points: -1,
      reason: "例会无故缺席",
    });
  });

  test("more than 20 people is refused", () => {
    const many = Array.from({ length: 21 }, (_, i) => `@人${i}`).join(" ");
    expect(message(parse(bonusCommand, `${many} 联村 1 集体获奖`))).toContain("一次最多 20 人");
    expect(message(parse(awardCommand, `${many} 县级 获评县级先进集体`))).toContain("一次最多 20 人");
  });

  test("奖励 takes a team; a vague reason is refused and says why", () => {
    expect(parse(awardCommand, "@张三 @李四 县级 获评县级先进集体").data).toEqual({
      who: ["张三", "李四"],
      level: "县级",
      reason: "获评县级先进集体",
    });
    expect(message(parse(awardCommand, "@张三 市级 其他"))).toContain("过于笼统");
    expect(message(parse(awardCommand, "@张三 市级"))).toContain("奖励 @某人 级别 获奖事由");
  });

  test("评分 is one person at a time", () => {
    expect(message(parse(rateCommand, "@张三 @李四 业务 90"))).toBe("评分一次只能给一个人，请分开发送。");
    expect(message(parse(rateCommand, "@张三 @李四 业务 90", "en"))).toBe("Rate one person at a time.");
  });
});

describe("broken JSON explained", () => {
  const fail = (json: string) => {
    try {
      JSON.parse(json);
    } catch (e) {
      return e;
    }
    throw new Error("parsed");
  };

  test("where it went wrong, counted in characters, with the text around it", () => {
    const json = '{"name": "镇干部", dimensions: []}';
    const text = describeJsonError(json, fail(json), "zh");
    expect(text).toMatch(/^第 17 个字符附近有误：「.*dimensions.*」/u);
    expect(text).toContain("英文双引号");
  });

  test("cut short", () => {
    expect(describeJsonError('{"name": "x"', fail('{"name": "x"'), "zh")).toBe("JSON 不完整：括号或引号没有闭合。");
    expect(describeJsonError('{"name": "x"', fail('{"name": "x"'), "en")).toContain("ends too early");
  });

  test("an engine message without a position still gets a useful answer", () => {
    expect(describeJsonError("x", new Error("Unexpected token 'x'"), "zh")).toBe(
      '无法解析这段 JSON。名称要用英文双引号（"name"），最后一项后面不要加逗号。',
    );
  });
});
