import { describe, expect, test } from "vitest";
import { importProblemText, surveyLine } from "../../cards/survey-lines";
import type { SurveyStatus } from "../../src/app/surveys";

const base: SurveyStatus = {
  seq: 1,
  rater: "survey:sur_1",
  month: "2026-11",
  dimensionName: "公众形象",
  state: "counted",
  sample: 4,
  minSample: 3,
  score: 65,
};

describe("the line beside a dimension's score", () => {
  test("counted: the score with its sample; a quarter's card names the month", () => {
    expect(surveyLine(base)).toBe("公众形象：群众评价 65.00 分（样本 4 份）");
    expect(surveyLine(base, true)).toBe("11月 公众形象：群众评价 65.00 分（样本 4 份）");
  });

  test("below the minimum: marked, and said not to count", () => {
    expect(surveyLine({ ...base, state: "short", sample: 2, minSample: 30, score: 100 })).toBe(
      "公众形象：群众评价样本不足（2/30 份），未计入得分",
    );
  });

  test("running, unfinished, or with no 群众 rater group in the scheme", () => {
    expect(surveyLine({ ...base, state: "open", sample: 12, minSample: 30 })).toBe(
      "公众形象：群众评价进行中（问卷1，已收 12 份，至少 30 份），结束后计入",
    );
    expect(surveyLine({ ...base, state: "pending" })).toBe(
      "公众形象：问卷1 已结束、结果未算完，请负责人再发「问卷 结束 1」",
    );
    expect(surveyLine({ ...base, state: "unscored" })).toContain("现行方案没有群众评价主体，未计入");
  });

  test("a tally row that cannot be imported names its row and column", () => {
    const at = { row: 3, name: "王五", dimension: "卫生" };
    expect(importProblemText({ ...at, code: "unknown-person" })).toBe("第 3 行「姓名」：本群没有「王五」");
    expect(importProblemText({ ...at, code: "namesakes", count: 2 })).toBe(
      "第 3 行「姓名」：本群有 2 位「王五」，无法区分",
    );
    expect(importProblemText({ ...at, code: "unknown-dimension" })).toBe("第 3 行「维度」：方案里没有「卫生」这个维度");
  });
});
