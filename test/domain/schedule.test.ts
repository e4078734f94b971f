import { describe, expect, test } from "vitest";
import { createWorkCalendar } from "../../src/domain/calendar";
import {
  addWorkdays,
  firstWorkdayOfQuarter,
  monthsOfQuarter,
  previousMonth,
  previousQuarter,
  quarterOf,
  workdaysBetween,
} from "../../src/domain/periods";
import { dueJobs } from "../../src/domain/schedule";

const cal = createWorkCalendar();
const shanghai = { timezone: "Asia/Shanghai" };
const kinds = (iso: string, group = shanghai) => dueJobs(new Date(iso), group, cal).map((j) => `${j.kind}:${j.period}`);

describe("periods", () => {
  test("month and quarter arithmetic across year ends", () => {
    expect(previousMonth("2026-01")).toBe("2025-12");
    expect(quarterOf("2026-11-28")).toBe("2026-Q4");
    expect(previousQuarter("2026-Q1")).toBe("2025-Q4");
    expect(monthsOfQuarter("2026-Q4")).toEqual(["2026-10", "2026-11", "2026-12"]);
  });

  test("the first workday of a quarter skips the National Day holiday", () => {
    expect(firstWorkdayOfQuarter("2026-Q4", cal)).toBe("2026-10-08");
    expect(firstWorkdayOfQuarter("2026-Q1", cal)).toBe("2026-01-04"); // a Sunday, 调休 workday
  });

  test("workday counting honours holidays and make-up days", () => {
    expect(addWorkdays("2026-09-30", 3, cal)).toBe("2026-10-10"); // 8th, 9th, Saturday 10th (调休)
    expect(workdaysBetween("2026-10-01", "2026-10-11", cal)).toEqual(["2026-10-08", "2026-10-09", "2026-10-10"]);
  });
});

describe("which jobs are due", () => {
  test("the daily reminder at 17:30 in the group's time zone, on workdays only", () => {
    expect(kinds("2026-11-27T09:29:00Z")).not.toContain("reminder:2026-11-27"); // 17:29 Shanghai
    expect(kinds("2026-11-27T09:30:00Z")).toContain("reminder:2026-11-27");
    expect(kinds("2026-11-28T09:30:00Z")).not.toContain("reminder:2026-11-28"); // Saturday
    expect(kinds("2026-10-10T09:30:00Z")).toContain("reminder:2026-10-10"); // Saturday make-up workday
    expect(kinds("2026-10-02T09:30:00Z")).not.toContain("reminder:2026-10-02"); // National Day
    expect(kinds("2026-11-27T12:31:00Z")).not.toContain("reminder:2026-11-27"); // 20:31, too late to help
  });

  test("another time zone gets its own 17:30", () => {
    const berlin = { timezone: "Europe/Berlin" };
    expect(kinds("2026-11-27T16:30:00Z", berlin)).toContain("reminder:2026-11-27");
    expect(kinds("2026-11-27T09:30:00Z", berlin)).not.toContain("reminder:2026-11-27");
  });

  test("the monthly ranking from 09:00 on the 1st, for the month before, across the year end", () => {
    expect(kinds("2026-12-01T00:59:00Z")).not.toContain("monthly-ranking:2026-11");
    expect(kinds("2026-12-01T01:00:00Z")).toContain("monthly-ranking:2026-11");
    expect(kinds("2027-01-01T01:00:00Z")).toContain("monthly-ranking:2026-12");
    // 1 December 09:00 in Shanghai is still 30 November in UTC.
    expect(kinds("2026-11-30T23:00:00Z", { timezone: "UTC" })).not.toContain("monthly-ranking:2026-11");
  });

  test("quarterly report cards on the quarter's first workday, not on a holiday", () => {
    expect(kinds("2026-10-01T02:00:00Z")).not.toContain("quarterly-report:2026-Q3");
    expect(kinds("2026-10-08T01:00:00Z")).toContain("quarterly-report:2026-Q3");
  });

  test("the annual summary in January, from its first workday", () => {
    expect(kinds("2027-01-04T02:00:00Z")).toContain("annual-summary:2026");
    expect(kinds("2027-02-04T02:00:00Z").some((k) => k.startsWith("annual-summary"))).toBe(false);
  });
});

describe("approval and review jobs", () => {
  test("the leaders' digest on workday mornings", () => {
    expect(kinds("2026-11-27T01:00:00Z")).toContain("pending-digest:2026-11-27");
    expect(kinds("2026-11-28T01:00:00Z")).not.toContain("pending-digest:2026-11-28"); // Saturday
    expect(kinds("2026-11-27T00:59:00Z")).not.toContain("pending-digest:2026-11-27");
  });

  test("月评议 from 15:00 on the month's last workday until the month ends", () => {
    expect(kinds("2026-11-30T06:59:00Z")).not.toContain("monthly-review:2026-11"); // Monday 30th, 14:59
    expect(kinds("2026-11-30T07:00:00Z")).toContain("monthly-review:2026-11");
    expect(kinds("2026-10-30T08:00:00Z")).toContain("monthly-review:2026-10"); // Friday 30th; the 31st is a Saturday
    expect(kinds("2026-10-31T08:00:00Z")).toContain("monthly-review:2026-10");
    expect(kinds("2026-10-29T08:00:00Z")).not.toContain("monthly-review:2026-10");
  });
});
