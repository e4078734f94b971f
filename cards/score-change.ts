import { card, escapeMarkdown, markdown, note, t, type Lang, type Rendered } from "./kit";

export interface ScoreChangeView {
  kind: "rating" | "bonus" | "deduction" | "award" | "scheme";
  /** Who is affected: one name, several (a team's bonus or award), or "" for scheme changes. */
  who: string | readonly string[];
  /** One line per fact: "单位业务 90 分", "原因：…". */
  lines: string[];
  /** A caution, e.g. a bonus over its cap. */
  warning?: string;
  lang: Lang;
}

const TITLES = {
  rating: ["已评分 ✓", "Rated ✓"],
  bonus: ["已加分 ✓", "Bonus recorded ✓"],
  deduction: ["已扣分 ✓", "Deduction recorded ✓"],
  award: ["已记奖励 ✓", "Award recorded ✓"],
  scheme: ["方案已更新 ✓", "Scheme updated ✓"],
} as const;

/** How many names a title lists before "等 N 人": titles are one line on a phone. */
const TITLE_NAMES = 3;

/** "张三", "张三、李四", "张三、李四、王五等 5 人". */
export function peopleLabel(names: readonly string[], lang: Lang): string {
  const sep = t(lang, "、", ", ");
  if (names.length <= TITLE_NAMES) return names.join(sep);
  return t(
    lang,
    `${names.slice(0, TITLE_NAMES).join(sep)}等 ${names.length} 人`,
    `${names.slice(0, TITLE_NAMES).join(sep)} and ${names.length - TITLE_NAMES} more`,
  );
}

/** The confirmation leaders get for anything that changes a score; every line is in the audit log. */
export function scoreChangeCard(v: ScoreChangeView): Rendered {
  const names = typeof v.who === "string" ? (v.who ? [v.who] : []) : v.who;
  const title = `${t(v.lang, TITLES[v.kind][0], TITLES[v.kind][1])}${names.length ? ` · ${peopleLabel(names, v.lang)}` : ""}`;
  // A title shortened to "等 N 人" still has every name in the body.
  const lines =
    names.length > TITLE_NAMES
      ? [...v.lines, `${t(v.lang, "名单", "People")}：${names.join(t(v.lang, "、", ", "))}`]
      : v.lines;
  const hint = t(
    v.lang,
    "已记入考核记录（谁、何时、为何）。发「成绩」或「排名」查看结果。",
    "Logged with who, when and why. Send /score or /rank to see the result.",
  );
  return {
    card: card({
      title,
      colour: v.kind === "deduction" ? "orange" : "green",
      summary: title,
      elements: [
        markdown(lines.map(escapeMarkdown).join("\n")),
        ...(v.warning ? [markdown(`<font color='orange'>${escapeMarkdown(v.warning)}</font>`)] : []),
        note(hint),
      ],
    }),
    text: [title, ...lines, v.warning, hint].filter(Boolean).join("\n"),
  };
}
