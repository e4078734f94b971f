import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { linkCodeReply, linkReply } from "../cards/link-reply";
import { linkFromChat, requestLinkCode } from "../src/app/links";
import { defineCommand } from "../src/bot/command";

/** The WeChat bridge answers a wrong code with the same card (src/channels/wechat/links.ts). */

/** 绑定码: a leader in a Lark group gets a code for a WeChat room; anyone privately gets one for themself. */
export const linkCodeCommand = defineCommand({
  name: "绑定码",
  aliases: ["linkcode"],
  summary: {
    zh: "在飞书获取绑定码，把微信群或自己的微信与本群合并（群里由负责人获取）",
    en: "Get a code to link a WeChat room (leaders, in the group) or your WeChat (privately)",
  },
  example: { zh: "绑定码", en: "/linkcode" },
  takesText: false,
  args: () => z.string(),
  async handle(ctx) {
    const issued = requestLinkCode(ctx.deps.db, {
      platform: ctx.deps.platform,
      inGroupChat: ctx.update.chatType === "group",
      group: ctx.group,
      member: ctx.member,
      now: ctx.now,
    });
    if (issued.ok) ctx.work.write(...issued.writes);
    ctx.reply(linkCodeReply(issued, ctx.group.name, ctx.lang));
  },
});

const codeArgs = (lang: Lang) =>
  z
    .string()
    .trim()
    .regex(
      /^\d{6}$/u,
      t(lang, "绑定码是 6 位数字，例如「绑定 123456」。", "The code has 6 digits, e.g. “绑定 123456”."),
    );

/** 绑定 <code>: in a WeChat room, links the room; in private chat, links the person. */
export const linkCommand = defineCommand({
  name: "绑定",
  aliases: ["link"],
  summary: {
    zh: "在微信里用飞书的绑定码合并群或个人：绑定 123456",
    en: "In WeChat: link this room or yourself with a code from Lark",
  },
  example: { zh: "绑定 123456", en: "/link 123456" },
  takesText: true,
  args: codeArgs,
  async handle(ctx) {
    const room = ctx.update.chatType === "group";
    const linked = await linkFromChat(ctx.deps, {
      platform: ctx.deps.platform,
      code: ctx.args,
      room,
      who: room ? ctx.update.chatId : ctx.update.senderId,
      by: ctx.update.senderId,
      current: ctx.group,
      eventId: ctx.update.eventId,
      now: ctx.now,
    });
    if (linked.kind === "linked") ctx.work.write(...linked.writes);
    ctx.reply(linkReply(linked, room, ctx.lang));
  },
});
