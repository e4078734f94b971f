/**
 * Units as the appraised (issue 14 item 3) and the two-level pay (item 4), worked by hand from the seeds.
 *
 * 篇5 line 98 (镇对驻镇单位考核): 工作配合 20%、社会评价 20%、干部学习 10%、业务工作 50%.
 *   90, 85, 80, 92 → 18 + 17 + 8 + 46 = 89.00; a second admin's 88 on 业务工作 makes it (92 + 88) / 2 = 90 → 45 → 88.00.
 *
 * 篇5 line 95 (镇对村): 「用全镇村干部总工资除以全镇各村总得分（高于1500人、2000人的村基础分各乘以1.042和1.083）
 * 再乘以各村得分…然后按照各村干部民主测评得分计算出村干部个人工资」. A pool of 100,000.00 yuan (10,000,000 fen):
 *   甲村 (1,200 people, × 1)     90.00                 →  90.00
 *   乙村 (1,800 people, × 1.042) 88.00 × 1.042 = 91.696 → 91.70
 *   丙村 (2,300 people, × 1.083) 80.00 × 1.083 = 86.64  → 86.64        Σ 268.34
 *   exact shares 3,353,953.94 / 3,417,306.40 / 3,228,739.66 fen: floors leave 2 fen, to the largest remainders
 *   (.94 甲, .66 丙): 3,353,954 + 3,417,306 + 3,228,740 = 10,000,000.
 * 乙村 with a 20% guaranteed part (篇6 line 116 兼顾群体) and 民主测评 95 / 90 / 85:
 *   base 3,417,306 × 20% = 683,461.2 → 683,461; ÷ 3 = 227,820 r 1 → the first by id gets 227,821;
 *   rest 2,733,845 × 95 / 270 = 961,908.43, × 90 / 270 = 911,281.67, × 85 / 270 = 860,654.91: floors leave 2 fen,
 *   to .91 and .67 → 961,908 / 911,282 / 860,655; each person 1,189,729 / 1,139,102 / 1,088,475 = 3,417,306.
 * 篇6 line 121 工作量津贴「按月发放」: 21 days with a daily record × 20 yuan = 420.00 yuan.
 */
import { describe, expect, test } from "vitest";
import { newUnitSchemeProblems, parseUnitScheme } from "../../../src/domain/scoring/unit-scheme";
import { rankUnits, scoreUnit, unitLines, unitPeriodScore } from "../../../src/domain/scoring/unit-score";
import {
  allowanceFen,
  allowanceLine,
  twoLevelLines,
  twoLevelPay,
  type PayUnitInput,
} from "../../../src/domain/scoring/two-level-pay";
import { findUnitTemplate, unitTemplates } from "../../../src/domain/scoring/unit-templates";
import { larkOpenId } from "../../support/ids";

const [ADMIN_A, ADMIN_B] = [larkOpenId("unit-admin-a"), larkOpenId("unit-admin-b")];

const stationed = () => {
  const p = parseUnitScheme(findUnitTemplate("驻镇单位")!.scheme);
  if (!p.ok) throw new Error("template invalid");
  return p.scheme;
};

