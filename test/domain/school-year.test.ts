/**
 * 学年 and 学期 (issue 14 item 6, 篇6 line 115 「平时有记载、学期有测评、年终有考核」): ids, months, labels and the
 * chat grammar; then a school's semester and school year combined by hand from months and 学期测评.
 */
import { describe, expect, test } from "vitest";
import { PERIOD, periodKind, periodLabel } from "../../src/domain/periods";
import { parseScheme } from "../../src/domain/scheme";
import { schoolTeacher } from "../../src/domain/scheme/templates/school";
import {
  DEFAULT_SCHOOL_YEAR,
  monthsOfSchoolYear,
  monthsOfSemester,
  parseSchoolPeriod,
  parseSchoolPeriodArg,
  resolveSchoolPeriod,
  schoolPeriodLabel,
  schoolYearOf,
  semesterEndedBefore,
  semesterOf,
} from "../../src/domain/school-year";
import { schoolParts } from "../../src/domain/school-year-parts";
import { combinePeriods, yearParts, type PartResult } from "../../src/domain/scoring";

const SY = DEFAULT_SCHOOL_YEAR;

describe("school-year periods", () => {
  test("2025—2026学年 runs September 2025 to August 2026; 第一学期 September–January, 第二学期 February–August", () => {
    expect(monthsOfSchoolYear(2025, SY)).toEqual([
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
    ]);
    expect(monthsOfSemester(2025, 1, SY)).toEqual(["2025-09", "2025-10", "2025-11", "2025-12", "2026-01"]);
    expect(monthsOfSemester(2025, 2, SY)).toEqual([
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
    ]);
    // A school whose spring term starts in March (after a late 春节) and whose year starts in August.
    const other = { start: 8, secondTerm: 3 };
    expect(monthsOfSemester(2025, 1, other)).toEqual([
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(monthsOfSemester(2025, 2, other)).toEqual(["2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]);
  });

  test("the semester and school year of a month", () => {
    expect(schoolYearOf("2026-01", SY)).toBe(2025);
    expect(schoolYearOf("2025-09", SY)).toBe(2025);
    expect(schoolYearOf("2025-08", SY)).toBe(2024);
    expect(semesterOf("2026-01", SY).id).toBe("2025-2026-S1");
    expect(semesterOf("2026-02", SY).id).toBe("2025-2026-S2");
    expect(semesterOf("2025-08", SY).id).toBe("2024-2025-S2");
    expect(semesterEndedBefore("2026-02", SY)?.id).toBe("2025-2026-S1");
    expect(semesterEndedBefore("2025-09", SY)?.id).toBe("2024-2025-S2");
    expect(semesterEndedBefore("2025-10", SY)).toBeUndefined();
  });

  test("ids parse and are labelled; no school id is a PERIOD, and PERIOD still classifies months, quarters, years", () => {
    expect(parseSchoolPeriod("2025-2026")).toEqual({ kind: "schoolYear", id: "2025-2026", first: 2025 });
    expect(parseSchoolPeriod("2025-2026-S2")).toEqual({ kind: "semester", id: "2025-2026-S2", first: 2025, term: 2 });
    expect(parseSchoolPeriod("2025-2027")).toBeUndefined();
    expect(parseSchoolPeriod("2025-11")).toBeUndefined();
    expect(schoolPeriodLabel(parseSchoolPeriod("2025-2026")!, "zh")).toBe("2025—2026学年");
    expect(schoolPeriodLabel(parseSchoolPeriod("2025-2026-S1")!, "zh")).toBe("2025—2026学年第一学期");
    expect(schoolPeriodLabel(parseSchoolPeriod("2025-2026-S2")!, "en")).toBe("2025–2026 term 2");
    for (const id of ["2025-2026", "2025-2026-S1", "2025-2026-S2"]) expect(PERIOD.test(id)).toBe(false);
    expect(["2026", "2026-Q4", "2026-11"].map((p) => [PERIOD.test(p), periodKind(p)])).toEqual([
      [true, "year"],
      [true, "quarter"],
      [true, "month"],
    ]);
    expect(periodLabel("2026-Q4", "zh")).toBe("2026 年第四季度");
  });

  test("what people write after 成绩 / 导出, resolved in January and in October 2026", () => {
    const at = (text: string, month: string) => resolveSchoolPeriod(parseSchoolPeriodArg(text)!, month, SY).id;
    expect(at("学期", "2026-01")).toBe("2025-2026-S1");
    expect(at("本学期", "2026-03")).toBe("2025-2026-S2");
    expect(at("上学期", "2026-03")).toBe("2025-2026-S1");
    expect(at("上学期", "2026-10")).toBe("2025-2026-S2");
    expect(at("第一学期", "2026-05")).toBe("2025-2026-S1");
    expect(at("第二学期", "2026-05")).toBe("2025-2026-S2");
    // In October the latest 第二学期 is the one that ended in August.
    expect(at("第二学期", "2026-10")).toBe("2025-2026-S2");
    expect(at("第一学期", "2026-10")).toBe("2026-2027-S1");
    expect(at("学年", "2026-01")).toBe("2025-2026");
    expect(at("上学年", "2026-10")).toBe("2025-2026");
    expect(at("2025-2026学年", "2027-03")).toBe("2025-2026");
    expect(at("2025—2026学年第一学期", "2027-03")).toBe("2025-2026-S1");
    expect(at("2025-2026学年下学期", "2027-03")).toBe("2025-2026-S2");
    expect(at("2025-2026-S1", "2027-03")).toBe("2025-2026-S1");
    expect(at("term", "2026-01")).toBe("2025-2026-S1");
    expect(at("School Year", "2026-01")).toBe("2025-2026");
    expect(at("2025-2026 term 2", "2026-01")).toBe("2025-2026-S2");
    for (const text of ["", "上月", "2026-10", "10月", "2025-2027学年", "学期 abc"])
      expect(parseSchoolPeriodArg(text)).toBeUndefined();
  });
});

describe("the scheme's schoolYear option", () => {
  test("the 学校教师 template turns it on with its two 学期测评", () => {
    const r = parseScheme(schoolTeacher.scheme);
    expect(r.ok && r.scheme.schoolYear).toEqual({ start: 9, secondTerm: 2, reviews: ["term1", "term2"] });
  });

  test("defaults, and refusals in Chinese", () => {
    const base = { rules: 2, name: "校", dimensions: [{ key: "a", name: "甲", weight: 100 }] };
    const plain = parseScheme({ ...base, schoolYear: {} });
    expect(plain.ok && plain.scheme.schoolYear).toEqual({ start: 9, secondTerm: 2, reviews: null });
    const none = parseScheme(base);
    expect(none.ok && "schoolYear" in none.scheme).toBe(false);
    const bad = parseScheme({ ...base, schoolYear: { start: 3, reviews: ["t1", "t1"] } });
    expect(bad.ok).toBe(false);
    const wrongReview = parseScheme({
      ...base,
      yearReviews: [{ key: "t1", name: "第一学期测评", weight: 20 }],
      schoolYear: { reviews: ["t1", "t2"] },
    });
    expect(wrongReview.ok ? [] : wrongReview.errors.map((e) => e.zh)).toEqual([
      "学期测评 t2 不是本方案 yearReviews 中的一项",
    ]);
  });
});

describe("a semester and a school year, by hand (学校教师: each 测评 20%)", () => {
  const parsed = parseScheme(schoolTeacher.scheme);
  if (!parsed.ok) throw new Error("template");
  const scheme = parsed.scheme;
  const month = (period: string, totals: Record<string, number>): PartResult => ({
    period,
    result: { members: Object.entries(totals).map(([id, total]) => ({ id, name: id, total, dimensions: {} })) },
  });
  const review = (key: string, scores: Record<string, number>) => ({
    key,
    scores: Object.entries(scores).map(([id, score]) => ({ id, name: id, score })),
  });
  const S1 = parseSchoolPeriod("2025-2026-S1")!;
  const S2 = parseSchoolPeriod("2025-2026-S2")!;
  const YEAR = parseSchoolPeriod("2025-2026")!;
  // 张三: September 77.90, October 81.00, March 72.00; 第一学期测评 80 (January), 第二学期测评 90 (July).
  // 李四: 72.00, 63.00, 81.00; 测评 70 and 60.
  const sep = month("2025-09", { zhang: 77.9, li: 72 });
  const oct = month("2025-10", { zhang: 81, li: 63 });
  const mar = month("2026-03", { zhang: 72, li: 81 });
  const t1 = [review("term1", { zhang: 80, li: 70 })];
  const t2 = [review("term2", { zhang: 90, li: 60 })];

  test("第一学期: 张三 0.8 × (77.90 + 81.00) / 2 + 0.2 × 80 = 79.56; 李四 0.8 × 67.50 + 0.2 × 70 = 68.00", () => {
    const parts = schoolParts(scheme, S1, [sep, oct], [t1]);
    expect(parts.map((p) => [p.period, p.weight])).toEqual([
      ["2025-09", 40],
      ["2025-10", 40],
      ["第一学期测评", 20],
    ]);
    const r = combinePeriods(scheme, parts, { kind: "term" });
    expect(r.members.map((m) => [m.id, m.total, m.rank])).toEqual([
      ["zhang", 79.56, 1],
      ["li", 68, 2],
    ]);
  });

  test("第二学期: 张三 0.8 × 72 + 0.2 × 90 = 75.60; 李四 0.8 × 81 + 0.2 × 60 = 76.80; the term's 测评 only", () => {
    // 第一学期测评 rated in its own months is not part of 第二学期, even if handed in.
    const r = combinePeriods(scheme, schoolParts(scheme, S2, [mar], [[...t2, ...t1]]), { kind: "term" });
    expect(r.members.map((m) => [m.id, m.total, m.rank])).toEqual([
      ["li", 76.8, 1],
      ["zhang", 75.6, 2],
    ]);
  });

  test("the school year: 张三 0.6 × (77.90 + 81 + 72) / 3 + 0.2 × 80 + 0.2 × 90 = 46.18 + 16 + 18 = 80.18; 李四 0.6 × 72 + 14 + 12 = 69.20", () => {
    const parts = schoolParts(scheme, YEAR, [sep, oct, mar], [t1, t2]);
    expect(parts.map((p) => p.weight)).toEqual([20, 20, 20, 20, 20]);
    const r = combinePeriods(scheme, parts, { kind: "term" });
    expect(r.members.map((m) => [m.id, m.total])).toEqual([
      ["zhang", 80.18],
      ["li", 69.2],
    ]);
  });

  test("a person without the 测评 is averaged over the months alone; a semester pays no prize even where the year would", () => {
    const withPrizes = { ...scheme, prizes: [900], prizePeriod: "every" as const };
    const r = combinePeriods(withPrizes, schoolParts(scheme, S1, [sep, oct], [[review("term1", { li: 70 })]]), {
      kind: "term",
    });
    expect(r.members.find((m) => m.id === "zhang")!.total).toBe(79.45);
    expect(r.members.every((m) => m.prize === 0)).toBe(true);
    expect(combinePeriods(withPrizes, [sep], { kind: "quarter" }).members[0]!.prize).toBe(900);
  });

  test("yearParts is the same rule as before: quarters 60% shared by yearWeights, each 测评 20%", () => {
    const q = (i: number) => ({ ...month(`2026-Q${i}`, { zhang: 80 + i }), weight: 25 });
    const parts = yearParts(scheme, [q(1), q(2), q(3), q(4)], [review("term1", { zhang: 80 })]);
    expect(parts.map((p) => [p.period, p.weight])).toEqual([
      ["2026-Q1", 20],
      ["2026-Q2", 20],
      ["2026-Q3", 20],
      ["2026-Q4", 20],
      ["第一学期测评", 20],
    ]);
  });
});
