import { describe, expect, it } from "vitest";
import { parseScheme, type SchemeJson } from "../../../src/domain/scheme";

const base = (): SchemeJson => ({
  name: "镇机关干部",
  dimensions: [
    { key: "village", name: "联村工作", weight: 40, bonusCapPct: 20 },
    {
      key: "business",
      name: "单位业务",
      weight: 40,
      bonusCapPct: 20,
      children: [
        { key: "plan", name: "计划完成", weight: 70 },
        { key: "quality", name: "质量", weight: 30 },
      ],
    },
    { key: "conduct", name: "管理学习作风", weight: 20 },
  ],
  raters: { leader: 60, peer: 30, self: 10 },
  extraCap: 3,
  awards: { national: 5, provincial: 3, city: 2, county: 1 },
  grades: [
    { name: "优秀", min: 90, quota: 5 },
    { name: "良好", min: 80, quota: "20%" },
    { name: "合格", min: 60 },
    { name: "不合格", min: 0 },
  ],
  prizes: [900, 600, 300],
  rankingVisibility: "top",
});

const errorsOf = (json: unknown) => {
  const r = parseScheme(json);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
};

describe("parseScheme", () => {
  it("accepts the brief's example and keeps its figures", () => {
    const r = parseScheme(base());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scheme.dimensions[1]?.children?.map((c) => c.weight)).toEqual([70, 30]);
    expect(r.scheme.grades[1]?.quota).toBe("20%");
    expect(r.scheme.extraCap).toBe(3);
    expect(r.scheme.backfillDays).toBe(7);
  });

  it("fills defaults: leader-only raters, the 5/3/2/1 awards, top visibility, no caps", () => {
    const r = parseScheme({ name: "最简", dimensions: [{ key: "work", name: "工作", weight: 100 }] });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scheme.raters).toEqual({ leader: 100 });
    expect(r.scheme.awards).toEqual({ national: 5, provincial: 3, city: 2, county: 1 });
    expect(r.scheme.rankingVisibility).toBe("top");
    expect(r.scheme.extraCap).toBeUndefined();
    expect(r.scheme.grades).toEqual([]);
    expect(r.scheme.prizes).toEqual([]);
  });

  it("names the children whose weights do not sum to 100, in Chinese and English", () => {
    const json = base();
    const business = json.dimensions[1];
    if (business?.children?.[1]) business.children[1].weight = 20;
    expect(errorsOf(json)).toEqual([
      {
        path: "dimensions[1].children",
        zh: "子项权重之和须为 100（当前 90）",
        en: "children weights must sum to 100 (got 90)",
      },
    ]);
  });

  it("checks the top level sum and any depth below it", () => {
    const json = base();
    json.dimensions[0] = { key: "village", name: "联村工作", weight: 30 };
    json.dimensions[2] = {
      key: "conduct",
      name: "管理学习作风",
      weight: 20,
      children: [
        {
          key: "study",
          name: "学习",
          weight: 100,
          children: [
            { key: "a", name: "甲", weight: 50 },
            { key: "b", name: "乙", weight: 49.5 },
          ],
        },
      ],
    };
    const paths = errorsOf(json).map((e) => e.path);
    expect(paths).toEqual(["dimensions", "dimensions[2].children[0].children"]);
    expect(errorsOf(json)[1]?.en).toBe("children weights must sum to 100 (got 99.5)");
  });

  it("tolerates float noise in weights such as 33.33 + 33.33 + 33.34", () => {
    const r = parseScheme({
      name: "三等分",
      dimensions: [
        { key: "a", name: "甲", weight: 33.33 },
        { key: "b", name: "乙", weight: 33.33 },
        { key: "c", name: "丙", weight: 33.34 },
      ],
    });
    expect(r.ok).toBe(true);
  });

  it("rejects a key used twice anywhere in the tree, and malformed keys", () => {
    const json = base();
    json.dimensions[1]?.children?.splice(1, 1, { key: "village", name: "质量", weight: 30 });
    expect(errorsOf(json)).toContainEqual({
      path: "dimensions[1].children[1].key",
      zh: "键 village 重复（已用于 dimensions[0]）",
      en: "duplicate key village (already used at dimensions[0])",
    });
    const bad = base();
    if (bad.dimensions[0]) bad.dimensions[0].key = "Village 1";
    expect(errorsOf(bad)[0]).toMatchObject({ path: "dimensions[0].key", zh: expect.stringContaining("小写字母") });
  });

  it("allows bonusCapPct on top-level dimensions only", () => {
    const json = base();
    const plan = json.dimensions[1]?.children?.[0];
    if (plan) plan.bonusCapPct = 20;
    expect(errorsOf(json).map((e) => e.path)).toEqual(["dimensions[1].children[0].bonusCapPct"]);
  });

  it("requires rater weights to sum to 100", () => {
    expect(errorsOf({ ...base(), raters: { leader: 60, peer: 30 } })).toEqual([
      { path: "raters", zh: "评价主体权重之和须为 100（当前 90）", en: "rater weights must sum to 100 (got 90)" },
    ]);
  });

  it("requires grades best first and quotas as counts or percentages", () => {
    const json = base();
    json.grades = [
      { name: "优秀", min: 80, quota: "20%" },
      { name: "良好", min: 90, quota: 2.5 },
      { name: "合格", min: 60, quota: "abc" },
      { name: "基本合格", min: 50, quota: "150%" },
    ];
    const errors = errorsOf(json);
    expect(errors.map((e) => e.path).sort()).toEqual(["grades[1].quota", "grades[2].quota"]);
    expect(errors.find((e) => e.path === "grades[1].quota")?.zh).toContain("百分比");
    // Shape errors come first; the cross-field pass runs once the shape is right.
    json.grades[1] = { name: "良好", min: 90 };
    json.grades[2] = { name: "合格", min: 60 };
    expect(errorsOf(json).map((e) => e.path)).toEqual(["grades[1].min", "grades[3].quota"]);
  });

  it("reports unknown fields (typos), missing fields and wrong types by path", () => {
    const json = base() as Record<string, unknown>;
    json.dimensions = [{ key: "village", name: "联村工作", wieght: 100 }];
    json.rankingVisibility = "everyone";
    const errors = errorsOf(json);
    expect(errors).toContainEqual({ path: "dimensions[0]", zh: "未知字段：wieght", en: "unknown field(s): wieght" });
    expect(errors).toContainEqual({ path: "dimensions[0].weight", zh: "缺少必填项", en: "required" });
    expect(errors.find((e) => e.path === "rankingVisibility")?.en).toBe('must be one of "full" | "top" | "private"');
    expect(errorsOf("not a scheme")).toEqual([{ path: "(root)", zh: "类型应为对象", en: "must be of type object" }]);
  });

  it("rejects prizes that are not whole fen and weights out of range", () => {
    const json = base();
    json.prizes = [900.005];
    if (json.dimensions[2]) json.dimensions[2].weight = 0;
    const errors = errorsOf(json);
    expect(errors).toContainEqual({
      path: "prizes[0]",
      zh: "金额最多两位小数（到分）",
      en: "an amount has at most two decimals (fen)",
    });
    expect(errors).toContainEqual({ path: "dimensions[2].weight", zh: "须 > 0", en: "must be > 0" });
  });
});

describe("year weights and the annual pool", () => {
  it("default to equal quarters and no pool, and are checked", () => {
    const plain = parseScheme({ name: "x", dimensions: [{ key: "a", name: "甲", weight: 100 }] });
    expect(plain.ok && plain.scheme.yearWeights).toEqual([25, 25, 25, 25]);
    expect(plain.ok && plain.scheme.annualPool).toBe(0);
    const half = parseScheme({
      name: "x",
      dimensions: [{ key: "a", name: "甲", weight: 100 }],
      yearWeights: [15, 15, 35, 35],
      annualPool: 100000,
    });
    expect(half.ok && half.scheme.yearWeights).toEqual([15, 15, 35, 35]);
    const bad = parseScheme({
      name: "x",
      dimensions: [{ key: "a", name: "甲", weight: 100 }],
      yearWeights: [25, 25, 25, 20],
    });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]!.zh).toContain("四个季度的权重之和须为 100");
  });
});
