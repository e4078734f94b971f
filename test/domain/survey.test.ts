import { describe, expect, test } from "vitest";
import {
  CODE_ALPHABET,
  CODE_PATTERN,
  codeFromBytes,
  formatCode,
  normaliseCode,
  surveyResult,
} from "../../src/domain/survey";
import { describeVoteProblem, parseVoteSheet } from "../../src/domain/survey-sheet";

describe("the score from vote counts (满意 100, 基本满意 60, 不满意 0)", () => {
  test("hand-worked: 30 / 8 / 2 → (3000 + 480) ÷ 40 = 87.00, 40 answers", () => {
    expect(surveyResult({ good: 30, fair: 8, poor: 2 }, 30)).toEqual({ sample: 40, score: 87, counted: true });
  });

  test("篇9's newspaper poll (24,611 ballots): 20,000 / 3,611 / 1,000 → 2,216,660 ÷ 24,611 = 90.07", () => {
    expect(surveyResult({ good: 20_000, fair: 3_611, poor: 1_000 }, 30)).toEqual({
      sample: 24_611,
      score: 90.07,
      counted: true,
    });
  });

  test("below the minimum the score is kept for reference but does not count", () => {
    expect(surveyResult({ good: 2, fair: 0, poor: 0 }, 3)).toEqual({ sample: 2, score: 100, counted: false });
    expect(surveyResult({ good: 3, fair: 0, poor: 0 }, 3).counted).toBe(true);
    expect(surveyResult({ good: 0, fair: 0, poor: 0 }, 1)).toEqual({ sample: 0, score: null, counted: false });
  });
});

describe("respondent codes", () => {
  test("32 characters that cannot be misread, each byte value mapping evenly", () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[01IO]/);
    expect(codeFromBytes(Uint8Array.from({ length: 10 }, (_, i) => i * 25))).toMatch(CODE_PATTERN);
    const seen = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const ch = codeFromBytes(new Uint8Array(10).fill(b))[0]!;
      seen.set(ch, (seen.get(ch) ?? 0) + 1);
    }
    expect([...seen.values()].every((n) => n === 8)).toBe(true);
    expect(() => codeFromBytes(new Uint8Array(9))).toThrow(RangeError);
  });

  test("typed with a dash, spaces or in lower case, it is the same code", () => {
    expect(normaliseCode(" abcde-23456 ")).toBe("ABCDE23456");
    expect(formatCode("ABCDE23456")).toBe("ABCDE-23456");
  });
});

describe("the vote-totals sheet", () => {
  const head = ["姓名", "维度", "满意", "基本满意", "不满意", "最少样本"];

  test("rows read with their counts and minimum; 「全体」 is the whole group; empty rows skipped", () => {
    const { rows, problems } = parseVoteSheet([
      head,
      ["张三", "服务对象满意度", 30, "8 票", "2", null],
      [],
      ["全体", "公众形象", "120", 30, 6, 50],
    ]);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { row: 2, name: "张三", dimension: "服务对象满意度", counts: { good: 30, fair: 8, poor: 2 }, minSample: 30 },
      { row: 4, name: "全体", dimension: "公众形象", counts: { good: 120, fair: 30, poor: 6 }, minSample: 50 },
    ]);
  });

  test("every problem is named by row and column; a bad row is never half-read", () => {
    const { rows, problems } = parseVoteSheet([
      head,
      ["", "公众形象", 1, 1, 1],
      ["李四", "公众形象", -1, 1.5, "多"],
      ["王五", "公众形象", 1, 1, 1, 0],
      ["王五", "公众形象", 1, 1, 1],
    ]);
    expect(rows).toEqual([]);
    expect(problems.map(describeVoteProblem)).toEqual([
      "第 2 行「姓名」：姓名是空的（整个群写「全体」）",
      "第 3 行「满意」：「-1」不是票数",
      "第 3 行「基本满意」：「1.5」不是票数",
      "第 3 行「不满意」：「多」不是票数",
      "第 4 行「最少样本」：「0」不是正整数",
      "第 5 行「姓名」：与第 4 行重复（同一人同一维度）",
    ]);
  });

  test("a sheet without the columns says which are missing", () => {
    expect(parseVoteSheet([["姓名", "满意"]]).problems.map(describeVoteProblem)).toEqual([
      "第 1 行：表头缺少：维度、基本满意、不满意",
    ]);
    expect(parseVoteSheet([]).problems.map(describeVoteProblem)).toEqual(["第 1 行：表格是空的"]);
  });
});
