import { describe, expect, test } from "vitest";
import { fitsLark } from "../../cards/kit";
import { surveyImportedCard, surveyListCard, surveyOpenedCard } from "../../cards/survey";
import { surveyResult } from "../../src/domain/survey";

/** A long title: a 50-character group name and a 40-character dimension name, the longest allowed. */
const title = `${"城".repeat(50)} · ${"满".repeat(40)}`;

describe("survey cards stay within Lark's limits", () => {
  test("a tally of 500 rows: the card lists 60 and counts the rest", () => {
    const rendered = surveyImportedCard({
      fileName: "测评票数.xlsx",
      rows: Array.from({ length: 500 }, (_, i) => ({
        line: `问卷${i + 1} ${title}（2026-11）：得分 **87.00**（样本 40 份）。`,
      })),
    });
    expect(fitsLark(rendered.card)).toBe(true);
    expect(rendered.text).toContain("……还有 440 份，见「导出」的群众评价表");
  });

  test("a month of 500 surveys in 问卷", () => {
    const counts = { good: 30, fair: 8, poor: 2 };
    const rows = Array.from({ length: 500 }, (_, i) => ({
      seq: i + 1,
      title,
      source: "import" as const,
      status: "closed" as const,
      counts,
      result: surveyResult(counts, 30),
      minSample: 30,
    }));
    expect(fitsLark(surveyListCard({ month: "2026-11", rows }).card)).toBe(true);
  });

  test("the opened card carries the page and the poster as buttons that open them", () => {
    const url = `https://bot.example.org/survey/${"a".repeat(32)}`;
    const rendered = surveyOpenedCard({
      seq: 1,
      title,
      month: "2026-11",
      minSample: 30,
      codes: 100,
      pageUrl: url,
      posterUrl: `${url}/qr`,
    });
    expect(fitsLark(rendered.card)).toBe(true);
    const json = JSON.stringify(rendered.card);
    expect(json).toContain(`{"type":"open_url","default_url":"${url}"}`);
    expect(json).toContain(`{"type":"open_url","default_url":"${url}/qr"}`);
    expect(rendered.text).toContain(`问卷页：${url}`);
  });
});
