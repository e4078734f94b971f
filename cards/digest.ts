import { card, escapeMarkdown, markdown, note, t, type Lang, type Rendered } from "./kit";

/** The morning digest for a leader: what waits for a decision, in one card. */
export function digestCard(v: { groupName: string; items: { who: string; what: string; since: string }[]; lang: Lang }): Rendered {
  const { lang } = v;
  const title = t(lang, `待审批 ${v.items.length} 项 · ${v.groupName}`, `${v.items.length} pending · ${v.groupName}`);
  const lines = v.items.slice(0, 30).map((i) => `· ${i.who}：${i.what}（${i.since}）`);
  const more = v.items.length > 30 ? [t(lang, `……另有 ${v.items.length - 30} 项`, `…and ${v.items.length - 30} more`)] : [];
  const hint = t(lang, "发「待办」获取审批卡片。", "Send /todo for the approval cards.");
  return {
    card: card({ title, colour: "orange", summary: title, elements: [markdown([...lines, ...more].map(escapeMarkdown).join("\n")), note(hint)] }),
    text: [title, ...lines, ...more, hint].join("\n"),
  };
}
