import { describe, expect, test } from "vitest";
import { parseScheme } from "../../../src/domain/scheme";
import {
  calibrated,
  calibrationFor,
  calibrationLine,
  explain,
  rankOrganisation,
  type GroupPeriod,
} from "../../../src/domain/scoring";
import { byId, compute, FLAT, flatInputs } from "./helpers";

/**
 * Worked example: two departments rate their people. 办公室 is lenient (everyone 95 or so),
 * 财务科 is strict (85 or so). The office scores the departments themselves: 办公室 88, 财务科 90.
 */
const office: GroupPeriod = {
  groupId: "g_office",
  groupName: "办公室",
  people: [
    { id: "zhang", name: "张三", total: 97 },
    { id: "li", name: "李四", total: 95 },
    { id: "wang", name: "王五", total: 93 },
  ],
  calibrate: true,
  performance: 88,
};
const finance: GroupPeriod = {
  groupId: "g_finance",
  groupName: "财务科",
  people: [
    { id: "qian", name: "钱六", total: 88 },
    { id: "sun", name: "孙七", total: 82 },
  ],
  calibrate: true,
  performance: 90,
};

describe("department calibration", () => {
  test("factor = 部门绩效 ÷ group average, to 4 decimals", () => {
    // 办公室: average 95 → 88 / 95 = 0.926315… → 0.9263; 财务科: average 85 → 90 / 85 = 1.058823… → 1.0588
    expect(calibrationFor([97, 95, 93], 88)).toEqual({ average: 95, performance: 88, factor: 0.9263 });
    expect(calibrationFor([88, 82], 90)).toEqual({ average: 85, performance: 90, factor: 1.0588 });
  });

  test("the lenient group's 95 and the strict group's 85 become comparable", () => {
    const lenient = calibrationFor([97, 95, 93], 88);
    const strict = calibrationFor([88, 82], 90);
    // 95 × 0.9263 = 87.9985 → 88.00; 85 would be 85 × 1.0588 = 89.998 → 90.00
    expect(calibrated(95, lenient)).toBe(88);
    expect(calibrated(85, strict)).toBe(90);
    expect(calibrated(97, lenient)).toBe(89.85); // 89.8511
    expect(calibrated(82, strict)).toBe(86.82); // 86.8216
  });

  test("no 部门绩效, or nobody appraised, or an average of 0: no calibration", () => {
    expect(calibrationFor([90, 80], null)).toBeNull();
    expect(calibrationFor([], 90)).toBeNull();
    expect(calibrationFor([0, 0], 90)).toBeNull();
    expect(calibrated(91.234, null)).toBe(91.23);
  });

  test("the explanation shows the arithmetic", () => {
    expect(calibrationLine(97, calibrationFor([97, 95, 93], 88)!)).toBe(
      "部门绩效校正：系数 = 部门绩效 88 ÷ 本群平均 95.00 = 0.9263；校正后 = 97.00 × 0.9263 = 89.85 分",
    );
  });

  test("explain() puts the calibration right under the total", () => {
    const r = compute(FLAT, flatInputs([97, 95, 93]));
    const c = calibrationFor(
      r.members.map((m) => m.total),
      88,
    );
    const lines = explain(byId(r, r.members[0]!.id), c);
    expect(lines[1]).toBe(
      "部门绩效校正：系数 = 部门绩效 88 ÷ 本群平均 95.00 = 0.9263；校正后 = 97.00 × 0.9263 = 89.85 分",
    );
    expect(explain(byId(r, r.members[0]!.id))).not.toContain(lines[1]);
  });

  test("the scheme turns it on; anything but true/false is refused", () => {
    const base = { name: "单位干部", dimensions: [{ key: "work", name: "业务", weight: 100 }] };
    const on = parseScheme({ ...base, departmentCalibration: true });
    expect(on.ok && on.scheme.departmentCalibration).toBe(true);
    const off = parseScheme(base);
    expect(off.ok && off.scheme.departmentCalibration).toBe(false);
    const bad = parseScheme({ ...base, departmentCalibration: "yes" });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]!.path).toBe("departmentCalibration");
  });
});

describe("ranking across groups", () => {
  test("people: calibrated totals across both groups, ties share a place", () => {
    const { people } = rankOrganisation([office, finance]);
    expect(people.map((p) => [p.rank, p.name, p.groupName, p.raw, p.total])).toEqual([
      [1, "钱六", "财务科", 88, 93.17], // 88 × 1.0588 = 93.1744
      [2, "张三", "办公室", 97, 89.85],
      [3, "李四", "办公室", 95, 88],
      [4, "孙七", "财务科", 82, 86.82],
      [5, "王五", "办公室", 93, 86.15], // 93 × 0.9263 = 86.1459
    ]);
  });

  test("without calibration the lenient group wins on raw totals", () => {
    const raw = rankOrganisation([
      { ...office, calibrate: false },
      { ...finance, calibrate: false },
    ]);
    expect(raw.people.map((p) => p.name)).toEqual(["张三", "李四", "王五", "钱六", "孙七"]);
    expect(raw.departments.map((d) => [d.rank, d.groupName, d.average])).toEqual([
      [1, "办公室", 95],
      [2, "财务科", 85],
    ]);
  });

  test("departments: compared by calibrated average, which is the 部门绩效", () => {
    const { departments } = rankOrganisation([office, finance]);
    expect(
      departments.map((d) => [d.rank, d.groupName, d.headcount, d.rawAverage, Math.round(d.average * 100) / 100]),
    ).toEqual([
      [1, "财务科", 2, 85, 90],
      [2, "办公室", 3, 95, 88],
    ]);
    expect(departments[0]!.calibration).toEqual({ average: 85, performance: 90, factor: 1.0588 });
  });

  test("equal averages share a place; a group nobody was appraised in is left out", () => {
    const a: GroupPeriod = {
      groupId: "a",
      groupName: "甲",
      people: [{ id: "1", name: "一", total: 80 }],
      calibrate: false,
      performance: null,
    };
    const b: GroupPeriod = {
      groupId: "b",
      groupName: "乙",
      people: [
        { id: "2", name: "二", total: 90 },
        { id: "3", name: "三", total: 70 },
      ],
      calibrate: false,
      performance: null,
    };
    const c: GroupPeriod = { groupId: "c", groupName: "丙", people: [], calibrate: false, performance: null };
    const { departments, people } = rankOrganisation([a, b, c]);
    expect(departments.map((d) => [d.rank, d.groupName])).toEqual([
      [1, "甲"],
      [1, "乙"],
    ]);
    expect(people.map((p) => [p.rank, p.name])).toEqual([
      [1, "二"],
      [2, "一"],
      [3, "三"],
    ]);
  });

  test("a group whose scheme calibrates but has no 部门绩效 yet is compared as it is", () => {
    const { departments } = rankOrganisation([{ ...office, performance: null }, finance]);
    expect(departments.map((d) => [d.groupName, d.calibration === null, Math.round(d.average * 100) / 100])).toEqual([
      ["办公室", true, 95],
      ["财务科", false, 90],
    ]);
  });
});
