/**
 * What 目标 accepts (pure): nothing (view), a period (view that period), 「取消 N」, or a target:
 * 「@张三 安全 事故不超过2起 本年 截止2026-12-31 标准 每起扣20分」. The period word, the deadline (完成时效) and the
 * standard (考核标准, 篇8 line 165) may stand anywhere after the names; the standard takes the rest of the text.
 */
import { z } from "zod";
import { GOAL_EXAMPLE } from "../../cards/goal-reply";
import { t, type Lang } from "../../cards/kit";
import { tooLong } from "../../cards/refusals";
import { resolveGoalPeriod } from "../../src/domain/goals";
import { charCount } from "../../src/domain/text";
import { splitTargets } from "../../src/app/targets";

export type GoalArgs =
  | { kind: "view"; period?: string }
  | { kind: "cancel"; seq: number }
  | { kind: "set"; names: string[]; words: string[]; deadline: string | null; standard: string | null };

export type GoalArgsProblem = { problem: "empty" } | { problem: "bad-deadline"; word: string };

const DEADLINE =
  /^(?:截止|截至|期限|时限|完成时限|by)?[:：]?(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:前|止|之前)?$/u;
const STANDARD = /(?:^|\s)(?:考核标准|标准)[:：]?\s*(.*)$/su;

/** 「截止2026-12-31」 → "2026-12-31"; null if the word is no date, "bad" if it names a day that does not exist. */
export function readDeadline(word: string): string | null | "bad" {
  const m = DEADLINE.exec(word);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return "bad";
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function parseGoalArgs(text: string): GoalArgs | GoalArgsProblem {
  const s = text.trim();
  if (s === "") return { kind: "view" };
  const cancel = /^(?:取消|撤销|删除|cancel)\s*(?:目标)?\s*(\d+)$/iu.exec(s);
  if (cancel) return { kind: "cancel", seq: Number(cancel[1]) };
  if (!/\s/u.test(s) && resolveGoalPeriod(s, "2000-01") !== null) return { kind: "view", period: s };
  const standardMatch = STANDARD.exec(s);
  const standard = standardMatch?.[1]?.trim() || null;
  const head = standardMatch ? s.slice(0, standardMatch.index) : s;
  const { names, words: all } = splitTargets(head);
  let deadline: string | null = null;
  const words: string[] = [];
  for (const w of all) {
    const d = readDeadline(w);
    if (d === "bad") return { problem: "bad-deadline", word: w };
    if (d) deadline = d;
    else words.push(w);
  }
  if (!words.length) return { problem: "empty" };
  return { kind: "set", names, words, deadline, standard };
}

/** A target is a line in a table ("完成12个项目"), not a paragraph. */
const MAX_GOAL_CHARS = 100;

/** 目标's arguments, each problem worded for the reply. */
export const goalArgs = (lang: Lang) =>
  z.string().transform((text, ctx): GoalArgs => {
    const a = parseGoalArgs(text);
    if ("problem" in a) {
      const message =
        a.problem === "empty"
          ? t(lang, `请写明目标和计划数，例如：${GOAL_EXAMPLE.zh}`, "Write the target with a planned number")
          : t(lang, `「${a.word.slice(0, 20)}」不是有效日期`, `“${a.word.slice(0, 20)}” is not a valid date`);
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    const typed = a.kind === "set" ? charCount(a.words.join(" ")) : 0;
    if (typed > MAX_GOAL_CHARS) {
      ctx.addIssue({ code: "custom", message: tooLong(lang, t(lang, "目标", "a target"), MAX_GOAL_CHARS, typed) });
      return z.NEVER;
    }
    return a;
  });
