import { card, hr, markdown, note, t, type Lang, type Rendered } from "./kit";

/** Who is in the group, once the bot has read its members. */
export interface WelcomeMembers {
  members: number;
  leaders: string[];
}

/**
 * Posted when the bot joins a group. It goes out saying the members are being
 * read; once they are, the same card is updated in place with who is there.
 */
export function welcomeCard(lang: Lang, read?: WelcomeMembers): Rendered {
  const title = t(lang, "绩效考核机器人已加入本群 👋", "The appraisal bot has joined 👋");
  const body = t(
    lang,
    [
      "我来帮大家做**天记录**：每天发一条做了什么，月底自动汇总。",
      "· **@我 日报 今天完成了季度报表初稿** —— 记一条今天的工作",
      "· **@我 我的** —— 看本月记录和还没记的工作日",
      "· **@我 帮助** —— 全部命令",
      "私聊我时直接写内容即可。群主默认为本群考核负责人。",
    ].join("\n"),
    [
      "I keep the **daily record**: tell me what you did each day, and I total it up each month.",
      "· **@me /report drafted the quarterly report** — record today's work",
      "· **@me /me** — this month's records and the workdays still missing",
      "· **@me /help** — every command",
      "In a private chat, just write. The group owner is the group's leader.",
    ].join("\n"),
  );
  const leaders = read?.leaders.length ? read.leaders.join("、") : t(lang, "群主", "the group owner");
  const tip = read
    ? t(
        lang,
        `已读取群成员：共 ${read.members} 人；考核负责人：${leaders}`,
        `Members read: ${read.members}; leader: ${read.leaders.join(", ") || "the group owner"}`,
      )
    : t(lang, "正在读取群成员……", "Reading the member list…");
  return {
    card: card({ title, colour: "turquoise", summary: title, elements: [markdown(body), hr(), note(tip)] }),
    text: [title, body.replace(/\*\*/g, ""), tip].join("\n"),
  };
}
