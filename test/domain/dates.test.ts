import { describe, expect, test } from "vitest";
import { createWorkCalendar } from "../../src/domain/calendar";
import { addDays, chineseDate, datesOfMonth, isIsoDate, localDate, localDateTime } from "../../src/domain/dates";

describe("local dates", () => {
  test("today is the group's day, not UTC's", () => {
    const instant = new Date("2026-11-27T16:30:00Z"); // 00:30 on the 28th in Shanghai
    expect(localDate(instant, "Asia/Shanghai")).toBe("2026-11-28");
    expect(localDate(instant, "UTC")).toBe("2026-11-27");
    expect(localDate(instant, "America/New_York")).toBe("2026-11-27");
    expect(localDateTime(instant, "Asia/Shanghai").time).toBe("00:30");
  });

  test("month boundaries and leap years", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(datesOfMonth("2026-02")).toHaveLength(28);
    expect(datesOfMonth("2028-02")).toHaveLength(29);
  });

  test("validates ISO dates", () => {
    expect(isIsoDate("2026-11-28")).toBe(true);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-1-3")).toBe(false);
  });

  test("Chinese date labels", () => {
    expect(chineseDate("2026-11-28")).toBe("11月28日 周六");
  });
});

describe("the Chinese work calendar", () => {
  const cal = createWorkCalendar();

  test("weekdays work, weekends rest", () => {
    expect(cal.isWorkday("2026-11-27")).toBe(true); // Friday
    expect(cal.isWorkday("2026-11-28")).toBe(false); // Saturday
  });

  test("statutory holidays are off and 调休 weekend days are on", () => {
    expect(cal.isWorkday("2026-10-01")).toBe(false);
    expect(cal.isWorkday("2026-10-07")).toBe(false);
    expect(cal.isWorkday("2026-10-10")).toBe(true); // Saturday make-up day
    expect(cal.isWorkday("2025-01-26")).toBe(true); // Sunday make-up day
    expect(cal.isWorkday("2025-01-29")).toBe(false); // 春节
  });

  test("October 2026 has the right number of workdays", () => {
    // 31 days, 9 weekend days of which Sat 10th is worked; 1st–7th off (5 of them weekdays).
    expect(cal.workdaysOfMonth("2026-10")).toHaveLength(31 - 9 + 1 - 5);
  });

  test("an admin's dates win over the national arrangement", () => {
    const local = createWorkCalendar({ holidays: ["2026-10-10", "2026-11-27"], workdays: ["2026-11-28"] });
    expect(local.isWorkday("2026-10-10")).toBe(false);
    expect(local.isWorkday("2026-11-27")).toBe(false);
    expect(local.isWorkday("2026-11-28")).toBe(true);
  });
});

test("2027 carries at least the statutory holidays until its notice is added", () => {
  const cal = createWorkCalendar();
  expect(cal.isWorkday("2027-01-01")).toBe(false); // Friday, 元旦
  expect(cal.isWorkday("2027-02-08")).toBe(false); // Monday, 春节
  expect(cal.isWorkday("2027-01-04")).toBe(true);
});

test("local midnight and month ends are found in the group's zone", async () => {
  const { startOfLocalDay, endOfLocalMonth } = await import("../../src/domain/dates");
  expect(startOfLocalDay("2026-11-28", "Asia/Shanghai").toISOString()).toBe("2026-11-27T16:00:00.000Z");
  expect(endOfLocalMonth("2026-11", "Asia/Shanghai").toISOString()).toBe("2026-11-30T16:00:00.000Z");
  expect(startOfLocalDay("2026-03-29", "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z"); // DST starts that night
  expect(endOfLocalMonth("2026-12", "UTC").toISOString()).toBe("2027-01-01T00:00:00.000Z");
});
