/**
 * Issue 14 item 6: the templates for the units the seeds name — 德能勤绩廉 (篇4), 德勤能绩 (篇6), a school's teachers
 * (篇6, with 学期测评), a hospital (篇8) and an enterprise (篇1) — each validated by the scheme schema and scored on a
 * hand-worked example. The seeds give no weights for these; the figures below are the templates' starting weights.
 */
import { describe, expect, it } from "vitest";
import { parseScheme, schemeTemplates, type SchemeJson } from "../../../src/domain/scheme";
import {
  calibrated,
  calibrationFor,
  combinePeriods,
  computePeriod,
  explain,
  yearParts,
  type PeriodInputsJson,
} from "../../../src/domain/scoring";
import { byId, inputs, scheme } from "../scoring/helpers";

const template = (id: string) => {
  const t = schemeTemplates.find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
};
const run = (json: SchemeJson, data: PeriodInputsJson) => {
  const s = scheme(json);
  return computePeriod(s, inputs(s, data));
};
/** One person's ratings by one rater group: { key: score }. */
const rated = (member: string, rater: string, scores: Record<string, number>) =>
  Object.entries(scores).map(([dimension, score]) => ({ member, dimension, rater, score }));

const NEW = ["de-neng-qin-ji-lian", "de-qin-neng-ji", "school-teacher", "hospital", "enterprise"];

describe("the new templates validate and cite their passage", () => {
  it.each(NEW)("%s passes parseScheme, is rules 2, and names 篇N + line in its source", (id) => {
    const t = template(id);
    const r = parseScheme(t.scheme);
    expect(r.ok ? [] : r.errors).toEqual([]);
    expect(r.ok && r.scheme.rules).toBe(2);
    expect(t.source).toMatch(/^篇\d+ 第\d+行/u);
    // The seeds give these no weights: the note says what the figures follow and that they are a starting point.
    expect(t.note).toMatch(/起点/u);
  });

  it("every template, old and new, cites its source (方案 模板 shows it)", () => {
    for (const t of schemeTemplates) expect(t.source).toMatch(/篇\d+ 第\d+行/u);
  });
});

describe("德能勤绩廉 (篇4 lines 64, 68, 72, 76, 83)", () => {
  it("张三 德 90 能 85 勤 95 绩 88 廉 100: 18 + 12.75 + 14.25 + 35.20 + 10 = 90.20; 李四 + 县级奖励 1 = 78.00", () => {
    const s = template("de-neng-qin-ji-lian").scheme;
    expect(s.dimensions.map((d) => [d.key, d.weight])).toEqual([
      ["de", 20],
      ["neng", 15],
      ["qin", 15],
      ["ji", 40],
      ["lian", 10],
    ]);
    const r = run(s, {
      members: [
        { id: "zhang", name: "张三" },
        { id: "li", name: "李四" },
      ],
      ratings: [
        ...rated("zhang", "leader", { de: 90, neng: 85, qin: 95, ji: 88, lian: 100 }),
        // 16 + 12 + 12 + 28 + 9 = 77.00
        ...rated("li", "leader", { de: 80, neng: 80, qin: 80, ji: 70, lian: 90 }),
      ],
      awards: [{ member: "li", level: "county", reason: "县级优秀教育工作者" }],
    });
    expect(byId(r, "zhang").total).toBe(90.2);
    // 篇5 line 99: the county award adds 1 point directly.
    expect(byId(r, "li").total).toBe(78);
    expect(explain(byId(r, "zhang"))[0]).toBe(
      "张三：总分 = 德·思想品德 18.00 + 能·业务能力 12.75 + 勤·勤勉敬业 14.25 + 绩·工作实绩 35.20 + 廉·廉洁自律 10.00 = 90.20 分",
    );
  });
});

describe("德勤能绩 (篇6 line 122, 云和县实验小学)", () => {
  it("德 92 勤 88 能 80 绩 90 = 23 + 17.60 + 12 + 36 = 88.60; a +10 bonus on 绩 is capped at 20% of 40 = 8 → 96.60", () => {
    const s = template("de-qin-neng-ji").scheme;
    expect(s.dimensions.map((d) => d.name)).toEqual(["德·教师职业道德", "勤·教学常规", "能·业务能力", "绩·教学成绩"]);
    const data = {
      members: [{ id: "wang", name: "王老师" }],
      ratings: rated("wang", "leader", { de: 92, qin: 88, neng: 80, ji: 90 }),
    };
    expect(run(s, data).members[0]?.total).toBe(88.6);
    const bonus = run(s, {
      ...data,
      adjustments: [{ member: "wang", dimension: "ji", points: 10, reason: "县级教学比赛一等奖" }],
    });
    // 篇5 line 95: 「加分最高不超过该项分值的20%」 — 36 + min(10, 8) = 44.
    expect(bonus.members[0]?.total).toBe(96.6);
  });
});

