import { withdrawReply } from "../cards/withdraw-reply";
import { withdrawLatest } from "../src/app/withdraw";
import { applyResult } from "../src/bot/apply";
import { defineCommand } from "../src/bot/command";
import { localDate } from "../src/domain/dates";
import { withdrawArgs, withdrawDay } from "./args/withdraw";
import { problem } from "./guards";

/** 撤回: the receipt's 撤回 button as a reply command, for WeChat (and Lark): the author takes a record back. */
export const withdrawCommand = defineCommand({
  name: "撤回",
  aliases: ["undo"],
  summary: {
    zh: "撤回自己最近一条记录，或某天最近一条：撤回 11-27",
    en: "Withdraw your latest record, or a day's latest: /undo 11-27",
  },
  example: { zh: "撤回 11-27", en: "/undo 11-27" },
  takesText: true,
  args: withdrawArgs,
  async handle(ctx) {
    const day = withdrawDay(ctx.args.dayText, localDate(ctx.now, ctx.group.timezone), ctx.lang);
    if (!day.ok) return problem(ctx, { zh: "看不懂日期", en: "Unclear date" }, day.problem);
    const { date } = day;
    const input = { member: ctx.member, date, actorUserId: ctx.update.senderId, now: ctx.now };
    const result = await withdrawLatest(ctx.deps.db, input);
    if (result.ok) applyResult(ctx.work, result);
    ctx.reply(withdrawReply(result, date, ctx.lang));
  },
});
