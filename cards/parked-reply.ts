import type { ParkedLine } from "../src/app/parked";
import { localDateTime } from "../src/domain/dates";
import { card, escapeMarkdown, markdown, note, t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";

/** 发送失败: each parked message with when, where to and why; or that nothing failed. */
export function parkedCard(rows: ParkedLine[], timezone: string, lang: Lang): Rendered {
  if (!rows.length)
    return noticeCard({
      title: t(lang, "没有发送失败的消息", "Nothing failed"),
      body: t(lang, "所有消息都已送达或正在发送。", "Everything was delivered or is on its way."),
      colour: "green",
    });
  const lines = rows.map((r) => {
    const at = localDateTime(r.createdAt, timezone);
    const to = r.private ? t(lang, "私信", "private") : t(lang, "群", "group");
    return `#${r.id}　${at.date.slice(5)} ${at.time}　${to}　${(r.lastError ?? "").slice(0, 80)}`;
  });
  const title = t(lang, `发送失败 ${rows.length} 条`, `${rows.length} failed`);
  const hint = t(lang, "发「重发」重试全部，或「重发 编号」重试一条。", "Send /resend for all, or /resend <number>.");
  return {
    card: card({
      title,
      colour: "red",
      summary: title,
      elements: [markdown(lines.map(escapeMarkdown).join("\n")), note(hint)],
    }),
    text: [title, ...lines, hint].join("\n"),
  };
}

/** 重发: how many went back in the queue. */
export function resendCard(count: number, lang: Lang): Rendered {
  return noticeCard({
    title: t(lang, "重发", "Resend"),
    body: count
      ? t(lang, `已重新排队 ${count} 条消息。`, `${count} message(s) queued again.`)
      : t(lang, "没有找到可重发的消息。", "Nothing to resend."),
    colour: count ? "blue" : "yellow",
  });
}
