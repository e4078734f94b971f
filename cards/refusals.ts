import { noticeCard } from "./notice";
import { escapeMarkdown, t, type Lang, type Rendered } from "./kit";

/** 「…只有负责人可以使用」: the answer to anyone but a leader using a leaders' command. */
export function leadersOnlyCard(lang: Lang, what: string): Rendered {
  return noticeCard({
    title: t(lang, "只有负责人可以操作", "Leaders only"),
    body: t(lang, `「${what}」只有本群的考核负责人可以使用。`, `Only this group's leaders can use “${what}”.`),
    hint: t(
      lang,
      "负责人默认为群主；负责人或管理员可以发「设置 负责人 @某人」再添一位。",
      "The group owner is a leader; a leader or admin can add one with “设置 负责人 @someone”.",
    ),
    colour: "yellow",
  });
}

/** 「…只有绩考办（管理员）可以使用」: the answer to anyone but an admin using an office command. */
export function officeOnlyCard(lang: Lang, what: string): Rendered {
  return noticeCard({
    title: t(lang, "只有管理员可以操作", "Appraisal office only"),
    body: t(lang, `「${what}」只有绩考办（管理员）可以使用。`, `Only the appraisal office (admins) can use “${what}”.`),
    hint: t(lang, "管理员可以发「设置 管理员 @某人」添加管理员。", "An admin can add one with “设置 管理员 @someone”."),
    colour: "yellow",
  });
}

/**
 * A notice whose body quotes what the user typed: escaped in the card, so it
 * cannot become links or formatting, and left as typed in the text rendering.
 */
export function plainNotice(opts: Parameters<typeof noticeCard>[0]): Rendered {
  return { card: noticeCard({ ...opts, body: escapeMarkdown(opts.body) }).card, text: noticeCard(opts).text };
}

/** Says what went wrong with a command's input, and how it should look. */
export function problemCard(lang: Lang, title: { zh: string; en: string }, body: string, example?: string): Rendered {
  return plainNotice({
    title: t(lang, title.zh, title.en),
    body,
    ...(example ? { hint: `${t(lang, "例", "e.g.")}：${example}` } : {}),
    colour: "yellow",
  });
}

/** "请假原因最多 500 字（这次 612 字），请精简后再发。" — a limit said plainly, in the user's language. */
export function tooLong(lang: Lang, what: string, max: number, got?: number): string {
  const counted = got === undefined ? "" : t(lang, `（这次 ${got} 字）`, ` (this one has ${got})`);
  return t(
    lang,
    `${what}最多 ${max} 字${counted}，请精简后再发。`,
    `At most ${max} characters${counted}; please shorten it.`,
  );
}

/** The line that tells a leader they became the tenant's first admin. */
export function firstAdminLine(lang: Lang): string {
  return t(
    lang,
    "你是第一位配置机器人的人，已成为本组织的管理员（绩考办）。",
    "You are the first to configure the bot: you are now this organisation's admin.",
  );
}
