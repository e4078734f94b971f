import { expect, test } from "vitest";
import { voteFileMonth } from "../../src/app/survey-import";

test("a tally counts toward the month its file name names, never a later one; otherwise this month", () => {
  expect(voteFileMonth("2026-10测评票数.xlsx", "2026-11")).toBe("2026-10");
  expect(voteFileMonth("2026-12测评票数.xlsx", "2026-11")).toBe("2026-11");
  expect(voteFileMonth("测评票数.csv", "2026-11")).toBe("2026-11");
  expect(voteFileMonth("2026-13测评票数.csv", "2026-11")).toBe("2026-11");
});
