import { describe, expect, test } from "vitest";
import { readLeaveRequest } from "../../../commands/args/leave";

describe("请假's line, read against today", () => {
  test("dates, then a named kind, then the reason", () => {
    expect(readLeaveRequest(["11-28", "11-30", "年休假", "回老家"], "2026-11-27")).toEqual({
      from: "2026-11-28",
      to: "2026-11-30",
      kind: "年休假",
      reason: "回老家",
    });
  });

  test("one day, no kind named: 其他, and every word after the date is the reason", () => {
    expect(readLeaveRequest(["12-01", "家中有事"], "2026-11-27")).toEqual({
      from: "2026-12-01",
      to: "2026-12-01",
      kind: "其他",
      reason: "家中有事",
    });
    expect(readLeaveRequest(["12-01"], "2026-11-27")).toEqual({ from: "2026-12-01", to: "2026-12-01", kind: "其他" });
  });

  test("a word that is no date says which and why", () => {
    expect(readLeaveRequest(["11-28", "13-45"], "2026-11-27")).toMatchObject({
      bad: "13-45",
      read: { kind: "no-month" },
    });
    expect(readLeaveRequest(["明天"], "2026-11-27")).toMatchObject({ bad: "明天", read: { kind: "unreadable" } });
  });
});
