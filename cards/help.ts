import { card, escapeMarkdown, hr, markdown, note, t, type Lang, type Rendered } from "./kit";

export interface HelpEntry {
  name: string;
  aliases: readonly string[];
  summary: { zh: string; en: string };
  example: { zh: string; en: string };
}

/** 帮助: every command with one example. */
export function helpCard(entries: readonly HelpEntry[], lang: Lang): Rendered {
  const title = t(lang, "绩效考核机器人 · 使用帮助", "Appraisal bot · Help");
  const lines = entries.map((e) => {
    const english = e.aliases.filter((a) => /^[a-z]/i.test(a)).map((a) => `/${a}`);
    const chinese = e.aliases.filter((a) => !/^[a-z]/i.test(a));
    const names = lang === "en" ? [...english, e.name, ...chinese] : [e.name, ...chinese, ...english];
    return {
      md: `**${names.map(escapeMarkdown).join(" / ")}**　${escapeMarkdown(lang === "en" ? e.summary.en : e.summary.zh)}\n${t(lang, "例", "e.g.")}：\`${lang === "en" ? e.example.en : e.example.zh}\``,
      text: `${names.join(" / ")}：${lang === "en" ? e.summary.en : e.summary.zh}（${t(lang, "例", "e.g.")}：${lang === "en" ? e.example.en : e.example.zh}）`,
    };
  });
  const tip = t(
    lang,
    "在群里请先 @机器人 再发命令；私聊机器人时直接写今天做了什么，就会记为今天的日报。",
    "In a group, @mention the bot first; in a private chat just write what you did today and it is recorded.",
  );
  return {
    card: card({
      title,
      colour: "blue",
      summary: title,
      elements: [...lines.map((l) => markdown(l.md)), hr(), note(tip)],
    }),
    text: [title, ...lines.map((l) => l.text), tip].join("\n"),
  };
}
