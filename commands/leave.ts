import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { leaveWrites } from "../src/app/leaves";
import { defineCommand } from "../src/bot/command";
import { addDays, localDate } from "../src/domain/dates";
import { parseBackfillDate } from "./backfill";
import { problem } from "./guards";

/** Longest leave one message may record. */
const MAX_DAYS = 90;

/** "11-28" or "11-28 11-30", read forward from today (a leave is planned, or today's). */
export function parseLeaveDates(words: string[], today: string): { from: string; to: string } | undefined {
  const forward = (s: string) => {
    // A leave looks ahead: "01-05" in late November is next January, unless written in full.
    const thisYear = parseBackfillDate(s, `${today.slice(0, 4)}-12-31`);
    if (!thisYear) return undefined;
    if (/^\d{4}-/.test(s) || thisYear >= addDays(today, -31)) return thisYear;
    return parseBackfillDate(s, `${Number(today.slice(0, 4)) + 1}-12-31`);
  };
  const from = words[0] ? forward(words[0]) : undefined;
  const to = words[1] && /\d/.test(words[1]) ? forward(words[1]) : from;
  return from && to ? { from, to } : undefined;
}

const leaveArgs = (lang: Lang) =>
  z.string().transform((text, ctx) => {
    const words = text.trim().split(/\s+/u).filter(Boolean);
    if (!words.length) {
      ctx.addIssue({ code: "custom", message: t(lang, "请写明日期，例如：请假 11-28 11-30 年休假", "Give the dates, e.g. /leave 11-28 11-30 annual leave") });
      return z.NEVER;
    }
    return words;
  });

/** 请假: days away; the daily reminder skips them and the day counts stay fair. */
export const leaveCommand = defineCommand({
  name: "请假",
  aliases: ["休假", "leave"],
  summary: { zh: "登记请假日期，提醒会跳过这些天", en: "Register days away; reminders skip them" },
  example: { zh: "请假 11-28 11-30 年休假", en: "/leave 11-28 11-30 annual leave" },
  takesText: true,
  args: leaveArgs,
  async handle(ctx) {
    const today = localDate(ctx.now, ctx.group.timezone);
    const dates = parseLeaveDates(ctx.args, today);
    const example = t(ctx.lang, "请假 11-28 11-30 年休假", "/leave 11-28 11-30 annual leave");
    if (!dates) return problem(ctx, { zh: "看不懂日期", en: "Unclear dates" }, t(ctx.lang, "日期写成 11-28 或 2026-11-28。", "Write dates as 11-28 or 2026-11-28."), example);
    if (dates.to < dates.from) return problem(ctx, { zh: "日期顺序不对", en: "Dates out of order" }, t(ctx.lang, "结束日期不能早于开始日期。", "The end is before the start."), example);
    if (addDays(dates.from, MAX_DAYS) < dates.to) return problem(ctx, { zh: "时间太长", en: "Too long" }, t(ctx.lang, `一次最多登记 ${MAX_DAYS} 天。`, `At most ${MAX_DAYS} days at once.`));
    const reason = ctx.args.slice(dates.to === dates.from && !/\d/.test(ctx.args[1] ?? "") ? 1 : 2).join(" ") || undefined;
    ctx.work.write(...leaveWrites(ctx.deps.db, { group: ctx.group, member: ctx.member, ...dates, reason, now: ctx.now }));
    const span = dates.from === dates.to ? dates.from : `${dates.from} — ${dates.to}`;
    ctx.reply(noticeCard({ title: t(ctx.lang, "已登记请假", "Leave registered"), body: t(ctx.lang, `${span}${reason ? `（${reason}）` : ""}，这几天不会提醒你交日报。`, `${span}: no reminders on these days.`), colour: "green" }));
  },
});
