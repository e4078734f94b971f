import { describe, expect, test } from "vitest";
import { cardBytes, countElements, MAX_CARD_BYTES, MAX_ELEMENTS, type Card } from "../../cards/kit";
import { approvalCard } from "../../cards/approval";
import { detailCard } from "../../cards/detail";
import { helpCard } from "../../cards/help";
import { reviewCards } from "../../cards/review";
import { myMonthCard } from "../../cards/my-month";
import { myScoreCard } from "../../cards/my-score";
import { rankingCard, rankingCards } from "../../cards/ranking";
import { receiptCard } from "../../cards/receipt";
import { schemeCard } from "../../cards/scheme";
import { commands } from "../../commands";
import { parseScheme, schemeTemplates } from "../../src/domain/scheme";
import { groupIdFor, memberIdFor } from "../../src/db/ids";
import { larkChatId, larkOpenId } from "../support/ids";

function withinLimits(c: Card) {
  expect(c.schema).toBe("2.0");
  expect(cardBytes(c)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  // Every object with a tag counts, text objects and the header included (kit.ts cites Lark).
  expect(countElements(c)).toBeLessThanOrEqual(MAX_ELEMENTS);
}

const longName = "欧阳".repeat(10);

describe("cards stay inside Lark's limits however large the input", () => {
  test("a ranking of 1,000 people with long names: several cards, every place on one", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      rank: i + 1,
      name: `${longName}${i}`,
      total: 99.99 - i / 100,
      grade: "良好",
    }));
    const cards = rankingCards({
      groupName: "综合办公室",
      month: "2026-11",
      rows,
      headcount: 1000,
      visibility: "leader",
      lang: "zh",
    });
    for (const r of cards) withinLimits(r.card);
    const ranks = cards.flatMap((r) =>
      (r.card.body.elements.find((e) => e.tag === "table") as { rows: { rank: number }[] }).rows.map((x) => x.rank),
    );
    expect(ranks).toEqual(rows.map((r) => r.rank));
    expect(JSON.stringify(cards[0]!.card)).toContain("后面的名次见下一张卡片");
    expect(
      cards
        .map((r) => r.text)
        .join("\n")
        .split("\n").length,
    ).toBeGreaterThan(1000); // the texts keep everyone too
  });

  test("a receipt with the longest record", () => {
    withinLimits(
      receiptCard({
        recordId: "rec_x",
        date: "2026-11-28",
        text: "长".repeat(2000),
        monthCount: 31,
        groupName: longName,
        lang: "zh",
      }).card,
    );
  });

  test("我的 in a month of many records", () => {
    const records = Array.from({ length: 300 }, (_, i) => ({ date: "2026-11-02", text: `${"记录".repeat(500)}${i}` }));
    const c = myMonthCard({ name: "张三", month: "2026-11", records, workdaysSoFar: 20, missing: [], lang: "zh" }).card;
    withinLimits(c);
  });

  test("成绩 with a long explanation, and every template's scheme card", () => {
    const explanation = Array.from({ length: 400 }, (_, i) => `第${i}行：${"计算".repeat(40)}`);
    withinLimits(
      myScoreCard({
        name: "张三",
        month: "2026-11",
        schemeName: "镇机关干部",
        total: 96.2,
        rank: 1,
        headcount: 3,
        grade: "优秀",
        dimensions: Array.from({ length: 30 }, (_, i) => ({
          name: `维度${i}`,
          weight: 3,
          score: 90,
          points: 2.7,
          bonus: 0,
          deduction: 0,
        })),
        extra: 2,
        missing: Array.from({ length: 100 }, (_, i) => `指标${i}`),
        explanation,
        lang: "zh",
      }).card,
    );
    for (const tpl of schemeTemplates) {
      const parsed = parseScheme(tpl.scheme);
      if (!parsed.ok) throw new Error(tpl.id);
      withinLimits(schemeCard({ scheme: parsed.scheme, version: 1, isDefault: false, lang: "zh" }).card);
    }
    withinLimits(helpCard(commands, "zh").card);
    withinLimits(helpCard(commands, "en").card);
  });
});

