import { describe, expect, test } from "vitest";
import { editDistance, splitCommand, squashSpaces, truncate } from "../../src/domain/text";

const names = ["日报", "记录", "report", "我的", "me", "帮助", "help"];

describe("splitCommand", () => {
  test.each([
    ["日报 今天完成了季度报表初稿", "日报", "今天完成了季度报表初稿"],
    ["日报：今天完成了季度报表初稿", "日报", "今天完成了季度报表初稿"],
    ["日报:今天完成了", "日报", "今天完成了"],
    ["  日报　　今天完成了  ", "日报", "今天完成了"],
    ["日报今天完成了", "日报", "今天完成了"],
    ["/report drafted the report", "report", "drafted the report"],
    ["／ｒｅｐｏｒｔ drafted", "report", "drafted"],
    ["REPORT: drafted", "report", "drafted"],
    ["我的", "我的", ""],
    ["/me", "me", ""],
  ])("%s", (input, word, rest) => {
    expect(splitCommand(input, names)).toEqual({ word, rest });
  });

  test("an ASCII name is not matched inside a longer word", () => {
    expect(splitCommand("reporter of the day", names).word).toBe("reporter");
    expect(splitCommand("mega", names).word).toBe("mega");
  });

  test("keeps the user's own full-width punctuation in the rest", () => {
    expect(splitCommand("日报 完成（初稿），待审：明天", names).rest).toBe("完成（初稿），待审：明天");
  });

  test("an unknown word is returned folded, without trailing punctuation", () => {
    expect(splitCommand("排行：本月", names)).toEqual({ word: "排行", rest: "本月" });
  });
});

test("squashSpaces folds ideographic spaces and newlines", () => {
  expect(squashSpaces(" a\u3000\u3000b\n\nc ")).toBe("a b c");
});

test("editDistance counts code points", () => {
  expect(editDistance("日报", "日报")).toBe(0);
  expect(editDistance("日保", "日报")).toBe(1);
  expect(editDistance("repot", "report")).toBe(1);
  expect(editDistance("", "abc")).toBe(3);
});

test("truncate keeps emoji whole", () => {
  expect(truncate("😀😀😀😀", 3)).toBe("😀😀…");
  expect(truncate("短", 3)).toBe("短");
});
