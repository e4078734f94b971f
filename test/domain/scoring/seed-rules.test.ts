/**
 * Issue 13: the rules of the seed reports (/work/shared/seeds, 篇N + line), with figures worked by hand. Each rule is
 * shown for a rules-2 scheme (the templates) and, beside it, for the same scheme stored before the change (no
 * `rules` field), which must keep computing the figures it was published with.
 */
import { describe, expect, it } from "vitest";
import {
  LEGACY_DEFAULT_TEMPLATE,
  parseScheme,
  ratersOf,
  schemeTemplates,
  type SchemeJson,
} from "../../../src/domain/scheme";
import {
  combinePeriods,
  computePeriod,
  explain,
  organisationQuotas,
  resolveQuotasByRemainder,
  yearParts,
  type PeriodInputsJson,
} from "../../../src/domain/scoring";
import { byId, inputs, scheme } from "./helpers";

const template = (id: string): SchemeJson => {
  const t = schemeTemplates.find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  return t.scheme;
};
/** The same scheme as stored before issue 13: no `rules`, every grade with its old minimum. */
const { rules: _r, coefficient: _c, ...villageOld } = template("village");

const VILLAGE_KEYS = ["economy", "governance", "party", "stability"];

/** Every member rated `score` by the leader on every dimension in `keys`. */
function even(
  people: readonly { id: string; score: number; coefficient?: number }[],
  keys = VILLAGE_KEYS,
  extra: Partial<PeriodInputsJson> = {},
): PeriodInputsJson {
  return {
    members: people.map((p) => ({ id: p.id, name: p.id, ...(p.coefficient ? { coefficient: p.coefficient } : {}) })),
    ratings: people.flatMap((p) => keys.map((k) => ({ member: p.id, dimension: k, rater: "leader", score: p.score }))),
    ...extra,
  };
}

function run(json: SchemeJson, data: PeriodInputsJson, kind: "month" | "quarter" | "year" = "month") {
  const s = scheme(json);
  return computePeriod(s, inputs(s, data), { kind });
}

describe("item 1 — 篇5 line 95: the coefficient weights pay, not the score", () => {
  // 大岭 has over 2,000 people (×1.083) and scores 88; 河沿 scores 92. Pool 10,000 yuan.
  const data = even(
    [
      { id: "daling", score: 88, coefficient: 1.083 },
      { id: "heyan", score: 92 },
    ],
    VILLAGE_KEYS,
    {
      pool: 10000,
    },
  );

  it("rules 2 (village template): 88 stays 88.00 and ranks below 92; pay = 10000 ÷ (95.30 + 92.00) × 95.30", () => {
    const r = run(template("village"), data, "year");
    expect(r.members.map((m) => [m.id, m.total, m.rank])).toEqual([
      ["heyan", 92, 1],
      ["daling", 88, 2],
    ]);
    // Weighted: 88.00 × 1.083 = 95.304 → 95.30; Σ = 187.30. 大岭 1,000,000 fen × 9530 / 18730 = 508,809.39;
    // 河沿 × 9200 / 18730 = 491,190.60; the fen left goes to the larger remainder (河沿): 5088.09 + 4911.91.
    expect(byId(r, "daling").pay).toBe(5088.09);
    expect(byId(r, "heyan").pay).toBe(4911.91);
    // 篇5 line 101: 第一名 900 — 河沿, the better score, not the bigger village.
    expect(byId(r, "heyan").prize).toBe(900);
    expect(byId(r, "daling").prize).toBe(600);
    const lines = explain(byId(r, "daling"));
    expect(lines[0]).toBe(
      "daling：总分 = 经济发展 22.00 + 社会管理 22.00 + 党的建设 22.00 + 社会稳定 22.00 = 88.00 分",
    );
    expect(lines.join("\n")).toContain(
      "绩效工资 = 奖金池 10000.00 元 ÷ Σ(总分 × 系数) 187.30 × 本人 88.00 × 系数 1.083 = 95.30 → 5088.09 元",
    );
  });

  it("the same scheme stored before (rules 1) keeps its published figures: 88 × 1.083 = 95.30 ranks first", () => {
    const r = run(villageOld, data);
    expect(r.members.map((m) => [m.id, m.total, m.rank])).toEqual([
      ["daling", 95.3, 1],
      ["heyan", 92, 2],
    ]);
    // Pay ∝ shown totals: 1,000,000 × 9530 / 18730 as above — the same split, but a different rank and prize.
    expect(byId(r, "daling").prize).toBe(900);
  });

  it('a rules-2 scheme that truly wants a weighted score says "coefficient": "score"', () => {
    const r = run({ ...template("village"), coefficient: "score" }, data);
    expect(byId(r, "daling").total).toBe(95.3);
  });
});

