import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { readLeaveKind, type LeaveKind } from "../../src/domain/attendance";
import { addDays, type IsoDate } from "../../src/domain/dates";
import { readDate, type DateRead } from "../date-arg";

/** A leave's dates, or the word that is no date and why. */
export type LeaveDates = { from: string; to: string } | { bad: string; read: DateRead };

/** "11-28" or "11-28 11-30", read forward from today (a leave is planned, or today's). */
export function readLeaveDates(words: string[], today: string): LeaveDates {
  const forward = (s: string): DateRead => {
    // A leave looks ahead: "01-05" in late November is next January, unless written in full.
    const thisYear = readDate(s, `${today.slice(0, 4)}-12-31`);
    if (thisYear.kind !== "date" || /^\d{4}/.test(s) || thisYear.date >= addDays(today, -31)) return thisYear;
    return readDate(s, `${Number(today.slice(0, 4)) + 1}-12-31`);
  };
  const fromText = words[0] ?? "";
  const from = forward(fromText);
  if (from.kind !== "date") return { bad: fromText, read: from };
  const toText = words[1] && /\d/.test(words[1]) ? words[1] : undefined;
  if (!toText) return { from: from.date, to: from.date };
  const to = forward(toText);
  return to.kind === "date" ? { from: from.date, to: to.date } : { bad: toText, read: to };
}

/** The dates, or undefined when either is no date. */
export function parseLeaveDates(words: string[], today: string): { from: string; to: string } | undefined {
  const r = readLeaveDates(words, today);
  return "bad" in r ? undefined : r;
}

/** A whole 请假 line read against today: the dates, the kind (其他 when none is named) and the reason. */
export type LeaveRequestRead =
  | { bad: string; read: DateRead }
  | { from: IsoDate; to: IsoDate; kind: LeaveKind; reason?: string };

export function readLeaveRequest(words: string[], today: IsoDate): LeaveRequestRead {
  const dates = readLeaveDates(words, today);
  if ("bad" in dates) return dates;
  // After the dates: the kind (事假, 病假…, 篇4 line 74), then the reason; an unnamed kind is 其他.
  const after = words.slice(dates.to === dates.from && !/\d/.test(words[1] ?? "") ? 1 : 2);
  const named = after[0] ? readLeaveKind(after[0]) : undefined;
  const reason = (named ? after.slice(1) : after).join(" ") || undefined;
  return { from: dates.from, to: dates.to, kind: named ?? "其他", ...(reason ? { reason } : {}) };
}

/** The words after 请假: at least the date. */
export const leaveArgs = (lang: Lang) =>
  z.string().transform((text, ctx) => {
    const words = text.trim().split(/\s+/u).filter(Boolean);
    if (!words.length) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          "请写明日期，例如：请假 11-28 11-30 年休假",
          "Give the dates, e.g. /leave 11-28 11-30 annual leave",
        ),
      });
      return z.NEVER;
    }
    return words;
  });
