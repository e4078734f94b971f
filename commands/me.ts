import { z } from "zod";
import { myMonthCard } from "../cards/my-month";
import { groupCalendar } from "../src/app/leaves";
import { monthSummary } from "../src/app/records";
import { defineCommand } from "../src/bot/command";
import { localDate } from "../src/domain/dates";

/** 我的: my records this month and the workdays without one. */
export const meCommand = defineCommand({
  name: "我的",
  aliases: ["我的记录", "me", "mine"],
  summary: { zh: "看我本月的记录，以及哪些工作日还没记", en: "My records this month and the workdays still missing" },
  example: { zh: "我的", en: "/me" },
  takesText: false,
  args: () => z.string(),
  async handle(ctx) {
    const today = localDate(ctx.now, ctx.group.timezone);
    const s = await monthSummary(ctx.deps.db, groupCalendar(ctx.group), ctx.member.id, today);
    ctx.reply(
      myMonthCard({
        name: ctx.member.name,
        month: s.month,
        records: s.records.map((r) => ({ date: r.date, text: r.text })),
        workdaysSoFar: s.workdaysSoFar.length,
        missing: s.missing,
        lang: ctx.lang,
      }),
    );
  },
});