describe("unit schemes", () => {
  test("every template parses, and the 驻镇单位 weights are the seed's (篇5 line 98)", () => {
    for (const x of unitTemplates) expect(parseUnitScheme(x.scheme).ok, x.name).toBe(true);
    expect(stationed().dimensions.map((d) => [d.name, d.weight])).toEqual([
      ["工作配合", 20],
      ["社会评价", 20],
      ["干部学习", 10],
      ["业务工作", 50],
    ]);
  });

  test("weights not summing to 100, a computed source, a bad coefficient are refused with their paths", () => {
    const bad = parseUnitScheme({
      name: "村",
      dimensions: [
        { key: "a", name: "经济发展", weight: 60 },
        { key: "b", name: "社会管理", weight: 30, source: "attendance" },
      ],
      coefficient: 5,
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.path)).toContain("coefficient");
    const tree = parseUnitScheme({
      name: "村",
      dimensions: [
        { key: "a", name: "经济发展", weight: 60 },
        { key: "b", name: "社会管理", weight: 30, source: "attendance" },
      ],
    });
    expect(tree.ok).toBe(false);
    if (tree.ok) return;
    expect(tree.errors.map((e) => e.zh).join("\n")).toMatch(/权重之和须为 100（当前 90）/u);
    expect(tree.errors.map((e) => e.path)).toContain("dimensions[1].source");
  });

  test("a 加分 cap (bonusCapPct) is refused: a unit's items have no 加分/扣分 to cap", () => {
    // 篇5 第95行 caps a village's 加分 at 20% of the item, but the bot rates a unit's items 0–100 only: a cap
    // accepted and never applied would read as if it were enforced.
    const p = parseUnitScheme({
      name: "镇对村考核",
      dimensions: [
        { key: "a", name: "经济发展", weight: 50, bonusCapPct: 20 },
        { key: "b", name: "社会管理", weight: 50, bonusCapPct: 10 },
      ],
    });
    // A version stored before the check still reads; a new one is refused (setUnitScheme).
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const problems = newUnitSchemeProblems(p.scheme);
    expect(problems.map((e) => e.path).sort()).toEqual(["dimensions[0].bonusCapPct", "dimensions[1].bonusCapPct"]);
    expect(problems[0]!.zh).toContain("单位方案的指标没有加分、扣分");
  });

  test("defaults: coefficient 1, no pay; pay options filled", () => {
    const p = parseUnitScheme({
      name: "镇对村考核",
      dimensions: [{ key: "a", name: "经济发展", weight: 100 }],
      coefficient: 1.042,
      pay: { basis: "mz", basePct: 20, allowancePerDay: 20 },
    });
    expect(p.ok && p.scheme).toMatchObject({
      coefficient: 1.042,
      pay: { basis: "mz", basePct: 20, allowancePerDay: 20 },
    });
    expect(stationed()).toMatchObject({ coefficient: 1, pay: null });
  });
});

describe("a unit's score (篇5 line 98)", () => {
  const rated = [
    { dimension: "cooperation", score: 90, by: ADMIN_A },
    { dimension: "social", score: 85, by: ADMIN_A },
    { dimension: "study", score: 80, by: ADMIN_A },
    { dimension: "business", score: 92, by: ADMIN_A },
  ];

  test("90, 85, 80, 92 → 18 + 17 + 8 + 46 = 89.00, with its lines", () => {
    const r = scoreUnit(stationed(), rated);
    expect(r.total).toBe(89);
    expect(unitLines(r)).toEqual([
      "工作配合（20%）：90.00 × 20% = 18.00",
      "社会评价（20%）：85.00 × 20% = 17.00",
      "干部学习（10%）：80.00 × 10% = 8.00",
      "业务工作（50%）：92.00 × 50% = 46.00",
      "单位得分：18.00 + 17.00 + 8.00 + 46.00 = 89.00 分",
    ]);
  });

  test("two admins on one item take their mean; a rater's later rating replaces their own", () => {
    const r = scoreUnit(stationed(), [
      ...rated,
      { dimension: "business", score: 70, by: ADMIN_B },
      { dimension: "business", score: 88, by: ADMIN_B },
    ]);
    expect(r.total).toBe(88);
    expect(r.dimensions[3]).toMatchObject({ score: 90, raters: 2 });
  });

  test("an unrated item leaves the unit without a total, and says how far it got", () => {
    const r = scoreUnit(stationed(), rated.slice(0, 3));
    expect(r.total).toBeNull();
    expect(unitLines(r).at(-1)).toBe("单位得分：未评完（已评 3/4 项）");
  });

  test("a quarter is the mean of its fully rated months; the best unit holds the 流动红旗, ties share", () => {
    expect(unitPeriodScore([89, null, 91.5])).toBe(90.25);
    expect(unitPeriodScore([null])).toBeNull();
    expect(
      rankUnits([
        { groupId: "grp_b", groupName: "乙村", total: 88 },
        { groupId: "grp_a", groupName: "甲村", total: 90 },
        { groupId: "grp_c", groupName: "丙村", total: null },
        { groupId: "grp_d", groupName: "丁村", total: 88 },
      ]).map((u) => [u.rank, u.groupName]),
    ).toEqual([
      [1, "甲村"],
      [2, "乙村"],
      [2, "丁村"],
    ]);
  });
});

