import { describe, expect, test } from "vitest";
import { attendance, attendanceLine, isOnTime, readLeaveKind, workdaysBetween } from "../../src/domain/attendance";
import { createWorkCalendar } from "../../src/domain/calendar";
import { parseScheme } from "../../src/domain/scheme";

/**
 * October 2026: 国庆 1–7 off, Saturday the 10th a 调休 workday. Workdays: 8, 9, 10,
 * 12–16, 19–23, 26–30 = 18.
 */
const national = createWorkCalendar();
const OCTOBER = [
  "2026-10-08",
  "2026-10-09",
  "2026-10-10",
  ...[12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30].map((d) => `2026-10-${d}`),
];
const none = new Set<string>();

describe("attendance (出勤) as a computed dimension", () => {
  test("the calendar of the worked example", () => {
    expect(national.workdaysOfMonth("2026-10")).toEqual(OCTOBER);
  });

  test("every workday on time is 100; holidays are never due, the 调休 Saturday is", () => {
    const all = attendance({
      calendar: national,
      month: "2026-10",
      from: "2026-10-01",
      leave: none,
      onTime: new Set(OCTOBER),
    });
    expect(all).toEqual({ due: 18, onTime: 18, score: 100, missed: [] });
    // Skipping the make-up Saturday costs a day; recording on a holiday earns nothing.
    const noSaturday = new Set([...OCTOBER.filter((d) => d !== "2026-10-10"), "2026-10-03"]);
    const a = attendance({ calendar: national, month: "2026-10", from: "2026-10-01", leave: none, onTime: noSaturday });
    expect(a).toEqual({ due: 18, onTime: 17, score: 94.44, missed: ["2026-10-10"] });
  });

  test("someone who left on the 21st is due only the days before it", () => {
    const a = attendance({
      calendar: national,
      month: "2026-10",
      from: "2026-10-01",
      until: "2026-10-21",
      leave: none,
      onTime: new Set(OCTOBER),
    });
    // 8, 9, 10, 12–16, 19, 20: ten workdays, all on time.
    expect(a).toEqual({ due: 10, onTime: 10, score: 100, missed: [] });
  });

  test("leave days are not due", () => {
    const onTime = new Set(OCTOBER.filter((d) => !["2026-10-10", "2026-10-26", "2026-10-27"].includes(d)));
    const a = attendance({
      calendar: national,
      month: "2026-10",
      from: "2026-10-01",
      leave: new Set(["2026-10-26", "2026-10-27"]),
      onTime,
    });
    // 18 − 2 on leave = 16 due, 15 kept.
    expect(a).toEqual({ due: 16, onTime: 15, score: 93.75, missed: ["2026-10-10"] });
    // Issue 13 item 9: what is computed is the 按时记录率, whatever the scheme calls it.
    expect(attendanceLine("出勤", a)).toBe(
      "按时记录率（出勤）：按时提交日报 15 / 16 个工作日 = 93.75 分（节假日、调休、已批准的请假不计）",
    );
    expect(attendanceLine("按时记录率", a)).toBe(
      "按时记录率：按时提交日报 15 / 16 个工作日 = 93.75 分（节假日、调休、已批准的请假不计）",
    );
  });

  test("the unit's own holiday and extra workday count as the unit says", () => {
    const unit = createWorkCalendar({ holidays: ["2026-10-30"], workdays: ["2026-10-31"] });
    const a = attendance({
      calendar: unit,
      month: "2026-10",
      from: "2026-10-01",
      leave: none,
      onTime: new Set(OCTOBER),
    });
    // 30th off, 31st (a Saturday) on: still 18 due, the 31st missed.
    expect(a).toEqual({ due: 18, onTime: 17, score: 94.44, missed: ["2026-10-31"] });
  });

  test("a person who joined mid-month is due from that day; a month with nothing due yet has no score", () => {
    const a = attendance({
      calendar: national,
      month: "2026-10",
      from: "2026-10-26",
      leave: none,
      onTime: new Set(["2026-10-26", "2026-10-28"]),
    });
    expect(a).toEqual({ due: 5, onTime: 2, score: 40, missed: ["2026-10-27", "2026-10-29", "2026-10-30"] });
    expect(
      attendance({
        calendar: national,
        month: "2026-10",
        from: "2026-10-01",
        today: "2026-10-05",
        leave: none,
        onTime: none,
      }).score,
    ).toBeNull();
  });

  test("today is due only once recorded; the days before it are", () => {
    const through = (today: string, kept: string[]) =>
      attendance({
        calendar: national,
        month: "2026-10",
        from: "2026-10-01",
        today,
        leave: none,
        onTime: new Set(kept),
      });
    expect(through("2026-10-12", ["2026-10-08", "2026-10-09", "2026-10-10"])).toMatchObject({
      due: 3,
      onTime: 3,
      score: 100,
    });
    expect(through("2026-10-12", ["2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12"])).toMatchObject({
      due: 4,
      onTime: 4,
      score: 100,
    });
    expect(through("2026-10-12", ["2026-10-08", "2026-10-10"])).toMatchObject({ due: 3, onTime: 2, score: 66.67 });
  });

  test("a record filed on a later day (补报) is not on time", () => {
    expect(isOnTime("2026-10-09", "2026-10-09")).toBe(true);
    expect(isOnTime("2026-10-09", "2026-10-12")).toBe(false);
  });

  test("the scheme marks a leaf as computed; a parent cannot be", () => {
    const leaf = parseScheme({
      name: "x",
      dimensions: [
        { key: "work", name: "业务", weight: 90 },
        { key: "att", name: "出勤", weight: 10, source: "attendance" },
      ],
    });
    expect(leaf.ok).toBe(true);
    const parent = parseScheme({
      name: "x",
      dimensions: [
        {
          key: "att",
          name: "作风",
          weight: 100,
          source: "attendance",
          children: [{ key: "a", name: "a", weight: 100 }],
        },
      ],
    });
    expect(!parent.ok && parent.errors.map((e) => e.path)).toEqual(["dimensions[0].source"]);
    const unknown = parseScheme({
      name: "x",
      dimensions: [{ key: "att", name: "出勤", weight: 100, source: "typed" }],
    });
    expect(unknown.ok).toBe(false);
  });
});

describe("leave kinds and days (issue 13 item 9)", () => {
  test("the kinds people type, as the seeds name them (篇4 line 74: 事假, 病假)", () => {
    expect(readLeaveKind("事假")).toBe("事假");
    expect(readLeaveKind("病假")).toBe("病假");
    expect(readLeaveKind("年假")).toBe("年休假");
    expect(readLeaveKind("丧假")).toBe("婚丧假");
    expect(readLeaveKind("回老家")).toBeUndefined();
  });

  test("a leave's workdays by the calendar: 国庆 off, the 调休 Saturday on", () => {
    const national = createWorkCalendar();
    // 2026-10-05 … 10-12: the 5th–7th are 国庆, Saturday the 10th a 调休 workday, the 11th a Sunday.
    expect(workdaysBetween(national, "2026-10-05", "2026-10-12")).toBe(4); // 8th, 9th, 10th, 12th
    expect(workdaysBetween(national, "2026-10-26", "2026-10-27")).toBe(2);
  });
});