describe("学校教师 (篇6 lines 115, 122, 138, 142): 平时有记载、学期有测评、年终有考核", () => {
  const t = template("school-teacher");

  it("the month: 师德 90 教学 85 教辅 80 实绩 88 (leader), 家长学生 87 (群众) = 18 + 25.5 + 8 + 26.4 + 8.7 = 86.60", () => {
    const r = run(t.scheme, {
      members: [
        { id: "zhang", name: "张老师" },
        { id: "li", name: "李老师" },
      ],
      ratings: [
        ...rated("zhang", "leader", { ethics: 90, teaching: 85, support: 80, results: 88 }),
        ...rated("zhang", "public", { parents: 87 }),
        // No parents' votes for 李老师: the item counts 0 and is marked missing, never filled from the leader.
        ...rated("li", "leader", { ethics: 80, teaching: 80, support: 80, results: 80 }),
      ],
    });
    expect(byId(r, "zhang").total).toBe(86.6);
    // 16 + 24 + 8 + 24 + 0 = 72.00
    expect(byId(r, "li").total).toBe(72);
    expect(byId(r, "li").missing).toEqual(["parents"]);
  });

  it("only the 群众 (public) group rates 家长学生评价 (raterScope): a leader's 100 there changes nothing", () => {
    const s = scheme(t.scheme);
    expect(s.raterScope).toEqual({ leader: ["ethics", "teaching", "support", "results"], public: ["parents"] });
    const leaderOnly = {
      members: [{ id: "li", name: "李老师" }],
      ratings: rated("li", "leader", { ethics: 80, teaching: 80, support: 80, results: 80 }),
    };
    const withLeaderParents = {
      ...leaderOnly,
      ratings: [...leaderOnly.ratings, ...rated("li", "leader", { parents: 100 })],
    };
    expect(run(t.scheme, leaderOnly).members[0]?.total).toBe(72);
    expect(run(t.scheme, withLeaderParents).members[0]?.total).toBe(72);
  });

  it("the year: quarters 60%, 第一学期测评 20%, 第二学期测评 20% — 0.6 × 86.60 + 0.2 × 80 + 0.2 × 90 = 85.96", () => {
    const s = scheme(t.scheme);
    expect(s.yearReviews).toEqual([
      { key: "term1", name: "第一学期测评", weight: 20 },
      { key: "term2", name: "第二学期测评", weight: 20 },
    ]);
    const q = (period: string, total: number) => ({
      period,
      result: { members: [{ id: "zhang", name: "张老师", total, dimensions: {} }] },
      weight: 25,
    });
    const parts = yearParts(
      s,
      [q("2027-Q1", 86.6), q("2027-Q2", 86.6), q("2027-Q3", 86.6), q("2027-Q4", 86.6)],
      [
        { key: "term1", scores: [{ id: "zhang", name: "张老师", score: 80 }] },
        { key: "term2", scores: [{ id: "zhang", name: "张老师", score: 90 }] },
      ],
    );
    // Each quarter 60 × 25 / 100 = 15%.
    expect(parts.map((p) => p.weight)).toEqual([15, 15, 15, 15, 20, 20]);
    expect(combinePeriods(s, parts, { kind: "year" }).members[0]?.total).toBe(85.96);
  });
});

describe("医院职工 (篇8 lines 164, 170, 172, 174)", () => {
  it("王医生 31.5 + 23.75 + 8 + 17.4 + 8.5 = 89.15 (× 岗位系数 1.2 only in pay); pool 10000 → 5660.92 + 4339.08", () => {
    const r = run(template("hospital").scheme, {
      members: [
        { id: "wang", name: "王医生", coefficient: 1.2 },
        { id: "li", name: "李护士" },
      ],
      ratings: [
        ...rated("wang", "leader", { quality: 90, workload: 95, economy: 80 }),
        ...rated("wang", "public", { patients: 87 }),
        // 同行评价: two colleagues, 80 and 90 → 85.
        ...rated("wang", "peer", { peers: 80 }),
        ...rated("wang", "peer", { peers: 90 }),
        // 28 + 20 + 8 + 18 + 8 = 82.00
        ...rated("li", "leader", { quality: 80, workload: 80, economy: 80 }),
        ...rated("li", "public", { patients: 90 }),
        ...rated("li", "peer", { peers: 80 }),
      ],
      pool: 10000,
    });
    // 篇8 line 172 按岗设酬: the coefficient leaves the score alone.
    expect(byId(r, "wang").total).toBe(89.15);
    expect(byId(r, "li").total).toBe(82);
    // 89.15 × 1.2 = 106.98; Σ = 188.98. 1,000,000 fen × 10698 / 18898 = 566,091.65 → 566,092 (largest remainder);
    // 李 × 8200 / 18898 = 433,908.35 → 433,908.
    expect(byId(r, "wang").pay).toBe(5660.92);
    expect(byId(r, "li").pay).toBe(4339.08);
  });
});

describe("企业员工 (篇1 lines 6 and 14)", () => {
  it("质量 95 产量 90 执行力 85 成本 80 = 28.5 + 27 + 17 + 16 = 88.50; 部门绩效 90 over an average of 80 → × 1.125", () => {
    const t = template("enterprise");
    expect(scheme(t.scheme).departmentCalibration).toBe(true);
    const r = run(t.scheme, {
      members: [
        { id: "zhao", name: "赵师傅" },
        { id: "qian", name: "钱师傅" },
      ],
      ratings: [
        ...rated("zhao", "leader", { quality: 95, output: 90, execution: 85, cost: 80 }),
        // 21 + 21 + 14 + 15.5 = 71.50
        ...rated("qian", "leader", { quality: 70, output: 70, execution: 70, cost: 77.5 }),
      ],
    });
    expect(byId(r, "zhao").total).toBe(88.5);
    expect(byId(r, "qian").total).toBe(71.5);
    // 篇1 line 14: 部门绩效 corrects across departments — the group's average 80.00, the office's 90 → 1.1250.
    const c = calibrationFor([88.5, 71.5], 90);
    expect(c).toEqual({ average: 80, performance: 90, factor: 1.125 });
    expect(calibrated(88.5, c)).toBe(99.56);
  });
});
