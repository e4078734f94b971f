import { z } from "zod";
import { parkedCard, resendCard } from "../cards/parked-reply";
import { leadersOnlyCard } from "../cards/refusals";
import { parkedList, resendParked } from "../src/app/parked";
import { defineCommand } from "../src/bot/command";
import { resendArgs } from "./args/parked";

/** 发送失败: leaders see the messages the bot gave up on, and why. */
export const parkedCommand = defineCommand({
  name: "发送失败",
  aliases: ["failed"],
  summary: {
    zh: "负责人查看发送失败的消息（发「重发」重试）",
    en: "Leaders: messages that could not be delivered (/resend retries)",
  },
  example: { zh: "发送失败", en: "/failed" },
  takesText: false,
  args: () => z.string(),
  async handle(ctx) {
    const list = await parkedList(ctx.deps, { group: ctx.group, member: ctx.member });
    ctx.reply(list.ok ? parkedCard(list.rows, ctx.group.timezone, ctx.lang) : leadersOnlyCard(ctx.lang, "发送失败"));
  },
});

/** 重发: put parked messages back in the queue. */
export const resendCommand = defineCommand({
  name: "重发",
  aliases: ["resend"],
  summary: {
    zh: "负责人重试发送失败的消息（全部或指定编号）",
    en: "Leaders: retry failed messages (all, or by number)",
  },
  example: { zh: "重发", en: "/resend" },
  takesText: true,
  args: resendArgs,
  async handle(ctx) {
    const done = await resendParked(ctx.deps, { group: ctx.group, member: ctx.member, ids: ctx.args, now: ctx.now });
    if (done.ok) ctx.work.write(...done.writes);
    ctx.reply(done.ok ? resendCard(done.count, ctx.lang) : leadersOnlyCard(ctx.lang, "重发"));
  },
});
