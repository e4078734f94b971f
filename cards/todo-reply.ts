import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";

/** 待办's reply in the chat: nothing waits, or how many cards went to the leader privately. */
export function todoReply(v: { count: number; more: boolean; max: number }, lang: Lang): Rendered {
  if (!v.count)
    return noticeCard({
      title: t(lang, "没有待办", "Nothing pending"),
      body: t(lang, "目前没有等你审批的申报。", "No claims are waiting for you."),
      colour: "green",
    });
  const more = v.more ? t(lang, `（先发 ${v.max} 条，处理后再发「待办」）`, ` (first ${v.max})`) : "";
  const body = t(
    lang,
    `有 ${v.count} 条申报等你审批，卡片已私信发给你${more}。`,
    `${v.count} claim(s) wait for you; the cards are in your private chat${more}.`,
  );
  return noticeCard({ title: t(lang, "待办", "To do"), body, colour: "blue" });
}
