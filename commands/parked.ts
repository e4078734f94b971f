import { z } from "zod";
import { card, escapeMarkdown, markdown, note, t } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { parkedForGroup, retryWrites } from "../src/app/parked";
import { defineCommand } from "../src/bot/command";
import { localDateTime } from "../src/domain/dates";
import { leadersOnly } from "./guards";

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
    if (!leadersOnly(ctx, "发送失败")) return;
    const rows = await parkedForGroup(ctx.deps.db, ctx.group);
    if (!rows.length) {
      ctx.reply(
        noticeCard({
          title: t(ctx.lang, "没有发送失败的消息", "Nothing failed"),
          body: t(ctx.lang, "所有消息都已送达或正在发送。", "Everything was delivered or is on its way."),
          colour: "green",
        }),
      );
      return;
    }
    const lines = rows.map((r) => {
      const at = localDateTime(r.createdAt, ctx.group.timezone);
      const to = r.receiveIdType === "open_id" ? t(ctx.lang, "私信", "private") : t(ctx.lang, "群", "group");
      return `#${r.id}　${at.date.slice(5)} ${at.time}　${to}　${(r.lastError ?? "").slice(0, 80)}`;
    });
    const title = t(ctx.lang, `发送失败 ${rows.length} 条`, `${rows.length} failed`);
    const hint = t(
      ctx.lang,
      "发「重发」重试全部，或「重发 编号」重试一条。",
      "Send /resend for all, or /resend <number>.",
    );
    ctx.reply({
      card: card({
        title,
        colour: "red",
        summary: title,
        elements: [markdown(lines.map(escapeMarkdown).join("\n")), note(hint)],
      }),
      text: [title, ...lines, hint].join("\n"),
    });
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
  args: (lang) =>
    z.string().transform((s, ctx) => {
      const ids = s.trim()
        ? s
            .trim()
            .split(/[\s,，]+/u)
            .map((x) => Number(x.replace(/^#/, "")))
        : [];
      if (ids.some((n) => !Number.isInteger(n) || n <= 0)) {
        ctx.addIssue({
          code: "custom",
          message: t(
            lang,
            "编号应是「发送失败」列出的数字，例如：重发 12",
            "Numbers as listed by /failed, e.g. /resend 12",
          ),
        });
        return z.NEVER;
      }
      return ids;
    }),
  async handle(ctx) {
    if (!leadersOnly(ctx, "重发")) return;
    const parked = await parkedForGroup(ctx.deps.db, ctx.group, 500);
    const chosen = ctx.args.length ? parked.filter((r) => ctx.args.includes(r.id)) : parked;
    if (chosen.length)
      ctx.work.write(
        retryWrites(
          ctx.deps.db,
          chosen.map((r) => r.id),
          ctx.now,
        ),
      );
    ctx.reply(
      noticeCard({
        title: t(ctx.lang, "重发", "Resend"),
        body: chosen.length
          ? t(ctx.lang, `已重新排队 ${chosen.length} 条消息。`, `${chosen.length} message(s) queued again.`)
          : t(ctx.lang, "没有找到可重发的消息。", "Nothing to resend."),
        colour: chosen.length ? "blue" : "yellow",
      }),
    );
  },
});
