import { describe, expect, test } from "vitest";
import { goalsCards } from "../../cards/goals";
import { cardBytes, countElements, MAX_CARD_BYTES, MAX_ELEMENTS, type Card } from "../../cards/kit";
import { departmentRankingCard, organisationPeopleCard } from "../../cards/organisation-ranking";

/** The office's cards hold a whole organisation: they must stay inside Lark's 30 KB and 200 elements. */
function withinLimits(c: Card) {
  expect(cardBytes(c)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  // Every object with a tag, nested text objects and the header included: card() cuts nothing, so this can fail.
  expect(countElements(c)).toBeLessThanOrEqual(MAX_ELEMENTS);
}

const longName = "欧阳".repeat(10);
const longGroup = "示范单位综合办公室".repeat(4);

describe("office cards stay inside Lark's limits", () => {
  test("全员排名 of 10,000 people, calibrated, with long names", () => {
    const people = Array.from({ length: 10_000 }, (_, i) => ({
      rank: i + 1,
      id: `m${i}`,
      name: `${longName}${i}`,
      groupId: `g${i % 300}`,
      groupName: `${longGroup}${i % 300}`,
      raw: 99.99,
      total: 88.88,
    }));
    const r = organisationPeopleCard({ month: "2026-11", people, groups: 300, lang: "zh" });
    withinLimits(r.card);
    expect(JSON.stringify(r.card)).toContain("卡片只列前");
    expect(r.text.split("\n").length).toBeGreaterThan(10_000);
  });

  test("部门排名 of 1,000 groups", () => {
    const departments = Array.from({ length: 1000 }, (_, i) => ({
      rank: i + 1,
      groupId: `g${i}`,
      groupName: `${longGroup}${i}`,
      headcount: 30,
      rawAverage: 95,
      average: 88,
      calibration: { average: 95, performance: 88, factor: 0.9263 },
    }));
    const r = departmentRankingCard({ month: "2026-11", departments, lang: "zh" });
    withinLimits(r.card);
    expect(JSON.stringify(r.card)).toContain("卡片只列前");
  });

  test("目标 with 500 targets of 100-character titles", () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({
      seq: i + 1,
      period: "2026-Q4",
      who: longName,
      dimension: "单位管理学习作风",
      title: "完".repeat(98) + "12",
      planned: 12,
      unit: "个项目",
      done: 3,
    }));
    const cards = goalsCards({ groupName: longGroup, periodLabel: "2026-11", rows, lang: "zh" });
    for (const r of cards) withinLimits(r.card);
    expect(cards.length).toBeGreaterThan(1);
    expect(JSON.stringify(cards[0]!.card)).toContain("其余目标见下一张卡片");
    expect(JSON.stringify(cards.at(-1)!.card)).toContain("目标500");
  });
});
