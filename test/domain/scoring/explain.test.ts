import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explain } from "../../../src/domain/scoring";
import { byId, compute, FLAT, flatInputs, SAMPLE } from "./helpers";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/scoring/${name}`, import.meta.url), "utf8"));
const lines = () => {
  const r = compute(fixture("scheme.json"), fixture("inputs.json"));
  return { zhang: explain(byId(r, "m1")), li: explain(byId(r, "m2")), wang: explain(byId(r, "m3")) };
};

describe("rule 10: explain() answers “why is my score 94.26?”", () => {
  it("writes a parent as the weighted sum of its children, then its points", () => {
    const r = compute(SAMPLE, {
      members: [{ id: "m1", name: "张三" }],
      ratings: [
        { member: "m1", dimension: "plan", rater: "leader", score: 88 },
        { member: "m1", dimension: "plan", rater: "peer", score: 88 },
        { member: "m1", dimension: "plan", rater: "self", score: 88 },
        { member: "m1", dimension: "quality", rater: "leader", score: 90 },
        { member: "m1", dimension: "quality", rater: "peer", score: 90 },
        { member: "m1", dimension: "quality", rater: "self", score: 90 },
      ],
    });
    const text = explain(byId(r, "m1"));
    expect(text).toContain("单位业务 = 计划完成 88×70% + 质量 90×30% = 88.60 分 → 40 权重 = 35.44 分");
    expect(text).toContain("  计划完成 = 领导 88×60% + 同事 88（1 人平均）×30% + 自评 88×10% = 88.00 分");
  });

  it("starts with the total, its terms and the coefficient", () => {
    const { zhang } = lines();
    expect(zhang[0]).toBe(
      "张三：总分 = (联村工作 33.53 + 单位业务 35.44 + 管理学习作风 18.49 + 附加分 3.00) × 系数 1.042 = 94.26 分",
    );
    expect(zhang.slice(1, 5)).toEqual([
      "排名：第 1 名",
      "等次：优秀（≥ 90 分，名额 1 名）",
      "名次奖：第 1 名 900.00 元",
      "绩效工资 = 奖金池 10000.00 元 ÷ 总分合计 259.46 × 本人 94.26 = 3632.93 元（按最大余数法分到分）",
    ]);
  });

  it("shows each group's average, the renormalisation and the deduction", () => {
    const { zhang } = lines();
    // Peers stay anonymous: their average and head count only, never the single scores.
    expect(zhang).toContain(
      "联村工作 = (领导 90×60 + 同事 86.5（2 人平均）×30) ÷ 90 = 88.83 分（自评 未评分，按已评权重 90 归一） → 40 权重 = 35.53 分",
    );
    expect(zhang).toContain("  联村工作加减分：-2（台账缺失）；35.53 + 0 - 2 = 33.53 分");
    expect(zhang).toContain("附加分 = 市级奖励 2（市级先进） + 抗洪抢险专项工作 2 = 4，超过上限 3，按 3.00 分计");
  });

  it("says when a bonus hit its cap and when an item went unrated", () => {
    const { li, wang } = lines();
    expect(li).toContain(
      "  单位业务加减分：+10（超额完成招商任务）；加分 10 超过上限 8，按 8 计；33.40 + 8 - 0 = 41.40 分",
    );
    expect(li).toContain("  计划完成 = 领导 85 = 85.00 分（同事、自评 未评分，只计领导评分）");
    expect(wang).toContain("  质量：无人评分，记 0 分");
    expect(wang[wang.length - 1]).toBe("未评分指标（按 0 分计）：质量");
  });

  it("explains shared prizes and grades won through a tie", () => {
    const r = compute(
      {
        ...FLAT,
        prizes: [900, 600, 300],
        grades: [
          { name: "优秀", min: 0, quota: 1 },
          { name: "合格", min: 0 },
        ],
      },
      flatInputs([90, 90, 80]),
    );
    const text = explain(byId(r, "m2"));
    expect(text).toContain("排名：第 1 名（2 人并列）");
    expect(text).toContain("等次：优秀（≥ 0 分，名额 1 名；因分数并列，超出名额）");
    expect(text).toContain("名次奖：750.00 元（第 1 名、第 2 名奖金合计 1500.00 元，2 人并列平分）");
    expect(text[0]).toBe("成员2：总分 = 工作 90.00 = 90.00 分");
  });
});

describe("a survey-fed item shows its sample, not “1 人平均” (群众/社会评价)", () => {
  const SURVEYED = {
    name: "作风测评",
    dimensions: [
      { key: "work", name: "业务工作", weight: 70 },
      { key: "conduct", name: "单位管理学习作风", weight: 30 },
    ],
    raters: { leader: 70, public: 30 },
  };
  const result = () =>
    compute(SURVEYED, {
      members: [{ id: "m1", name: "张三" }],
      ratings: [
        { member: "m1", dimension: "work", rater: "leader", score: 90 },
        { member: "m1", dimension: "conduct", rater: "leader", score: 80 },
        { member: "m1", dimension: "conduct", rater: "public", score: 86.92, by: "survey:sur_demo" },
      ],
    });

  it("names the survey's sample beside the 群众 figure", () => {
    const text = explain(byId(result(), "m1"), null, new Map([["survey:sur_demo", 26]]));
    expect(text).toContain(
      "单位管理学习作风 = 领导 80×70% + 群众 86.92（问卷，样本 26 份）×30% = 82.08 分 → 30 权重 = 24.62 分",
    );
    expect(text.join("\n")).not.toContain("人平均");
  });

  it("without the samples (an old caller) it still does not count the respondents as one person", () => {
    const text = explain(byId(result(), "m1")).join("\n");
    expect(text).toContain("群众 86.92（问卷）×30%");
    expect(text).not.toContain("1 人平均");
  });
});
