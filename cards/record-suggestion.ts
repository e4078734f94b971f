import { shortDate, type IsoDate } from "../src/domain/dates";
import { excerpt } from "../src/domain/text";
import { button, card, escapeMarkdown, markdown, note, t, type Lang, type Rendered } from "./kit";

/** How much of the text the suggestion shows; the button files all of it. */
const SHOWN_CHARS = 60;

export interface RecordSuggestionView {
  text: string;
  /** The message the text came from: the record keeps it, and a second click finds the first. */
  messageId: string;
  /** Only this person's click files it. */
  senderId: string;
  chatId: string;
  /** The day it was written: the record's date. */
  date: IsoDate;
  lang: Lang;
}

/** The button's value: everything the click needs, since the text was not stored. */
export function recordSuggestionValue(v: RecordSuggestionView): Record<string, unknown> {
  return {
    a: "record.suggested",
    m: v.messageId,
    u: v.senderId,
    c: v.chatId,
    d: v.date,
    t: v.text,
    ...(v.lang === "en" ? { l: "en" } : {}),
  };
}

/**
 * Plain text in a group that reads like a day's work ("今天整理了档案") but
 * has no command word: did you mean `日报 今天整理了档案`? The button files it
 * as the sender's record for that day.
 */
export function recordSuggestionCard(v: RecordSuggestionView): Rendered {
  const { lang } = v;
  const shown = excerpt(v.text, SHOWN_CHARS);
  const title = t(lang, "要记为日报吗？", "Record this as today's work?");
  const body = t(
    lang,
    `没看懂这条命令。你是想记一条日报吗：**日报 ${escapeMarkdown(shown)}**`,
    `I did not understand that. Did you mean **/report ${escapeMarkdown(shown)}**?`,
  );
  const hint = t(
    lang,
    `只有发消息的人可以点；记在 ${shortDate(v.date)}。发送「帮助」查看全部命令。`,
    `Only the sender can click; it is filed for ${v.date}. Send /help for every command.`,
  );
  return {
    card: card({
      title,
      colour: "wathet",
      summary: title,
      elements: [
        markdown(body),
        button({ text: t(lang, "记为日报", "Record it"), type: "primary", value: recordSuggestionValue(v) }),
        note(hint),
      ],
    }),
    text: [
      t(
        lang,
        "没看懂这条命令。要记为今天的日报，请发送：",
        "I did not understand that. To record it as today's work, send:",
      ),
      `${t(lang, "日报", "/report")} ${shown}`,
    ].join("\n"),
  };
}
