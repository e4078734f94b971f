import { excerpt } from "../src/domain/text";
import { card, escapeMarkdown, markdown, note, plainText, t, type HeaderColour, type Lang, type Rendered } from "./kit";

/** A short card for answers that are one or two sentences: errors, hints, refusals. */
export function noticeCard(opts: { title: string; body: string; hint?: string; colour?: HeaderColour }): Rendered {
  return {
    card: card({
      title: opts.title,
      colour: opts.colour ?? "blue",
      summary: opts.title,
      elements: [markdown(opts.body), ...(opts.hint ? [note(opts.hint)] : [])],
    }),
    text: [opts.title, plainText(opts.body), opts.hint && plainText(opts.hint)].filter(Boolean).join("\n"),
  };
}

export function unknownCommandCard(
  word: string,
  suggestion: { name: string; example: { zh: string; en: string } } | undefined,
  lang: Lang,
): Rendered {
  const shown = escapeMarkdown(excerpt(word));
  const body = suggestion
    ? t(
        lang,
        `没看懂「${shown}」。你是想用 **${suggestion.name}** 吗？例如：\`${suggestion.example.zh}\``,
        `I did not understand “${shown}”. Did you mean **${suggestion.name}**? For example: \`${suggestion.example.en}\``,
      )
    : t(lang, `没看懂「${shown}」。`, `I did not understand “${shown}”.`);
  return noticeCard({
    title: t(lang, "没看懂这条命令", "Unknown command"),
    body,
    hint: t(lang, "发送「帮助」查看全部命令。", "Send /help to see every command."),
    colour: "yellow",
  });
}

/** Small talk ("你好"): a friendly pointer, not a record suggestion. */
export function greetingCard(lang: Lang): Rendered {
  return noticeCard({
    title: t(lang, "你好 👋", "Hello 👋"),
    body: t(
      lang,
      "我是绩效考核机器人。记今天的工作：**@我 日报 今天完成了…**；看本月记录：**@我 我的**。",
      "I am the appraisal bot. Record today's work: **@me /report drafted the report**; this month's records: **@me /me**.",
    ),
    hint: t(lang, "发送「帮助」查看全部命令。", "Send /help to see every command."),
    colour: "blue",
  });
}

/** A message too long to read at all: said plainly, never quoted back. */
export function tooLongCard(chars: number, max: number, lang: Lang): Rendered {
  return noticeCard({
    title: t(lang, "消息太长", "Message too long"),
    body: t(
      lang,
      `这条消息有 ${chars} 字，我最多读 ${max} 字。日报请分成几条发送，每条最多 2000 字。`,
      `That message has ${chars} characters; I read at most ${max}. Please split it.`,
    ),
    colour: "yellow",
  });
}