describe("item 2 — 篇5 lines 95 and 99: awards are outside the 3-point 附加分 cap", () => {
  const FLAT2: SchemeJson = {
    rules: 2,
    name: "单项",
    dimensions: [{ key: "work", name: "工作", weight: 100 }],
    extraCap: 3,
  };
  const data: PeriodInputsJson = {
    members: [
      { id: "m1", name: "张三" },
      { id: "m2", name: "李四" },
    ],
    ratings: [
      { member: "m1", dimension: "work", rater: "leader", score: 80 },
      { member: "m2", dimension: "work", rater: "leader", score: 80 },
    ],
    awards: [
      { member: "m1", level: "national", reason: "获全国先进个人" },
      { member: "m2", level: "provincial", reason: "获省级先进个人" },
    ],
    extras: [
      { member: "m1", points: 2, reason: "牵头完成秋收调度" },
      { member: "m1", points: 2, reason: "承办全县现场会" },
    ],
  };

  it("national 5 + 附加分 min(2 + 2, 3) = 8 → 88; provincial 3 → 83 (rules 1 gave both 83)", () => {
    const r = run(FLAT2, data);
    expect(byId(r, "m1").total).toBe(88);
    expect(byId(r, "m2").total).toBe(83);
    expect(explain(byId(r, "m1")).at(-1)).toBe(
      "附加分 = 国家级奖励 5（获全国先进个人） + 承办全县现场会 2 + 牵头完成秋收调度 2 = 8.00 分（附加分 4 超过上限 3，按 3 分计）；奖励分不受附加分上限 3 分限制",
    );
    const { rules: _, ...old } = FLAT2;
    const before = run(old, data);
    expect(byId(before, "m1").total).toBe(83);
    expect(byId(before, "m2").total).toBe(83);
  });
});

describe("item 3 — 篇5 line 98: 「优秀5名，良好5名，以分数高低确定」", () => {
  const ids = Array.from({ length: 12 }, (_, i) => `u${String(i + 1).padStart(2, "0")}`);
  const STATION = ["cooperation", "reputation", "study", "business"];
  // Twelve 驻镇单位 from 89 down to 78: nobody reaches the old template's 90.
  const data = even(
    ids.map((id, i) => ({ id, score: 89 - i })),
    STATION,
  );

  it("rules 2 template: places 1–5 优秀 (first place with 89 too), 6–10 良好, the rest 合格", () => {
    const r = run(template("stationed-unit"), data);
    expect(r.members.map((m) => m.grade)).toEqual([...Array(5).fill("优秀"), ...Array(5).fill("良好"), "合格", "合格"]);
    expect(explain(byId(r, "u01"))).toContain("等次：优秀（按名次，名额 5 名）");
  });

  it("the template as stored before keeps its 90/80 minimums: 89 was 良好", () => {
    const old = parseScheme({
      ...template("stationed-unit"),
      rules: undefined,
      grades: [
        { name: "优秀", min: 90, quota: 5 },
        { name: "良好", min: 80, quota: 5 },
        { name: "合格", min: 70 },
      ],
    });
    if (!old.ok) throw new Error(JSON.stringify(old.errors));
    const r = computePeriod(old.scheme, inputs(old.scheme, data));
    expect(byId(r, "u01").grade).toBe("良好");
  });

  it("percentage quotas by largest remainder: 20% × 3 = 0.6 → 1, 20% × 2 = 0.4 → 0, 20% × 12 = 2.4 → 2", () => {
    const grades = [
      { name: "优秀", min: 0, quota: "20%" as const },
      { name: "合格", min: 0 },
    ];
    // 3 people: 优秀 0.6 against everyone else 2.4 → floors 0 + 2, one seat left, remainders 0.6 > 0.4 → 优秀.
    expect(resolveQuotasByRemainder(grades, 3)[0]).toEqual({
      seats: 1,
      note: "20% × 3 人 = 0.6，按最大余数法取 1 名",
    });
    // 2 people: 0.4 against 1.6 → floors 0 + 1, the seat left goes to the larger remainder 0.6 (everyone else).
    expect(resolveQuotasByRemainder(grades, 2)[0]?.seats).toBe(0);
    expect(resolveQuotasByRemainder(grades, 12)[0]?.seats).toBe(2);
  });

  it("organisation-wide: five groups of 3 share 20% × 15 = 3 优秀, not 5; each group's card says what it got", () => {
    const grades = [
      { name: "优秀", min: 0, quota: "20%" as const },
      { name: "合格", min: 0 },
    ];
    const groups = ["g1", "g2", "g3", "g4", "g5"].map((groupId) => ({ groupId, headcount: 3 }));
    const seats = organisationQuotas(grades, groups);
    // Each group's exact share is 0.6; equal remainders, equal sizes → the lower group ids take the 3 seats.
    expect([...seats].map(([g, q]) => [g, q["优秀"]?.seats])).toEqual([
      ["g1", 1],
      ["g2", 1],
      ["g3", 1],
      ["g4", 0],
      ["g5", 0],
    ]);
    expect(seats.get("g4")?.["优秀"]?.note).toBe(
      "全单位 20% × 15 人 = 3 名，按最大余数法分到各群：本群 20% × 3 人 = 0.6，分得 0 名",
    );
    // Applied to group g4's own period: its first place is 合格, and its card says why.
    const unit = { ...template("unit-staff") };
    const s = scheme(unit);
    const r = computePeriod(
      s,
      inputs(
        s,
        even(
          [
            { id: "a", score: 95 },
            { id: "b", score: 90 },
            { id: "c", score: 85 },
          ],
          ["village", "business", "conduct"],
        ),
      ),
      { quotaSeats: seats.get("g4")! },
    );
    expect(r.members.map((m) => m.grade)).toEqual(["良好", "良好", "良好"]);
    expect(explain(byId(r, "a"))).toContain("等次：良好（按名次，不限名额）");
  });
});

