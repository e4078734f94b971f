import { describe, expect, test } from "vitest";
import { attendance } from "../../src/domain/attendance";
import { createWorkCalendar } from "../../src/domain/calendar";
import { absenceUntil, awayOn, inGroupDuring } from "../../src/domain/roster";

/** Someone who left on 2 November 2026 and came back on 10 February 2027 (one row, the time away remembered). */
const AWAY = [{ from: "2026-11-02", until: "2027-02-09" }];
const back = { active: true, leftOn: null, joinedOn: null, absences: AWAY };

describe("the time away of someone who came back", () => {
  test("the span is from the day they left to the day before they were back; none for a same-day return", () => {
    expect(absenceUntil("2026-11-02", "2027-02-10")).toEqual(AWAY[0]);
    expect(absenceUntil("2026-11-02", "2026-11-02")).toBeNull();
    expect(absenceUntil("2026-11-02", "2026-11-03")).toEqual({ from: "2026-11-02", until: "2026-11-02" });
    expect(absenceUntil(null, "2027-02-10")).toBeNull();
  });

  test("months wholly inside it are without them; the months they were in part are with them", () => {
    expect(["2026-10", "2026-11", "2026-12", "2027-01", "2027-02"].map((m) => inGroupDuring(back, m))).toEqual([
      true,
      true,
      false,
      false,
      true,
    ]);
    // A span ending on the 27th of February leaves February in; one to the 28th takes it out.
    const feb = (until: string) => ({ ...back, absences: [{ from: "2027-01-20", until }] });
    expect([inGroupDuring(feb("2027-02-27"), "2027-02"), inGroupDuring(feb("2027-02-28"), "2027-02")]).toEqual([
      true,
      false,
    ]);
    // Without spans nothing changes.
    expect(inGroupDuring({ active: true, leftOn: null, joinedOn: null }, "2026-12")).toBe(true);
  });

  test("its workdays are not due: February 2027 (春节 5–8 off) from the 10th only", () => {
    const calendar = createWorkCalendar();
    const none = new Set<string>();
    const input = { calendar, month: "2027-02", from: "2027-02-01", leave: none, onTime: none };
    expect(attendance(input).due).toBe(attendance({ ...input, away: () => false }).due);
    const a = attendance({ ...input, away: (d) => awayOn(AWAY, d) });
    expect(a.missed[0]).toBe("2027-02-10");
    expect(a.due).toBe(attendance(input).due - 5); // 1–4 and 9 February
  });
});
