import { truncate } from "../src/domain/text";
import { card, escapeMarkdown, markdown, note, t, type Lang, type Rendered } from "./kit";

/** Items listed, and how much of each claim's text: a digest points to the approval cards (待办), which carry the whole. */
const MAX_ITEMS = 30;
const PREVIEW = 60;

/** The morning digest for a leader: what waits for a decision, in one card. */
export function digestCard(v: {
  groupName: string;
  items: { who: string; what: string; since: string }[];
  lang: Lang;
}): Rendered {
  const { lang } = v;
  const title = t(lang, `待审批 ${v.items.length} 项 · ${v.groupName}`, `${v.items.length} pending · ${v.groupName}`);
  const lines = v.items.slice(0, MAX_ITEMS).map((i) => `· ${i.who}：${truncate(i.what, PREVIEW)}（${i.since}）`);
  const more =
    v.items.length > MAX_ITEMS
      ? [
          t(
            lang,
            `……另有 ${v.items.length - MAX_ITEMS} 项，发「待办」逐项审批`,
            `…and ${v.items.length - MAX_ITEMS} more: /todo`,
          ),
        ]
      : [];
  const hint = t(lang, "发「待办」获取审批卡片。", "Send /todo for the approval cards.");
  return {
    card: card({
      title,
      colour: "orange",
      summary: title,
      elements: [markdown([...lines, ...more].map(escapeMarkdown).join("\n")), note(hint)],
    }),
    text: [title, ...lines, ...more, hint].join("\n"),
  };
}
