import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { issueLinkCode, LINK_ATTEMPTS, LINK_CODE_TTL_MS, linkChat, type LinkChatResult } from "../src/app/links";
import type { Rendered } from "../cards/kit";
import { defineCommand } from "../src/bot/command";
import { leadersOnly } from "./guards";

const MINUTES = LINK_CODE_TTL_MS / 60_000;

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
    if (ctx.deps.platform !== "lark") {
      ctx.reply(
        noticeCard({
          title: t(ctx.lang, "请在飞书里获取绑定码", "Get the code in Lark"),
          body: t(
            ctx.lang,
            "绑定码在飞书群（负责人）或与我的飞书私聊里获取，再到微信里发送「绑定 绑定码」。",
            "Get the code in Lark, then send “绑定 <code>” here.",
          ),
          colour: "yellow",
        }),
      );
      return;
    }
    const room = ctx.update.chatType === "group";
    if (room && !leadersOnly(ctx, "绑定码")) return;
    const issued = issueLinkCode(ctx.deps.db, {
      kind: room ? "room" : "person",
      group: ctx.group,
      member: ctx.member,
      now: ctx.now,
    });
    ctx.work.write(...issued.writes);
    const body = room
      ? t(
          ctx.lang,
          `在要合并的微信群里 @我 发送「绑定 ${issued.code}」，该微信群就与「${ctx.group.name}」共用记录和排名。`,
          `In the WeChat room, @me with “绑定 ${issued.code}”: it then shares records and ranking with this group.`,
        )
      : t(
          ctx.lang,
          `在微信里私聊我发送「绑定 ${issued.code}」，你在微信里的记录就算在「${ctx.group.name}」的你名下。`,
          `Send me “绑定 ${issued.code}” privately in WeChat: your WeChat records then count as yours here.`,
        );
    ctx.reply(
      noticeCard({
        title: t(
          ctx.lang,
          `绑定码 ${issued.code}（${MINUTES} 分钟内有效）`,
          `Link code ${issued.code} (valid ${MINUTES} min)`,
        ),
        body,
        colour: "blue",
      }),
    );
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
    if (ctx.deps.platform !== "wechat") {
      ctx.reply(
        noticeCard({
          title: t(ctx.lang, "请在微信里发送", "Send it in WeChat"),
          body: t(
            ctx.lang,
            "「绑定」在要合并的微信群或微信私聊里发送。",
            "Send 绑定 in the WeChat room or WeChat private chat.",
          ),
          colour: "yellow",
        }),
      );
      return;
    }
    const room = ctx.update.chatType === "group";
    const linked = await linkChat(ctx.deps, {
      code: ctx.args,
      room,
      who: room ? ctx.update.chatId : ctx.update.senderId,
      by: ctx.update.senderId,
      current: ctx.group,
      eventId: ctx.update.eventId,
      now: ctx.now,
    });
    if (linked.kind !== "linked") return ctx.reply(linkRefusal(linked, room, ctx.lang));
    ctx.work.write(...linked.writes);
    const found = linked;
    const body = room
      ? t(
          ctx.lang,
          `本群已与「${found.group.name}」合并：在这里发的日报、申报计入同一个考核组，排名一起发布。`,
          `This room now serves “${found.group.name}”: one set of records and one ranking.`,
        )
      : t(
          ctx.lang,
          `你的微信已绑定到「${found.group.name}」的 ${found.member?.name || "你"}：在微信里的记录算在同一个人名下。`,
          `Your WeChat is linked to ${found.member?.name || "you"} in “${found.group.name}”.`,
        );
    ctx.reply(noticeCard({ title: t(ctx.lang, "已绑定", "Linked"), body, colour: "green" }));
  },
});

/** The answer to a wrong 绑定 code, or to one more try after too many. */
export function linkRefusal(attempt: Exclude<LinkChatResult, { kind: "linked" }>, room: boolean, lang: Lang): Rendered {
  if (attempt.kind === "locked") {
    return noticeCard({
      title: t(lang, "绑定码错误次数过多", "Too many wrong codes"),
      body: t(
        lang,
        `10 分钟内已输错 ${LINK_ATTEMPTS} 次，请 ${attempt.minutes} 分钟后再试，并核对飞书里收到的绑定码。`,
        `${LINK_ATTEMPTS} wrong codes in 10 minutes: try again in ${attempt.minutes} min, and check the code you got in Lark.`,
      ),
      colour: "red",
    });
  }
  const hint = room
    ? t(lang, "群绑定码由飞书群的负责人发「绑定码」获取。", "A room code comes from a Lark group leader's 绑定码.")
    : t(
        lang,
        "个人绑定码在飞书里私聊我发「绑定码」获取。",
        "A personal code comes from 绑定码 in a private Lark chat.",
      );
  const left = attempt.left
    ? t(lang, `10 分钟内还可再试 ${attempt.left} 次。`, `${attempt.left} more tries in these 10 minutes.`)
    : t(lang, "10 分钟内不能再试了。", "No more tries for 10 minutes.");
  return noticeCard({
    title: t(lang, "绑定码无效或已过期", "Invalid or expired code"),
    body: `${hint}${left}`,
    colour: "yellow",
  });
}