describe("approval, review and detail cards stay inside the limits", () => {
  test("an approval card however long the evidence is", () => {
    for (const state of [
      { kind: "pending" as const },
      {
        kind: "decided" as const,
        decision: "adjusted" as const,
        by: "李主任",
        at: "11-28 10:32",
        comment: "意见".repeat(100),
        points: 3,
      },
    ]) {
      const r = approvalCard({
        claimId: "clm_1",
        claimant: longName,
        groupName: longName,
        kindLabel: "申报加分",
        lines: ["联村工作：+2"],
        evidence: "证据".repeat(20_000),
        points: 2,
        projection: { before: 80, after: 82 },
        state,
        lang: "zh",
      });
      withinLimits(r.card);
    }
  });

  test("peer review cards for a group of 300: everyone can be chosen on one of them", () => {
    const colleagues = Array.from({ length: 300 }, (_, i) => ({
      id: memberIdFor(groupIdFor("lark", larkChatId("office")), larkOpenId(`p${i}`)),
      name: `${longName}${i}`,
    }));
    const dims = Array.from({ length: 12 }, (_, i) => ({ key: `d${i}`, name: `维度${i}`, weight: 8 }));
    const cards = reviewCards({
      kind: "peer",
      groupId: "g",
      groupName: longName,
      month: "2026-11",
      colleagues,
      dimensions: dims,
      lang: "zh",
    });
    for (const r of cards) withinLimits(r.card);
    expect(cards.flatMap((r) => JSON.stringify(r.card).match(/"value":"mem_[0-9a-f]{32}"/g) ?? [])).toHaveLength(300);
  });

  test("明细 of a busy month", () => {
    const at = new Date("2026-11-20T02:00:00Z");
    const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
    const detail = {
      records: many(200, (i) => ({ date: "2026-11-20", text: "记录".repeat(300) + i, at })),
      claims: many(100, () => ({
        kind: "bonus",
        status: "approved",
        evidence: "证据".repeat(500),
        at,
        decision: { decision: "approved", by: longName, at, comment: "意见".repeat(100), points: 2 },
      })),
      ratings: many(100, () => ({
        dimension: "village",
        group: "leader",
        score: 90,
        by: longName,
        at,
        comment: "评语".repeat(100),
      })),
      peers: many(20, () => ({ dimension: "village", count: 5, average: 88 })),
      adjustments: many(100, () => ({
        dimension: "village",
        points: 2,
        reason: "原因".repeat(100),
        by: longName,
        at,
        revoked: false,
      })),
      awards: many(100, () => ({ level: "city", reason: "事由".repeat(100), by: longName, at, revoked: false })),
    };
    const r = detailCard({
      name: "张三",
      month: "2026-11",
      detail,
      names: new Map(),
      awardLabel: (l) => l,
      when: () => "11-20 10:00",
      lang: "zh",
    });
    withinLimits(r.card);
  });
});

describe("what users read", () => {
  test("user text cannot inject markdown links or formatting into a card", () => {
    const c = receiptCard({
      recordId: "r",
      date: "2026-11-28",
      text: "[点我](http://evil.example) **粗体** <at id=all></at>",
      monthCount: 1,
      groupName: "",
      lang: "zh",
    });
    const body = JSON.stringify(c.card);
    expect(body).not.toContain("[点我](http");
    expect(body).toContain("\\\\[点我\\\\]\\\\(http");
    expect(body).not.toContain("<at id=all>");
  });

  test("English in, English out; Chinese otherwise", () => {
    const en = rankingCard({
      groupName: "Office",
      month: "2026-11",
      rows: [],
      headcount: 0,
      visibility: "top",
      lang: "en",
    });
    expect(en.text).toContain("Nobody has been rated");
    const zh = rankingCard({
      groupName: "办公室",
      month: "2026-11",
      rows: [],
      headcount: 0,
      visibility: "top",
      lang: "zh",
    });
    expect(zh.text).toContain("本月还没有人被评分");
  });
});
