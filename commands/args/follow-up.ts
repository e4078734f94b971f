import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { splitTargets } from "../../src/app/targets";
import { charCount, excerpt } from "../../src/domain/text";
import { dateOf, readDate } from "../date-arg";

export const FOLLOW_UP_EXAMPLE = {
  zh: "整改 @王五 问题：日报缺报5次 措施：每日17:30前提交并由科长抽查 责任：王五、李主任 时限：2027-01-31",
  en: "/follow-up @王五 问题：… 措施：… 责任：… 时限：2027-01-31",
};
/** Each of 问题、措施、责任 holds at most this many characters. */
export const MAX_FOLLOW_UP_CHARS = 200;
const LABELS = /(问题|措施|责任人|责任|时限)[：:]/gu;
const FIELD: Record<string, "problem" | "measure" | "owner" | "due"> = {
  问题: "problem",
  措施: "measure",
  责任: "owner",
  责任人: "owner",
  时限: "due",
};

export type FollowUpArgs =
  | { kind: "list" }
  | { kind: "add"; who: string; problem: string; measure: string; owner: string; due: string };

/** "@王五 问题：… 措施：… 责任：… 时限：…" → its four parts; the labels may come in any order. */
export const followUpArgs = (lang: Lang) =>
  z.string().transform((text, ctx): FollowUpArgs => {
    if (!text.trim()) return { kind: "list" };
    const fail = (zh: string, en: string) => {
      ctx.addIssue({ code: "custom", message: t(lang, zh, en) });
      return z.NEVER;
    };
    const first = text.search(LABELS);
    const { names } = splitTargets(first < 0 ? text : text.slice(0, first));
    if (names.length !== 1) return fail("请 @ 一位要整改的人，再写问题、措施、责任、时限。", "Name one person first.");
    const parts: Partial<Record<"problem" | "measure" | "owner" | "due", string>> = {};
    const marks = [...text.matchAll(LABELS)];
    marks.forEach((m, i) => {
      const end = marks[i + 1]?.index ?? text.length;
      parts[FIELD[m[1]!]!] = text.slice(m.index! + m[0].length, end).trim();
    });
    const missing = (["problem", "measure", "owner", "due"] as const).filter((k) => !parts[k]);
    if (missing.length) {
      const zh = { problem: "问题", measure: "措施", owner: "责任", due: "时限" };
      return fail(
        `整改清单四项都要写：还缺 ${missing.map((k) => zh[k]).join("、")}。`,
        `Missing: ${missing.join(", ")}.`,
      );
    }
    for (const k of ["problem", "measure", "owner"] as const)
      if (charCount(parts[k]!) > MAX_FOLLOW_UP_CHARS)
        return fail(
          `每项最多 ${MAX_FOLLOW_UP_CHARS} 字（「${excerpt(parts[k]!)}」有 ${charCount(parts[k]!)} 字），请精简。`,
          `At most ${MAX_FOLLOW_UP_CHARS} characters each.`,
        );
    return {
      kind: "add",
      who: names[0]!,
      problem: parts.problem!,
      measure: parts.measure!,
      owner: parts.owner!.replace(/[@＠]/gu, ""),
      due: parts.due!,
    };
  });

/** "2027-01-31", "2027年1月31日", or "1月31日" / "1-31" meaning the next such day from today. */
export function dueDate(text: string, today: string): string | undefined {
  const full = dateOf(readDate(text, today));
  if (/^\d{4}/.test(text.trim())) return full;
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const d = dateOf(readDate(`${y}-${text.trim()}`, today));
    if (d && d >= today) return d;
  }
  return full;
}
