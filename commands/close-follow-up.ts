import { closeFollowUpReply } from "../cards/close-follow-up-reply";
import { closeFollowUpByNo } from "../src/app/follow-up-close";
import { defineCommand } from "../src/bot/command";
import { followUpLine } from "../src/jobs/grade-gate";
import { closeFollowUpArgs } from "./args/close-follow-up";

/** 销号: a leader closes off one follow-up item once it is done (篇3 「逐项逐条核实销号」). */
export const closeFollowUpCommand = defineCommand({
  name: "销号",
  aliases: ["close-follow-up"],
  summary: {
    zh: "负责人对整改到位的整改项销号（编号见「整改」，可附说明）",
    en: "Leaders: close a follow-up item that is done (number from 整改)",
  },
  example: { zh: "销号 3 已连续一个月按时提交日报", en: "/close-follow-up 3 done" },
  takesText: true,
  args: closeFollowUpArgs,
  async handle(ctx) {
    const { group, member, now } = ctx;
    const done = await closeFollowUpByNo(ctx.deps, { group, member, ...ctx.args, by: ctx.update.senderId, now });
    if (done.code === "closed") ctx.work.write(...done.writes);
    const line = done.code === "closed" ? followUpLine(done.item, group, done.people) : undefined;
    ctx.reply(closeFollowUpReply(done, line, ctx.lang));
  },
});
