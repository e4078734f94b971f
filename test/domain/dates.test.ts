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

  test("the kept minute answers as Intl does: every second around a DST change, old local mean time, midnight", () => {
    const intl = (at: Date, timeZone: string) => {
      const f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      });
      const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
      return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
    };
    const around = [
      ["America/New_York", "2026-11-01T05:58:00Z"], // 01:58 EDT, then back to 01:00 EST
      ["Europe/Berlin", "2026-03-29T00:58:00Z"], // 01:58, then 03:00
      ["Asia/Shanghai", "1900-12-31T15:50:00Z"], // local mean time, +08:05:43: minutes cut inside UTC's
      ["Africa/Monrovia", "1972-01-07T00:40:00Z"], // −00:44:30 until 1972
      ["Asia/Shanghai", "2026-11-27T15:58:00Z"], // the day turns at 16:00 UTC
    ] as const;
    for (const [zone, start] of around) {
      // Forwards, backwards and forwards again, so kept minutes are met from both sides.
      const seconds = Array.from({ length: 300 }, (_, i) => i * 1000 + 499);
      for (const s of [...seconds, ...seconds.toReversed(), ...seconds]) {
        const at = new Date(new Date(start).getTime() + s);
        expect(localDateTime(at, zone), `${zone} ${at.toISOString()}`).toEqual(intl(at, zone));
      }
    }
    // What a caller does to the answer does not change the next one.
    const first = localDateTime(new Date("2026-12-02T01:00:00Z"), "UTC");
    first.time = "changed";
    expect(localDateTime(new Date("2026-12-02T01:00:30Z"), "UTC").time).toBe("01:00");
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
