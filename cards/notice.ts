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

export function unknownCommandCard(word: string, suggestion: { name: string; example: { zh: string; en: string } } | undefined, lang: Lang): Rendered {
  const shown = escapeMarkdown(word.length > 20 ? `${[...word].slice(0, 20).join("")}…` : word);
  const body = suggestion
    ? t(lang, `没看懂「${shown}」。你是想用 **${suggestion.name}** 吗？例如：\`${suggestion.example.zh}\``, `I did not understand “${shown}”. Did you mean **${suggestion.name}**? For example: \`${suggestion.example.en}\``)
    : t(lang, `没看懂「${shown}」。`, `I did not understand “${shown}”.`);
  return noticeCard({
    title: t(lang, "没看懂这条命令", "Unknown command"),
    body,
    hint: t(lang, "发送「帮助」查看全部命令。", "Send /help to see every command."),
    colour: "yellow",
  });
}
