/**
 * The cards of issue 14 item 5 at their largest stay within Lark's limits (kit.ts: 30,000 bytes, 200
 * elements): long groups are split over several cards, nothing is cut, and a report card's follow-up
 * lines are bounded.
 */
import { describe, expect, test } from "vitest";
import { followUpsCards, reportFollowUpLines, type FollowUpLine } from "../../cards/follow-ups";
import { gradeConfirmationCards } from "../../cards/grade-confirmation";
import { cardBytes, countElements, fitsLark } from "../../cards/kit";
import { reportCard } from "../../cards/report-card";

const long = (n: number) => "整改".repeat(n / 2);
const item = (no: number, closed: boolean): FollowUpLine => ({
  id: `fup_${String(no).padStart(22, "0")}`,
  no,
  who: "欧阳".repeat(10),
  problem: long(200),
  measure: long(200),
  owner: long(200),
  due: "2027-01-31",
  ...(closed ? { closed: { by: "李主任", on: "2027-01-20", note: long(500) } } : {}),
});

describe("grades and follow-up cards at their largest", () => {
  test("120 items of 200 characters a part: several 整改 cards, each within Lark's limits, every item once", () => {
    const items = Array.from({ length: 120 }, (_, i) => item(i + 1, i % 3 === 0));
    const cards = followUpsCards({ groupId: "grp_x", groupName: "综合办公室", items, canClose: true, lang: "zh" });
    expect(cards.length).toBeGreaterThan(1);
    for (const c of cards) expect(fitsLark(c.card), `${cardBytes(c.card)} bytes, ${countElements(c.card)}`).toBe(true);
    const shown = cards.flatMap((c) => [...JSON.stringify(c.card).matchAll(/"id":"(fup_\d+)"/g)].map((m) => m[1]));
    // Buttons only beside open items: 80 of the 120.
    expect(new Set(shown).size).toBe(80);
    expect(shown).toHaveLength(80);
    expect(
      cards
        .map((c) => c.text)
        .join("\n")
        .match(/#\d+ 问题/g),
    ).toHaveLength(120);
  });

  test("400 people with 40-character names: several 等次确认 cards, each with the confirm button", () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({
      memberId: `mem_${i}`,
      name: "欧阳".repeat(20),
      total: 99.99,
      rank: i + 1,
      grade: "良好",
      engine: "优秀",
      blocked: { dimension: "public", score: 70, min: 80 },
    }));
    const cards = gradeConfirmationCards({
      groupId: "grp_x",
      groupName: "综合办公室".repeat(8),
      period: "2026-Q4",
      rows,
      overrides: new Map(),
      dimensionNames: new Map([["public", "公众形象".repeat(10)]]),
      lang: "zh",
    });
    expect(cards.length).toBeGreaterThan(1);
    for (const c of cards) {
      expect(fitsLark(c.card)).toBe(true);
      expect(JSON.stringify(c.card)).toContain('"action":"grades.confirm"');
    }
    expect(cards.reduce((n, c) => n + (JSON.stringify(c.card).match(/"rank":"/g) ?? []).length, 0)).toBe(400);
  });

  test("a report card lists at most 8 follow-up items (parts cut to 60 characters) and counts the rest", () => {
    const lines = reportFollowUpLines({
      items: Array.from({ length: 30 }, (_, i) => item(i + 1, i % 2 === 0)),
      line: 60,
      total: 54.5,
      lang: "zh",
    });
    expect(lines[0]).toBe("总分低于整改线 60 分：负责人将与你制定整改清单（问题、措施、责任、时限），逐项销号。");
    expect(lines).toHaveLength(10);
    expect(lines.at(-1)).toBe("另有 22 项，发「整改」查看。");
    const card = reportCard({
      name: "欧阳".repeat(20),
      period: "2026-Q4",
      groupId: "grp_0123456789abcdef",
      groupName: "综合办公室".repeat(8),
      total: 54.5,
      rank: 300,
      headcount: 300,
      grade: null,
      prize: 0,
      dimensions: Array.from({ length: 40 }, (_, i) => ({ name: `维度${i}`.repeat(4), mine: 99.99, average: 88.88 })),
      trend: Array.from({ length: 3 }, (_, i) => ({ month: `2026-1${i}`, mine: 50, average: 85 })),
      comments: Array.from({ length: 6 }, () => ({ by: "李主任", text: "评语".repeat(60) })),
      publication: { windowEnds: "2027-01-10", version: 3, final: false },
      gradeNote: `等次由绩考办确定为「良好」（按成绩计算为「优秀」）：${long(500)}`,
      followUps: lines,
      lang: "zh",
    });
    expect(fitsLark(card.card), `${cardBytes(card.card)} bytes`).toBe(true);
  });
});
