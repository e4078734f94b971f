import { describe, expect, test } from "vitest";
import { cardBytes, countElements, MAX_CARD_BYTES, MAX_ELEMENTS, type Card } from "../../cards/kit";
import { rankingCards } from "../../cards/ranking";
import { fitLines, schemeCard, templatesCard } from "../../cards/scheme";
import { peopleLabel, scoreChangeCard } from "../../cards/score-change";
import { parseScheme, schemeTemplates, type Scheme } from "../../src/domain/scheme";

const scheme = (json: unknown): Scheme => {
  const parsed = parseScheme(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scheme;
};

const within = (c: Card) => {
  expect(cardBytes(c)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  expect(countElements(c)).toBeLessThanOrEqual(MAX_ELEMENTS);
};

const TOWN = {
  name: "镇机关干部",
  dimensions: [
    { key: "village", name: "联村工作", weight: 40, bonusCapPct: 20 },
    {
      key: "business",
      name: "单位业务",
      weight: 40,
      children: [
        { key: "plan", name: "计划完成", weight: 70 },
        { key: "quality", name: "质量", weight: 30 },
      ],
    },
    { key: "conduct", name: "管理学习作风", weight: 20 },
  ],
  raters: { leader: 60, peer: 30, self: 10 },
  extraCap: 3,
  grades: [
    { name: "优秀", min: 90, quota: 5 },
    { name: "良好", min: 80, quota: "20%" },
    { name: "合格", min: 60 },
  ],
  prizes: [900, 600, 300],
  rankingVisibility: "private",
};

describe("方案 card", () => {
  test("shows the tree with weights and caps, raters, awards, grades with quotas, prizes and visibility", () => {
    const { text } = schemeCard({
      scheme: scheme(TOWN),
      version: 2,
      isDefault: false,
      since: "2026-11-27",
      lang: "zh",
    });
    expect(text).toContain("第 2 版 · 2026-11-27 起");
    expect(text).toContain("· 联村工作（village）40%，加分上限 20%");
    expect(text).toContain("　└ 计划完成（plan）70%");
    expect(text).toContain("评分组：领导 60%、同事 30%、自评 10%");
    expect(text).toContain("奖励分：国家级 +5、省级 +3、市级 +2、县级 +1（奖励与附加分合计不超过 3 分）");
    expect(text).toContain("等次：优秀 ≥90（限 5 名）、良好 ≥80（限 20%）、合格 ≥60");
    expect(text).toContain("名次奖：第1名 900 元、第2名 600 元、第3名 300 元");
    expect(text).toContain("成员只看到自己的名次");
  });

  test("the default scheme says it is the default", () => {
    const tpl = schemeTemplates.find((x) => x.id === "unit-staff")!;
    const r = schemeCard({ scheme: scheme(tpl.scheme), version: 0, isDefault: true, lang: "zh" });
    expect(r.card.header.subtitle?.content).toContain("默认方案");
    expect(r.card.header.title.content).toBe("考核方案：单位干部");
  });

  test("English labels for English users", () => {
    const { text } = schemeCard({ scheme: scheme(TOWN), version: 1, isDefault: false, lang: "en" });
    expect(text).toContain("Raters：leader 60%, peer 30%, self 10%");
    expect(text).toContain("members see only their own place");
  });

  test("names from an imported scheme cannot format the card", () => {
    const evil = { ...TOWN, dimensions: [{ key: "a", name: "[点我](http://x.example)", weight: 100 }] };
    const body = JSON.stringify(schemeCard({ scheme: scheme(evil), version: 1, isDefault: false, lang: "zh" }).card);
    expect(body).not.toContain("[点我](http");
  });

  test("a scheme with 600 indicators still fits, and says how much is left out", () => {
    const children = Array.from({ length: 100 }, (_, j) => ({
      key: `k${j}`,
      name: `${"很长的指标名称".repeat(5)}${j}`,
      weight: 1,
    }));
    const big = {
      ...TOWN,
      dimensions: Array.from({ length: 6 }, (_, i) => ({
        key: `d${i}`,
        name: `维度${i}`,
        weight: i < 4 ? 20 : 10,
        children: children.map((c) => ({ ...c, key: `${c.key}_${i}` })),
      })),
    };
    const r = schemeCard({ scheme: scheme(big), version: 1, isDefault: false, lang: "zh" });
    within(r.card);
    expect(JSON.stringify(r.card)).toMatch(/另有 \d+ 行未列出/);
    expect(r.text.split("\n").length).toBeGreaterThan(606); // the text keeps every line
  });

  test("fitLines keeps everything that fits and counts the rest", () => {
    expect(fitLines(["a", "b"], 1000, "zh")).toEqual(["a", "b"]);
    const cut = fitLines(
      Array.from({ length: 100 }, () => "x".repeat(50)),
      1000,
      "en",
    );
    expect(cut.at(-1)).toMatch(/^…\d+ more lines not shown$/);
    expect(cut.length).toBeLessThan(20);
  });

  test("方案 模板 lists every template that ships", () => {
    const { text } = templatesCard(schemeTemplates, "zh");
    for (const tpl of schemeTemplates) expect(text).toContain(tpl.name);
    expect(text).toContain("联村工作 40%");
    expect(schemeTemplates.length).toBeGreaterThanOrEqual(5);
  });
});

describe("confirmation card", () => {
  test("one person, a few, a whole team", () => {
    expect(peopleLabel(["张三"], "zh")).toBe("张三");
    expect(peopleLabel(["张三", "李四"], "en")).toBe("张三, 李四");
    expect(peopleLabel(["甲", "乙", "丙", "丁", "戊"], "zh")).toBe("甲、乙、丙等 5 人");
    const team = scoreChangeCard({
      kind: "award",
      who: ["甲", "乙", "丙", "丁", "戊"],
      lines: ["县级：+1"],
      lang: "zh",
    });
    expect(team.card.header.title.content).toBe("已记奖励 ✓ · 甲、乙、丙等 5 人");
    expect(team.text).toContain("名单：甲、乙、丙、丁、戊");
    const scheme = scoreChangeCard({ kind: "scheme", who: "", lines: ["本群方案：单位干部"], lang: "zh" });
    expect(scheme.card.header.title.content).toBe("方案已更新 ✓");
  });

  test("a deduction is orange, a warning shows, user text is escaped", () => {
    const r = scoreChangeCard({
      kind: "deduction",
      who: "张三",
      lines: ["原因：**迟到**"],
      warning: "超过上限",
      lang: "zh",
    });
    expect(r.card.header.template).toBe("orange");
    const body = JSON.stringify(r.card);
    expect(body).toContain("\\\\*\\\\*迟到");
    expect(body).toContain("超过上限");
  });
});

describe("排名 for a group of 300", () => {
  const rows = Array.from({ length: 300 }, (_, i) => ({
    rank: i + 1,
    name: `${"欧阳".repeat(8)}${i}`,
    total: 99 - i / 10,
    grade: i < 5 ? "优秀" : "合格",
    me: i === 150,
  }));
  test.each(["leader", "full", "top", "private"] as const)(
    "%s view fits Lark's limits, over several cards when it must",
    (visibility) => {
      const shown = visibility === "top" ? rows.slice(0, 10) : visibility === "private" ? [] : rows;
      const cards = rankingCards({
        groupName: "综合办公室",
        month: "2026-11",
        rows: shown,
        headcount: 300,
        visibility,
        myPlace: rows[150],
        lang: "zh",
      });
      for (const c of cards) within(c.card);
      if (visibility === "top" || visibility === "private") expect(cards).toHaveLength(1);
      const r = { text: cards.map((c) => c.text).join("\n") };
      expect(r.text).toContain("我的名次：第 151 / 300 名");
      if (visibility === "private") expect(r.text).not.toContain("欧阳欧阳欧阳欧阳欧阳欧阳欧阳欧阳0");
      if (visibility === "top") expect(r.text).not.toContain("欧阳欧阳欧阳欧阳欧阳欧阳欧阳欧阳11");
    },
  );
});
