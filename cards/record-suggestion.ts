import { z } from "zod";
import { MAX_RECORD_CHARS } from "../src/domain/text";
import { shortDate, type IsoDate } from "../src/domain/dates";
import { excerpt } from "../src/domain/text";
import { defineButtonAction } from "./action";
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

/** Lark's message ids (om_ + 32 hex) and open_ids fit well inside this. */
const MAX_ID_CHARS = 80;

/** 记为日报: the button carries everything the click needs, since the text was not stored. */
export const fileSuggestedRecordButton = defineButtonAction({
  id: "record.suggested",
  schema: z.object({
    message: z.string().min(1).max(MAX_ID_CHARS),
    sender: z.string().min(1).max(MAX_ID_CHARS),
    chat: z.string().min(1).max(MAX_ID_CHARS),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    text: z.string().trim().min(1).max(MAX_RECORD_CHARS),
  }),
  legacy: { m: "message", u: "sender", c: "chat", d: "date", t: "text" },
});

export function recordSuggestionValue(v: RecordSuggestionView): Record<string, unknown> {
  return fileSuggestedRecordButton.value(
    { message: v.messageId, sender: v.senderId, chat: v.chatId, date: v.date, text: v.text },
    v.lang,
  );
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
