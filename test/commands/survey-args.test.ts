import { describe, expect, test } from "vitest";
import { surveyCommand } from "../../commands/survey";

const parse = (text: string) => surveyCommand.args("zh").safeParse(text);

describe("问卷's arguments", () => {
  test("open: the dimension, a person anywhere, the number of codes and the minimum", () => {
    expect(parse("开 服务对象 @李四 份数 50 最少 20").data).toEqual({
      kind: "open",
      name: "李四",
      dimension: "服务对象",
      codes: 50,
      minSample: 20,
    });
    expect(parse("开 公众形象").data).toEqual({
      kind: "open",
      name: null,
      dimension: "公众形象",
      codes: 100,
      minSample: 30,
    });
  });

  test("fewer codes than the default minimum: every code must answer unless the leader says otherwise", () => {
    expect(parse("开 公众形象 12份").data).toMatchObject({ codes: 12, minSample: 12 });
    expect(parse("开 公众形象 12份 最少 8").data).toMatchObject({ codes: 12, minSample: 8 });
  });

  test("close, codes and the list; anything else is explained", () => {
    expect(parse("结束 3").data).toEqual({ kind: "close", seq: 3 });
    expect(parse("答题码 3").data).toEqual({ kind: "codes", seq: 3 });
    expect(parse("").data).toEqual({ kind: "list" });
    expect(parse("开 公众形象 @张三 @李四").error?.issues[0]?.message).toBe("一份问卷只评一个人（或不写人，评整个群）");
    expect(parse("删除 3").error?.issues[0]?.message).toContain("看不懂「删除 3」");
  });
});
