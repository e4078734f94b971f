import { card, escapeMarkdown, markdown, note, t, type Lang, type Rendered } from "./kit";

export interface ScoreChangeView {
  kind: "rating" | "bonus" | "deduction" | "award" | "scheme";
  /** Who is affected (empty for scheme changes). */
  who: string;
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

/** The confirmation leaders get for anything that changes a score; every line is in the audit log. */
export function scoreChangeCard(v: ScoreChangeView): Rendered {
  const title = `${t(v.lang, TITLES[v.kind][0], TITLES[v.kind][1])}${v.who ? ` · ${v.who}` : ""}`;
  const hint = t(v.lang, "已记入考核记录（谁、何时、为何）。发「成绩」或「排名」查看结果。", "Logged with who, when and why. Send /score or /rank to see the result.");
  return {
    card: card({
      title,
      colour: v.kind === "deduction" ? "orange" : "green",
      summary: title,
      elements: [
        markdown(v.lines.map(escapeMarkdown).join("\n")),
        ...(v.warning ? [markdown(`<font color='orange'>${escapeMarkdown(v.warning)}</font>`)] : []),
        note(hint),
      ],
    }),
    text: [title, ...v.lines, v.warning, hint].filter(Boolean).join("\n"),
  };
}
