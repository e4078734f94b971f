import { BACKFILL_EXAMPLE, backfillRefusal, backfillUnclearDate } from "../cards/backfill-reply";
import { backfillDay } from "../src/app/backfill";
import { defineCommand } from "../src/bot/command";
import { localDate } from "../src/domain/dates";
import { backfillArgs, backfillDate } from "./args/backfill";
import { submitClaim } from "./claim";

/** Kept here for the tests and commands that read a backfill day from 补报. */

/** 补报: a past workday's record, inside the scheme's window; it counts once a leader approves. */
export const backfillCommand = defineCommand({
  name: "补报",
  aliases: ["补记", "backfill"],
  summary: {
    zh: "补记之前某个工作日的日报（方案规定的天数内，审批后计入）",
    en: "Record a past workday (within the scheme's window; counts once approved)",
  },
  example: BACKFILL_EXAMPLE,
  takesText: true,
  args: backfillArgs,
  async handle(ctx) {
    const today = localDate(ctx.now, ctx.group.timezone);
    const day = backfillDate(ctx.args.dateText, today, ctx.lang);
    if ("problem" in day) return ctx.reply(backfillUnclearDate(day.problem, ctx.lang));
    const open = await backfillDay(ctx.deps, { group: ctx.group, date: day.date, today });
    if (!open.ok) return ctx.reply(backfillRefusal(open, day.date, ctx.lang));
    return submitClaim(ctx, "backfill", open.month, { date: day.date }, ctx.args.body);
  },
});
