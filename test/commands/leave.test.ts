import { expect, test } from "vitest";
import { parseLeaveDates } from "../../commands/args/leave";
import { parseBackfillDate } from "../../commands/args/backfill";

test("leave dates read forward from today, backfill dates backward", () => {
  expect(parseLeaveDates(["11-28", "11-30"], "2026-11-27")).toEqual({ from: "2026-11-28", to: "2026-11-30" });
  expect(parseLeaveDates(["01-05"], "2026-11-27")).toEqual({ from: "2027-01-05", to: "2027-01-05" });
  expect(parseLeaveDates(["11-20"], "2026-11-27")).toEqual({ from: "2026-11-20", to: "2026-11-20" }); // a leave just taken
  expect(parseLeaveDates(["2026-01-05"], "2026-11-27")).toEqual({ from: "2026-01-05", to: "2026-01-05" });
  expect(parseLeaveDates(["明天"], "2026-11-27")).toBeUndefined();
  expect(parseBackfillDate("12-30", "2027-01-04")).toBe("2026-12-30");
  expect(parseBackfillDate("11月20日", "2026-11-27")).toBe("2026-11-20");
  expect(parseBackfillDate("02-30", "2026-11-27")).toBeUndefined();
});