describe("two-level pay (篇5 line 95)", () => {
  const villages: PayUnitInput[] = [
    {
      groupId: "grp_jia",
      groupName: "甲村",
      score: 90,
      coefficient: 1,
      basePct: 0,
      basisName: "民主测评",
      people: [{ id: "mem_j", name: "赵一", basis: 90 }],
    },
    {
      groupId: "grp_yi",
      groupName: "乙村",
      score: 88,
      coefficient: 1.042,
      basePct: 20,
      basisName: "民主测评",
      people: [
        { id: "mem_a", name: "钱二", basis: 95 },
        { id: "mem_b", name: "孙三", basis: 90 },
        { id: "mem_c", name: "李四", basis: 85 },
      ],
    },
    {
      groupId: "grp_bing",
      groupName: "丙村",
      score: 80,
      coefficient: 1.083,
      basePct: 0,
      basisName: "民主测评",
      people: [{ id: "mem_d", name: "周五", basis: 80 }],
    },
  ];

  test("level 1: the pool over the villages by score × size coefficient, to the fen", () => {
    const pay = twoLevelPay(10_000_000, villages);
    expect(pay.sumWeightedCents).toBe(26834);
    expect(pay.units.map((u) => [u.groupName, u.weightedCents, u.fen])).toEqual([
      ["甲村", 9000, 3353954],
      ["乙村", 9170, 3417306],
      ["丙村", 8664, 3228740],
    ]);
    expect(pay.units.reduce((n, u) => n + u.fen, 0)).toBe(10_000_000);
  });

  test("level 2: a guaranteed part per head, the rest by 民主测评, adding up to the village's share", () => {
    const pay = twoLevelPay(10_000_000, villages);
    const yi = ["mem_a", "mem_b", "mem_c"].map((id) => pay.byPerson.get(id)!);
    expect(yi.map((p) => [p.baseFen, p.restFen, p.fen])).toEqual([
      [227821, 961908, 1189729],
      [227820, 911282, 1139102],
      [227820, 860655, 1088475],
    ]);
    expect(yi.reduce((n, p) => n + p.fen, 0)).toBe(3417306);
    expect(twoLevelLines(yi[0]!)).toEqual([
      "第一级：奖金池 100000.00 元 ÷ 各单位（得分×系数）之和 268.34 × 本单位（88.00 × 1.042 = 91.70）= 34173.06 元",
      "保底（兼顾群体）：34173.06 × 20% = 6834.61 元，3 人平分，本人 2278.21 元",
      "第二级：其余 27338.45 元 ÷ 本单位民主测评之和 270.00 × 本人民主测评 95.00 = 9619.08 元",
      "两级分配合计：11897.29 元",
    ]);
  });

  test("a unit not fully rated or with nobody appraised takes no share, and is said", () => {
    const pay = twoLevelPay(100_00, [{ ...villages[0]!, score: null }, { ...villages[2]!, people: [] }, villages[1]!]);
    expect(pay.units.map((u) => [u.groupName, u.fen])).toEqual([["乙村", 100_00]]);
    expect(pay.warnings.map((w) => w.code)).toEqual(["pay-unit-unscored", "pay-unit-empty"]);
  });

  test("a village whose 民主测评 are all 0 splits the rest equally", () => {
    const pay = twoLevelPay(1001, [
      { ...villages[1]!, basePct: 0, people: villages[1]!.people.map((p) => ({ ...p, basis: 0 })) },
    ]);
    expect([...pay.byPerson.values()].map((p) => [p.mode, p.fen])).toEqual([
      ["equal", 334],
      ["equal", 334],
      ["equal", 333],
    ]);
  });

  test("工作量津贴 (篇6 line 121): 21 days with a daily record × 20 yuan = 420.00, by month", () => {
    expect(allowanceFen(21, 20)).toBe(42000);
    expect(
      allowanceLine(
        [
          { month: "2026-11", days: 21 },
          { month: "2026-12", days: 0 },
        ],
        20,
      ),
    ).toBe("工作量津贴（按月发放）：11月 21 天，共 21 天 × 20 元 = 420.00 元");
  });
});
