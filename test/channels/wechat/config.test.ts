import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config";
import { stripSelfMention } from "../../../src/channels/wechat/update";

describe("WeChat bridge configuration", () => {
  test("the pace defaults to one message per 3 s, the session to data/", () => {
    const c = loadConfig({});
    expect(c.WECHAT_SEND_INTERVAL_MS).toBe(3000);
    expect(c.WECHATY_NAME).toBe("data/wechat-session");
  });

  test("a faster pace than one a second is refused with the reason", () => {
    expect(() => loadConfig({ WECHAT_SEND_INTERVAL_MS: "200" })).toThrow(ConfigError);
    expect(() => loadConfig({ WECHAT_SEND_INTERVAL_MS: "200" })).toThrow(
      /WECHAT_SEND_INTERVAL_MS must be at least 1000/,
    );
    expect(() => loadConfig({ WECHAT_SEND_INTERVAL_MS: "soon" })).toThrow(/WECHAT_SEND_INTERVAL_MS/);
    expect(loadConfig({ WECHAT_SEND_INTERVAL_MS: "5000" }).WECHAT_SEND_INTERVAL_MS).toBe(5000);
  });
});

describe("the bot's own @mention", () => {
  test("is removed however WeChat separates it; other mentions stay", () => {
    expect(stripSelfMention("@考核助手\u2005日报 写材料", ["考核助手"])).toBe("日报 写材料");
    expect(stripSelfMention("@考核助手 评分 @张三\u2005联村 90", ["考核助手"])).toBe("评分 @张三 联村 90");
    expect(stripSelfMention("日报 提醒@考核助手\u2005看看", ["考核助手"])).toBe("日报 提醒 看看");
    expect(stripSelfMention("没有提到机器人", ["考核助手"])).toBe("没有提到机器人");
  });
});

describe("card text for WeChat", () => {
  test("has no Markdown symbols, even where the card escapes what the user typed", async () => {
    const { unknownCommandCard } = await import("../../../cards/notice");
    const { text } = unknownCommandCard(
      "日 报_a*",
      { name: "日报", example: { zh: "日报 写材料", en: "/report" } },
      "zh",
    );
    expect(text).toContain("没看懂「日 报_a*」");
    expect(text).toContain("你是想用 日报 吗？例如：日报 写材料");
    expect(text).not.toMatch(/\*\*|`|\\/);
  });
});
