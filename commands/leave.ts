import { z } from "zod";
import { escapeMarkdown, t, type Lang } from "../cards/kit";
import { charCount, excerpt, MAX_REASON_CHARS } from "../src/domain/text";
import { noticeCard } from "../cards/notice";
import { requestLeave } from "../src/app/leaves";
import { readLeaveKind } from "../src/domain/attendance";
import { renderLeave } from "./leave-decide";
import { defineCommand } from "../src/bot/command";
import { addDays, localDate } from "../src/domain/dates";
import { dateProblem, readDate, type DateRead } from "./date-arg";
import { problem, tooLong } from "./guards";

/** Longest leave one message may record. */
const MAX_DAYS = 90;
/** How far ahead a leave may start: a year covers any planned leave. */
const MAX_AHEAD_DAYS = 366;

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

const leaveArgs = (lang: Lang) =>
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

/**
 * 请假: a leave request with its kind (事假, 病假, 年休假…), decided by a leader
 * (issue 13 item 9); the daily reminder skips the days at once, and once
 * approved they are not due for 按时记录率.
 */
export const leaveCommand = defineCommand({
  name: "请假",
  aliases: ["休假", "leave"],
  summary: {
    zh: "请假：日期、类型（事假、病假、年休假…）和原因，负责人批准",
    en: "Request leave: dates, kind and reason; a leader approves",
  },
  example: { zh: "请假 11-28 11-30 年休假 回老家", en: "/leave 11-28 11-30 年休假" },
  takesText: true,
  args: leaveArgs,
  async handle(ctx) {
    const today = localDate(ctx.now, ctx.group.timezone);
    const dates = readLeaveDates(ctx.args, today);
    const example = t(ctx.lang, "请假 11-28 11-30 年休假", "/leave 11-28 11-30 annual leave");
    if ("bad" in dates)
      return problem(
        ctx,
        { zh: "看不懂日期", en: "Unclear dates" },
        dateProblem(dates.bad, dates.read, ctx.lang),
        example,
      );
    if (dates.from > addDays(today, MAX_AHEAD_DAYS)) {
      return problem(
        ctx,
        { zh: "太远了", en: "Too far ahead" },
        t(
          ctx.lang,
          `请假最多提前 ${MAX_AHEAD_DAYS} 天登记。`,
          `Leave can be registered at most ${MAX_AHEAD_DAYS} days ahead.`,
        ),
        example,
      );
    }
    if (dates.to < dates.from)
      return problem(
        ctx,
        { zh: "日期顺序不对", en: "Dates out of order" },
        t(ctx.lang, "结束日期不能早于开始日期。", "The end is before the start."),
        example,
      );
    if (addDays(dates.from, MAX_DAYS) < dates.to)
      return problem(
        ctx,
        { zh: "时间太长", en: "Too long" },
        t(ctx.lang, `一次最多登记 ${MAX_DAYS} 天。`, `At most ${MAX_DAYS} days at once.`),
      );
    // After the dates: the kind (事假, 病假…, 篇4 line 74), then the reason; an unnamed kind is 其他.
    const after = ctx.args.slice(dates.to === dates.from && !/\d/.test(ctx.args[1] ?? "") ? 1 : 2);
    const named = after[0] ? readLeaveKind(after[0]) : undefined;
    const kind = named ?? "其他";
    const reason = (named ? after.slice(1) : after).join(" ") || undefined;
    if (reason && charCount(reason) > MAX_REASON_CHARS)
      return problem(
        ctx,
        { zh: "原因太长", en: "Reason too long" },
        tooLong(ctx.lang, t(ctx.lang, "请假原因", "a reason"), MAX_REASON_CHARS, charCount(reason)),
      );
    const { leave, writes, approvers } = await requestLeave(ctx.deps.db, {
      group: ctx.group,
      member: ctx.member,
      ...dates,
      kind,
      ...(reason ? { reason } : {}),
      now: ctx.now,
    });
    ctx.work.write(...writes);
    const requester = ctx.member.name || ctx.update.senderId.slice(-4);
    for (const a of approvers)
      ctx.work.send(
        { type: "open_id", id: a.userId },
        renderLeave(leave, ctx.group, requester, { kind: "pending" }, "zh"),
        `leave:${leave.id}:${a.userId}`,
      );
    const span = dates.from === dates.to ? dates.from : `${dates.from} — ${dates.to}`;
    ctx.reply(
      noticeCard({
        title: t(ctx.lang, `已登记请假（第 ${leave.no} 号），等负责人批准`, `Leave requested (no. ${leave.no})`),
        body: t(
          ctx.lang,
          [
            `${kind}：${span}${reason ? `（${escapeMarkdown(excerpt(reason, 60))}）` : ""}，这几天不会提醒你交日报。`,
            approvers.length
              ? `已发给 ${approvers.map((a) => a.name || "负责人").join("、")} 审批；批准后这些天不计入应交日报的工作日。`
              : "本群还没有可以审批的负责人，请群主先设置负责人；批准前这些天仍计入应交日报的工作日。",
          ].join(""),
          `${span}: no reminders on these days; the days stop counting once a leader approves.`,
        ),
        colour: approvers.length ? "green" : "yellow",
      }),
    );
  },
});
