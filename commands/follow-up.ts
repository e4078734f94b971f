import { z } from "zod";
import { followUpsCards, followUpText } from "../cards/follow-ups";
import { t, type Lang } from "../cards/kit";
import { addFollowUp, followUpsOf, groupPeople } from "../src/app/follow-ups";
import { displayName } from "../src/app/scores";
import { resolveTarget, splitTargets } from "./target-arg";
import { defineCommand } from "../src/bot/command";
import { localDate } from "../src/domain/dates";
import { charCount, excerpt } from "../src/domain/text";
import { followUpLine } from "../src/jobs/grade-gate";
import { dateOf, readDate } from "./date-arg";
import { leadersOnly, plainNotice, problem } from "./guards";

const EXAMPLE = {
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

type Args =
  | { kind: "list" }
  | { kind: "add"; who: string; problem: string; measure: string; owner: string; due: string };

/** "@王五 问题：… 措施：… 责任：… 时限：…" → its four parts; the labels may come in any order. */
const args = (lang: Lang) =>
  z.string().transform((text, ctx): Args => {
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

/**
 * 整改: a leader sets one follow-up item (问题、措施、责任、时限, 篇3) for a person below the line; alone,
 * the list (everyone's for leaders, with 销号 buttons; one's own for everyone else).
 */
export const followUpCommand = defineCommand({
  name: "整改",
  aliases: ["整改清单", "follow-up"],
  summary: {
    zh: "整改清单：负责人为低于整改线的人制定问题、措施、责任、时限；单发「整改」查看清单",
    en: "Follow-up items (problem, measure, owner, deadline); alone: the list",
  },
  example: EXAMPLE,
  takesText: true,
  args,
  async handle(ctx) {
    const { db } = ctx.deps;
    const leader = ctx.member.role === "leader";
    const people = await groupPeople(db, ctx.group.id);
    if (ctx.args.kind === "list") {
      const items = await followUpsOf(db, ctx.group.id, leader ? {} : { memberId: ctx.member.id });
      for (const card of followUpsCards({
        groupId: ctx.group.id,
        groupName: ctx.group.name,
        items: items.map((f) => followUpLine(f, ctx.group, people)),
        canClose: leader,
        lang: ctx.lang,
      }))
        ctx.reply(card);
      return;
    }
    if (!leadersOnly(ctx, "整改")) return;
    const a = ctx.args;
    const target = await resolveTarget(db, ctx.group, a.who, ctx.update.mentions, ctx.lang);
    if (!target.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, target.problem, EXAMPLE[ctx.lang]);
    const today = localDate(ctx.now, ctx.group.timezone);
    const due = dueDate(a.due, today);
    if (!due)
      return problem(
        ctx,
        { zh: "时限看不懂", en: "Deadline?" },
        t(ctx.lang, `时限写作 2027-01-31 或 1月31日，不是「${excerpt(a.due)}」。`, `Write 2027-01-31.`),
        EXAMPLE[ctx.lang],
      );
    const outcome = await addFollowUp(db, {
      group: ctx.group,
      member: target.member,
      problem: a.problem,
      measure: a.measure,
      owner: a.owner,
      due,
      today,
      by: ctx.update.senderId,
      now: ctx.now,
    });
    if (outcome.code === "past-due")
      return problem(
        ctx,
        { zh: "时限已过", en: "Deadline passed" },
        t(ctx.lang, `时限 ${due} 早于今天 ${today}，请写一个今后的日期。`, `${due} is before today.`),
        EXAMPLE[ctx.lang],
      );
    if (outcome.code === "no-period")
      return problem(
        ctx,
        { zh: "还没有发布过考核结果", en: "Nothing published yet" },
        t(ctx.lang, "整改针对已发布的季度或年度结果；本群还没有发布过。", "Follow-ups follow a published result."),
      );
    ctx.work.write(...outcome.writes);
    ctx.reply(
      plainNotice({
        title: t(ctx.lang, `整改项 #${outcome.item.no} 已制定`, `Follow-up #${outcome.item.no} set`),
        body: `${displayName(target.member)}　${followUpText(followUpLine(outcome.item, ctx.group, people), ctx.lang)}`,
        hint: t(ctx.lang, "整改到位后发「销号 编号 说明」，或在「整改」清单上点销号。", "Close it with 销号 <number>."),
        colour: "orange",
      }),
    );
    ctx.work.send(
      { type: "open_id", id: target.member.userId },
      {
        text: t(
          ctx.lang,
          `负责人为你制定了整改项 #${outcome.item.no}（${outcome.item.period}）：问题：${a.problem}；措施：${a.measure}；责任：${a.owner}；时限：${due}。整改到位后由负责人销号，下一张成绩单上会列出。`,
          `Follow-up #${outcome.item.no} set for you: ${a.problem}; due ${due}.`,
        ),
      },
    );
  },
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
