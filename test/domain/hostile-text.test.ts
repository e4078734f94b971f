import { describe, expect, test } from "vitest";
import { commands, fallbackCommand } from "../../commands";
import { readDate } from "../../commands/date-arg";
import { createRouter } from "../../src/bot/router";
import { resolveMentions } from "../../src/channels/lark/events";
import { calendarDay, isIsoDate } from "../../src/domain/dates";
import { classifyChatter, COMMAND_HEAD_CHARS, excerpt, stripControls } from "../../src/domain/text";
import { larkOpenId } from "../support/ids";

describe("dates people type", () => {
  test("isIsoDate never throws on impossible dates", () => {
    for (const s of ["2026-13-45", "9999-99-99", "2026-00-00", "2026-12-32", "0000-00-00"])
      expect(isIsoDate(s)).toBe(false);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
  });

  test("calendarDay says which part is wrong", () => {
    expect(calendarDay(2026, 13, 45)).toEqual({ kind: "no-month", month: 13 });
    expect(calendarDay(2026, 11, 31)).toEqual({ kind: "no-day", year: 2026, month: 11, day: 31, days: 30 });
    expect(calendarDay(2100, 2, 29)).toEqual({ kind: "no-year", year: 2100 });
    expect(calendarDay(2000, 2, 29)).toEqual({ kind: "date", date: "2000-02-29" });
  });

  test("readDate: a short date takes the latest year not after the bound", () => {
    expect(readDate("12-30", "2027-01-04")).toEqual({ kind: "date", date: "2026-12-30" });
    expect(readDate("02-29", "2027-01-04")).toEqual({ kind: "no-day", year: 2026, month: 2, day: 29, days: 28 });
    expect(readDate("02-29", "2028-03-01")).toEqual({ kind: "date", date: "2028-02-29" });
    expect(readDate("2026年11月20日", "2026-11-27")).toEqual({ kind: "date", date: "2026-11-20" });
    expect(readDate("明天", "2026-11-27")).toEqual({ kind: "unreadable" });
    expect(readDate("00-00", "2026-11-27")).toEqual({ kind: "no-month", month: 0 });
  });
});

describe("text quoted back and taken in", () => {
  test("excerpt keeps twenty characters of one line", () => {
    expect(excerpt("10月")).toBe("10月");
    expect(excerpt("长".repeat(60_000))).toBe(`${"长".repeat(20)}…`);
    expect(excerpt("第一行\n\n第二行")).toBe("第一行 第二行");
    expect(excerpt("😀".repeat(30))).toBe(`${"😀".repeat(20)}…`);
  });

  test("stripControls drops NUL, other controls, bidi overrides and lone surrogates; keeps tabs, newlines and emoji", () => {
    expect(stripControls("整理\u0000档案")).toBe("整理档案");
    expect(stripControls("a\u0007\u001b\u007f\u0085b")).toBe("ab");
    expect(stripControls("倒\u202e序\u2066")).toBe("倒序");
    expect(stripControls("孤\ud800立")).toBe("孤立");
    expect(stripControls("一\t二\n三\r\n")).toBe("一\t二\n三\r\n");
    expect(stripControls("👨‍👩‍👧‍👦🏳️‍🌈")).toBe("👨‍👩‍👧‍👦🏳️‍🌈");
  });

  test("classifyChatter: greetings, work, and neither", () => {
    for (const s of ["你好", "您好！", "大家好", "hello", "Hi!", "谢谢", "收到", "在吗？", "早上好☀️"])
      expect(classifyChatter(s), s).toBe("greeting");
    for (const s of ["今天整理了档案", "上午参加了全市档案工作会议", "drafted the quarterly report"])
      expect(classifyChatter(s), s).toBe("record");
    for (const s of ["排名什么时候出来？", "这个怎么用吗", "好", "…", "123"])
      expect(classifyChatter(s), s).not.toBe("record");
  });
});

describe("routing reads a bounded head", () => {
  const route = createRouter(commands, fallbackCommand);

  test("a long unknown word is cut before it is compared with every command", () => {
    const match = route("日".repeat(29_000), "group");
    expect(match.kind).toBe("unknown");
    if (match.kind === "unknown") expect([...match.word].length).toBeLessThanOrEqual(COMMAND_HEAD_CHARS);
  });

  test("past the message cap nothing is parsed", () => {
    expect(route("日报 " + "长".repeat(100_000), "p2p")).toMatchObject({ kind: "tooLong", chars: 100_003 });
  });

  test("a command word at the head still matches, whatever follows", () => {
    expect(route(`日报 ${"长".repeat(10_000)}`, "group")).toMatchObject({ kind: "command", command: { name: "日报" } });
  });
});

describe("mentions are replaced as whole tokens", () => {
  const bot = larkOpenId("bot");
  const people = Array.from({ length: 20 }, (_, i) => ({
    key: `@_user_${i + 2}`,
    id: { open_id: larkOpenId(`member-${i + 1}`) },
    name: `成员${i + 1}`,
  }));
  const all = [{ key: "@_user_1", id: { open_id: bot }, name: "绩效考核机器人" }, ...people];

  test("@_user_1 is not found inside @_user_10 … @_user_21", () => {
    const text = `@_user_1 加分 ${people.map((p) => p.key).join(" ")} 业务 1 联合完成专项检查`;
    const { text: out, people: found } = resolveMentions(text, all, bot);
    expect(out).toBe(`加分 ${people.map((p) => `@${p.name}`).join(" ")} 业务 1 联合完成专项检查`);
    expect(found).toHaveLength(20);
  });

  test("a name that looks like a placeholder or a replacement pattern is inserted as written", () => {
    const odd = [
      { key: "@_user_1", id: { open_id: larkOpenId("odd-name") }, name: "@_user_2 $&" },
      { key: "@_user_2", id: { open_id: larkOpenId("wang") }, name: "王五" },
    ];
    expect(resolveMentions("@_user_1 和 @_user_2", odd).text).toBe("@@_user_2 $& 和 @王五");
  });
});

describe("argument limits without their own words", () => {
  test("a bare .max() or .min() speaks the user's language, never zod's English", async () => {
    const { z } = await import("zod");
    const { argumentIssueMessage } = await import("../../src/bot/arg-messages");
    const schema = z.string().trim().min(1).max(10);
    expect(schema.safeParse("长".repeat(11), { error: argumentIssueMessage("zh") }).error?.issues[0]?.message).toBe(
      "太长了：最多 10 字，请精简后再发。",
    );
    expect(schema.safeParse("  ", { error: argumentIssueMessage("zh") }).error?.issues[0]?.message).toBe(
      "内容不能为空。",
    );
    expect(schema.safeParse("a".repeat(11), { error: argumentIssueMessage("en") }).error?.issues[0]?.message).toBe(
      "Too long: at most 10 characters.",
    );
    expect(z.number().safeParse("x", { error: argumentIssueMessage("zh") }).error?.issues[0]?.message).toBe(
      "格式不对。",
    );
  });
});
