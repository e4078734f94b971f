import { describe, expect, it } from "vitest";
import { parseScheme, schemeTemplates, type Dimension } from "../../../src/domain/scheme";

const parsed = (id: string) => {
  const t = schemeTemplates.find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  const r = parseScheme(t.scheme);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scheme;
};
const weights = (dims: readonly Dimension[]) => Object.fromEntries(dims.map((d) => [d.name, d.weight]));

describe("schemeTemplates", () => {
  it.each(schemeTemplates.map((t) => [t.id, t] as const))("%s passes parseScheme", (_id, template) => {
    const r = parseScheme(template.scheme);
    expect(r.ok ? [] : r.errors).toEqual([]);
    expect(template.name).toBe(template.scheme.name);
    expect(template.description.length).toBeGreaterThan(10);
  });

  it("has unique ids, the five schemes of DOMAIN §2 and the five of issue 14 item 6", () => {
    expect(new Set(schemeTemplates.map((t) => t.id)).size).toBe(schemeTemplates.length);
    expect(schemeTemplates.map((t) => t.name)).toEqual([
      "单位干部",
      "中层干部",
      "驻镇单位",
      "村（社区）",
      "公务员",
      "德能勤绩廉",
      "德勤能绩",
      "学校教师",
      "医院职工",
      "企业员工",
    ]);
  });

  it("carries the weights of the source reports", () => {
    expect(weights(parsed("unit-staff").dimensions)).toEqual({ 联村工作: 40, 单位业务: 40, 单位管理学习作风: 20 });
    expect(weights(parsed("section-leader").dimensions)).toEqual({ 分管工作: 60, 联村工作: 30, 个人学习及出勤: 10 });
    expect(weights(parsed("stationed-unit").dimensions)).toEqual({
      工作配合: 20,
      社会评价: 20,
      干部学习: 10,
      业务工作: 50,
    });
    expect(weights(parsed("village").dimensions)).toEqual({ 经济发展: 25, 社会管理: 25, 党的建设: 25, 社会稳定: 25 });
  });

  it("splits the civil-servant scheme into a public part and a heavier own-work part", () => {
    const [common, duty] = parsed("civil-servant").dimensions;
    expect(common?.children?.map((c) => c.name)).toEqual(["学习情况", "工作纪律", "工作作风"]);
    expect(duty?.children?.map((c) => c.name)).toEqual(["履职", "目标任务"]);
    expect(duty?.weight).toBeGreaterThan(common?.weight ?? 100);
  });

  it("篇5 lines 95, 98, 101: the 20% bonus cap, the 3-point extra cap, 优秀5名/良好5名 by rank, prizes on the year", () => {
    const unit = parsed("stationed-unit");
    expect(unit.rules).toBe(2);
    expect(unit.dimensions.every((d) => d.bonusCapPct === 20)).toBe(true);
    expect(unit.extraCap).toBe(3);
    // 「以分数高低确定」: by rank, no invented 90/80 minimums.
    expect(unit.grades).toEqual([
      { name: "优秀", min: 0, quota: 5 },
      { name: "良好", min: 0, quota: 5 },
      { name: "合格", min: 0 },
    ]);
    expect(unit.prizes).toEqual([900, 600, 300]);
    expect(unit.prizePeriod).toBe("year");
    expect(parsed("unit-staff").grades[0]?.quota).toBe("20%");
    // 篇5 line 95: the village size coefficient weights pay only.
    expect(parsed("village").coefficient).toBe("pay");
    expect(parsed("unit-staff").coefficient).toBe("none");
  });
});
