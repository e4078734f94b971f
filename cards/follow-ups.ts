import { z } from "zod";
import { excerpt } from "../src/domain/text";
import { defineButtonAction } from "./action";
import { button, card, escapeMarkdown, hr, markdown, note, t, type Element, type Lang, type Rendered } from "./kit";
import { pageLabel, paginate, type Page } from "./pages";

/** 销号 beside an item: its group and the item. Buttons sent before the readable keys carry `g`. */
export const closeFollowUpButton = defineButtonAction({
  id: "followup.close",
  schema: z.object({ groupId: z.string().min(1).max(80), id: z.string().min(1).max(64) }),
  legacy: { g: "groupId" },
});

/** One 整改 item as people read it: 问题、措施、责任、时限 (篇3), and its 销号. */
export interface FollowUpLine {
  id: string;
  no: number;
  who: string;
  problem: string;
  measure: string;
  owner: string;
  due: string;
  /** Set once closed: by whom, on which day, with what note. */
  closed?: { by: string; on: string; note: string | null };
}

/** How much of each part a card quotes: the whole item is in 整改 replies' text and in the export. */
export const CARD_PART_CHARS = 60;

/** "#3 问题：…；措施：…；责任：…；时限：2027-01-31 · 已销号（01-20 李主任）"; parts cut to `max` characters. */
export function followUpText(f: FollowUpLine, lang: Lang, max = Infinity): string {
  const cut = (s: string) => (max === Infinity ? s : excerpt(s, max));
  const state = f.closed
    ? t(
        lang,
        `已销号（${f.closed.on.slice(5)} ${f.closed.by}${f.closed.note ? `：${cut(f.closed.note)}` : ""}）`,
        "closed",
      )
    : t(lang, "未销号", "open");
  const [problem, measure, owner] = [cut(f.problem), cut(f.measure), cut(f.owner)];
  return t(
    lang,
    `#${f.no} 问题：${problem}；措施：${measure}；责任：${owner}；时限：${f.due} · ${state}`,
    `#${f.no} problem: ${problem}; measure: ${measure}; owner: ${owner}; due ${f.due} · ${state}`,
  );
}

/** Items a report card lists; more are counted and left to 整改. */
export const MAX_REPORT_FOLLOW_UPS = 8;

/** The lines a report card adds: the line the total fell under, and each item's state. */
export function reportFollowUpLines(v: { items: FollowUpLine[]; line?: number; total: number; lang: Lang }): string[] {
  const below =
    v.line !== undefined && v.total < v.line
      ? [
          t(
            v.lang,
            `总分低于整改线 ${v.line} 分：负责人将与你制定整改清单（问题、措施、责任、时限），逐项销号。`,
            `Below the follow-up line of ${v.line}: your leader will set follow-up items.`,
          ),
        ]
      : [];
  const shown = v.items.slice(0, MAX_REPORT_FOLLOW_UPS).map((f) => followUpText(f, v.lang, CARD_PART_CHARS));
  const more = v.items.length - shown.length;
  const rest = more > 0 ? [t(v.lang, `另有 ${more} 项，发「整改」查看。`, `${more} more: send 整改.`)] : [];
  return [...below, ...shown, ...rest];
}

export interface FollowUpsView {
  groupId: string;
  groupName: string;
  items: FollowUpLine[];
  canClose: boolean;
  lang: Lang;
  page?: Page;
}

/** 整改 as the cards to send: one, or several in order when the items would pass Lark's limits. */
export function followUpsCards(v: FollowUpsView): Rendered[] {
  const view = (items: readonly FollowUpLine[], page: Page) =>
    followUpsCard({ ...v, items: [...items], page }, v.items);
  return paginate(v.items, (items, page) => view(items, page).card, view);
}

/** 整改: the group's (or one person's) items; leaders get a 销号 button beside each open one. */
export function followUpsCard(v: FollowUpsView, all: readonly FollowUpLine[] = v.items): Rendered {
  const { lang } = v;
  const open = all.filter((f) => !f.closed).length;
  const title = t(lang, `整改清单 · ${v.groupName}`, `Follow-up list · ${v.groupName}`) + pageLabel(v.page, lang);
  const summary = t(lang, `共 ${all.length} 项，未销号 ${open} 项`, `${all.length} item(s), ${open} open`);
  const elements: Element[] = [markdown(summary)];
  for (const f of v.items) {
    elements.push(hr(), markdown(escapeMarkdown(`${f.who}　${followUpText(f, lang, CARD_PART_CHARS)}`)));
    if (v.canClose && !f.closed)
      elements.push(
        button({
          text: t(lang, `销号 #${f.no}`, `Close #${f.no}`),
          type: "primary",
          value: closeFollowUpButton.value({ groupId: v.groupId, id: f.id }, lang),
          confirm: {
            title: t(lang, "销号", "Close"),
            text: t(lang, `确认 #${f.no} 已整改到位？`, `Is #${f.no} done?`),
          },
        }),
      );
  }
  const hint = v.canClose
    ? t(
        lang,
        "新增：整改 @姓名 问题：… 措施：… 责任：… 时限：2027-01-31；销号：销号 编号 说明",
        "Add: 整改 @name 问题：… 措施：… 责任：… 时限：YYYY-MM-DD; close: 销号 number note",
      )
    : t(lang, "整改项由负责人制定和销号。", "Leaders set and close the items.");
  elements.push(note(hint));
  return {
    card: card({ title, colour: open ? "orange" : "green", summary: title, elements }),
    text: [title, summary, ...v.items.map((f) => `${f.who}　${followUpText(f, lang)}`), hint].join("\n"),
  };
}

/** To the leaders when a period is published: who fell below the line and how to set their items. */
export function belowLineCard(v: {
  groupName: string;
  periodName: string;
  line: number;
  people: { name: string; total: number }[];
  lang: Lang;
}): Rendered {
  const { lang } = v;
  const title = t(lang, `整改名单 · ${v.groupName} · ${v.periodName}`, `Below the line · ${v.periodName}`);
  const lines = v.people.map((p) => `${p.name}　${p.total.toFixed(2)} ${t(lang, "分", "")}`);
  const body = t(
    lang,
    `以下 ${v.people.length} 人总分低于整改线 ${v.line} 分，请为每人制定整改清单（问题、措施、责任、时限），整改到位后逐项销号：`,
    `${v.people.length} below the line of ${v.line}; set their follow-up items:`,
  );
  const hint = t(
    lang,
    "整改 @姓名 问题：… 措施：… 责任：… 时限：2027-01-31",
    "整改 @name 问题：… 措施：… 责任：… 时限：YYYY-MM-DD",
  );
  return {
    card: card({
      title,
      colour: "orange",
      summary: title,
      elements: [markdown(escapeMarkdown([body, ...lines].join("\n"))), note(hint)],
    }),
    text: [title, body, ...lines, hint].join("\n"),
  };
}
