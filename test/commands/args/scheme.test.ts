import { describe, expect, test } from "vitest";
import { readSchemeJson, schemeArgs } from "../../../commands/args/scheme";
import { describeJsonError } from "../../../cards/scheme-reply";

describe("方案's arguments", () => {
  test("JSON typed on a phone: curly quotes and full-width colons and commas are straightened before parsing", () => {
    expect(readSchemeJson("{“name”：“x”，“n”：1}")).toEqual({ ok: true, json: { name: "x", n: 1 } });
  });

  test("JSON that is none keeps the straightened text and the parser's error, for the answer to place it", () => {
    const read = readSchemeJson('{"name": "x"');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.text).toBe('{"name": "x"');
    expect(describeJsonError(read.text, read.error, "zh")).toBe("JSON 不完整：括号或引号没有闭合。");
  });

  test("show, templates, use and import; anything else is explained", () => {
    const parse = (s: string) => schemeArgs("zh").safeParse(s);
    expect(parse("").data).toEqual({ kind: "show" });
    expect(parse("模板").data).toEqual({ kind: "templates" });
    expect(parse("使用 单位干部").data).toEqual({ kind: "use", name: "单位干部" });
    expect(parse('导入 {"name":"x"}').data).toEqual({ kind: "import", parsed: { ok: true, json: { name: "x" } } });
    expect(parse('{"name":"x"}').data).toEqual({ kind: "import", parsed: { ok: true, json: { name: "x" } } });
    expect(parse("删除").error?.issues[0]?.message).toBe("可以发：方案、方案 模板、方案 使用 模板名、方案 导入 {JSON}");
  });
});