describe("item 4 — 篇5 line 101: place prizes once, for the year's result", () => {
  const data = even([
    { id: "a", score: 95 },
    { id: "b", score: 90 },
    { id: "c", score: 85 },
  ]);
  it("a month and a quarter of the village template pay no prize; the year pays 900/600/300", () => {
    expect(run(template("village"), data, "month").members.map((m) => m.prize)).toEqual([0, 0, 0]);
    expect(run(template("village"), data, "quarter").members.map((m) => m.prize)).toEqual([0, 0, 0]);
    expect(run(template("village"), data, "year").members.map((m) => m.prize)).toEqual([900, 600, 300]);
    const s = scheme(template("village"));
    const month = run(template("village"), data);
    expect(combinePeriods(s, [{ period: "2026-10", result: month }]).members.map((m) => m.prize)).toEqual([0, 0, 0]);
    expect(
      combinePeriods(s, [{ period: "2026-Q4", result: month }], { kind: "year" }).members.map((m) => m.prize),
    ).toEqual([900, 600, 300]);
  });
  it("stored before (rules 1): every month paid the prizes, as published", () => {
    expect(run(villageOld, data).members.map((m) => m.prize)).toEqual([900, 600, 300]);
  });
});

describe("item 5 — 篇9 line 193: the half-year review counts 30% of the year, as its own component", () => {
  it("quarters 80, 80, 90, 90 and a half-year review of 70: 0.7 × 85 + 0.3 × 70 = 80.50 (not [15,15,35,35] = 87)", () => {
    const s = scheme({
      ...template("unit-staff"),
      yearReviews: [{ key: "midyear", name: "半年综合管理评价", weight: 30 }],
    });
    const q = (period: string, total: number) => ({
      period,
      result: { members: [{ id: "a", name: "张三", total, dimensions: {} }] },
      weight: 25,
    });
    const parts = yearParts(
      s,
      [q("Q1", 80), q("Q2", 80), q("Q3", 90), q("Q4", 90)],
      [{ key: "midyear", scores: [{ id: "a", name: "张三", score: 70 }] }],
    );
    // Each quarter 70 × 25 / 100 = 17.5%; the review 30%.
    expect(parts.map((p) => p.weight)).toEqual([17.5, 17.5, 17.5, 17.5, 30]);
    expect(combinePeriods(s, parts, { kind: "year" }).members[0]?.total).toBe(80.5);
    // What the old quarter weights did: 0.15 × 80 × 2 + 0.35 × 90 × 2 = 87.
    const old = combinePeriods(s, [
      { ...q("Q1", 80), weight: 15 },
      { ...q("Q2", 80), weight: 15 },
      { ...q("Q3", 90), weight: 35 },
      { ...q("Q4", 90), weight: 35 },
    ]);
    expect(old.members[0]?.total).toBe(87);
  });
});

