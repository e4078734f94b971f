import type { IsoMonth } from "../src/domain/dates";
import { card, escapeMarkdown, hr, markdown, note, t, table, textTable, type Lang, type Rendered } from "./kit";

export interface MyScoreView {
  name: string;
  month: IsoMonth;
  schemeName: string;
  total: number;
  rank: number;
  headcount: number;
  grade: string | null;
  dimensions: { name: string; weight: number; score: number; points: number; bonus: number; deduction: number }[];
  extra: number;
  /** Names of the items nobody has rated yet. */
  missing: string[];
  /** The engine's explanation, top line first. */
  explanation: string[];
  /** Things to know about the figures, e.g. peer ratings held back. */
  notes?: string[];
  lang: Lang;
}

/** Lines of explanation that fit comfortably; the full trail is 明细's job. */
const MAX_EXPLAIN_LINES = 24;
const f2 = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

/** 成绩: my month so far, per dimension, and why. */
export function myScoreCard(v: MyScoreView): Rendered {
  const { lang } = v;
  const title = t(lang, `${v.name} · ${Number(v.month.slice(5))} 月成绩`, `${v.name} · ${v.month}`);
  const headline = t(
    lang,
    `**${f2(v.total)} 分**　第 ${v.rank} / ${v.headcount} 名${v.grade ? `　等次：${v.grade}` : ""}`,
    `**${f2(v.total)}**　#${v.rank} of ${v.headcount}${v.grade ? `　grade: ${v.grade}` : ""}`,
  );
  const columns = [
    { name: "dim", title: t(lang, "维度", "Dimension") },
    { name: "weight", title: t(lang, "权重", "Weight"), type: "number" as const, precision: 0 },
    { name: "score", title: t(lang, "得分", "Score"), type: "number" as const },
    { name: "points", title: t(lang, "折算", "Points"), type: "number" as const },
    { name: "adj", title: t(lang, "加/扣", "+/−") },
  ];
  const rows = v.dimensions.map((d) => ({
    dim: d.name,
    weight: d.weight,
    score: d.score,
    points: d.points,
    adj: [d.bonus ? `+${f2(d.bonus)}` : "", d.deduction ? `−${f2(d.deduction)}` : ""].filter(Boolean).join(" ") || "—",
  }));
  const missing = v.missing.length
    ? t(
        lang,
        `还没有评分的指标（暂按 0 分计）：${v.missing.join("、")}`,
        `Not rated yet (count as 0): ${v.missing.join(", ")}`,
      )
    : t(lang, "各项均已评分。", "Everything has been rated.");
  const explanation = v.explanation.slice(0, MAX_EXPLAIN_LINES);
  const extraLine = v.extra ? t(lang, `附加分（奖励等）：+${f2(v.extra)}`, `Extra (awards…): +${f2(v.extra)}`) : "";
  return {
    card: card({
      title,
      subtitle: v.schemeName,
      colour: "blue",
      summary: title,
      elements: [
        markdown(headline),
        table(columns, rows),
        ...(extraLine ? [markdown(extraLine)] : []),
        markdown(v.missing.length ? `<font color='orange'>${escapeMarkdown(missing)}</font>` : missing),
        ...(v.notes ?? []).map((n) => note(n)),
        hr(),
        markdown(`**${t(lang, "计算过程", "How it adds up")}**\n${explanation.map(escapeMarkdown).join("\n")}`),
        ...(v.explanation.length > explanation.length
          ? [note(t(lang, "更多明细请发「明细」。", "Send /detail for the full trail."))]
          : []),
      ],
    }),
    text: [
      title,
      headline.replace(/\*\*/g, ""),
      textTable(
        columns.map((c) => c.title),
        rows.map((r) => [r.dim, r.weight, f2(r.score), f2(r.points), r.adj]),
      ),
      extraLine,
      missing,
      ...(v.notes ?? []),
      ...explanation,
    ]
      .filter(Boolean)
      .join("\n"),
  };
}