describe("item 7 — 篇6 line 122: 中层干部「先在全体教职工中进行民测，然后由分管领导、主要领导进行评分」", () => {
  const KEYS = ["charge", "village", "study"];
  it("the 民测 (peer, weight 0) is shown but the leaders' score is the score; 民测 alone leaves items unrated", () => {
    const s = scheme(template("section-leader"));
    expect(s.raters).toEqual({ peer: 0, leader: 100 });
    expect(s.raterSequence).toEqual(["peer", "leader"]);
    const data: PeriodInputsJson = {
      members: [
        { id: "a", name: "王站长" },
        { id: "b", name: "赵所长" },
      ],
      ratings: [
        ...KEYS.map((k) => ({ member: "a", dimension: k, rater: "peer", score: 60, by: "p1" })),
        ...KEYS.map((k) => ({ member: "a", dimension: k, rater: "leader", score: 90, by: "l1" })),
        ...KEYS.map((k) => ({ member: "b", dimension: k, rater: "peer", score: 95, by: "p1" })),
      ],
    };
    const r = computePeriod(s, inputs(s, data));
    expect(byId(r, "a").total).toBe(90);
    expect(byId(r, "b").total).toBe(0);
    expect(byId(r, "b").missing).toEqual(KEYS);
  });
  it("templates give no weight the seeds do not: no self-rating, no peers' 30%", () => {
    for (const t of schemeTemplates) {
      const s = scheme(t.scheme);
      expect(s.raters.self).toBeUndefined();
      // Each dimension is scored by one group at 100%: the leaders, or where a seed names them for an item (篇6
      // line 142 parents and students, 篇8 line 174 病人满意度 and 同行评价) that group alone, tied by raterScope.
      for (const d of s.dimensions)
        expect(
          ratersOf(s.raters, s.raterScope, d.key)
            .filter(([, w]) => w > 0)
            .map(([, w]) => w),
        ).toEqual([100]);
    }
    // The default a group gets before choosing one is the old template, unchanged (its results stay).
    expect(LEGACY_DEFAULT_TEMPLATE.scheme.raters).toEqual({ leader: 60, peer: 30, self: 10 });
  });
});

describe("item 8 — a rater group nobody can fill is an error; a group can be tied to the dimensions it rates", () => {
  const STATION = template("stationed-unit");
  it("a group nothing records (第三方, third_party: 30) is refused; 群众 (public) is recorded by 问卷 and vote sheets", () => {
    const r = parseScheme({ ...STATION, raters: { leader: 70, third_party: 30 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.path).toBe("raters.third_party");
    expect(r.errors[0]?.zh).toContain("评价主体「第三方」（third_party）目前没有任何途径录入评分");
    // Stored before (rules 1), it still loads: its results were published with 30% silently dropping out.
    expect(parseScheme({ ...STATION, rules: undefined, grades: [], raters: { leader: 70, third_party: 30 } }).ok).toBe(
      true,
    );
    // Since surveys (issue 14 item 2) record the public's ratings, the old 驻镇单位 raters are accepted.
    expect(parseScheme({ ...STATION, raters: { leader: 70, public: 30 } }).ok).toBe(true);
  });

  it("篇5 line 98: the public rates 社会评价 only; 20×0.9 + 20×0.8 + 10×0.9 + 50×0.9 = 88", () => {
    const json: SchemeJson = {
      ...STATION,
      raters: { leader: 100, public: 100 },
      raterScope: { public: ["reputation"], leader: ["cooperation", "study", "business"] },
    };
    // Recorded by 问卷 and vote sheets; a deployment that records only leaders refuses it.
    expect(parseScheme(json, { recordedRaters: ["leader"] }).ok).toBe(false);
    const parsed = parseScheme(json);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const s = parsed.scheme;
    const data: PeriodInputsJson = {
      members: [{ id: "a", name: "甘溪初中" }],
      ratings: [
        ...["cooperation", "reputation", "study", "business"].map((k) => ({
          member: "a",
          dimension: k,
          rater: "leader",
          score: k === "reputation" ? 100 : 90, // the leader's 社会评价 does not count: the public's does
        })),
        { member: "a", dimension: "reputation", rater: "public", score: 80 },
      ],
    };
    expect(computePeriod(s, inputs(s, data)).members[0]?.total).toBe(88);
    // Each dimension's groups must weigh 100 together: public 100 on every dimension with leader 100 is refused.
    const both = parseScheme(
      { ...STATION, raters: { leader: 100, public: 100 } },
      { recordedRaters: ["leader", "public"] },
    );
    expect(both.ok ? [] : both.errors.map((e) => e.zh)).toContain(
      "评价「工作配合」的评价主体权重之和须为 100（当前 200）",
    );
  });
});
