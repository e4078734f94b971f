import type { SchoolBreakdown } from "../src/app/school-score";
import { schoolPeriodLabel } from "../src/domain/school-year";
import { escapeMarkdown, t, type Lang } from "./kit";

/**
 * The lines that explain a semester's or school year's total (成绩 学期, the 学期成绩单): each month, 平时 (their
 * mean) with its share, each 学期测评 with its share, the total, the rank and the grade, and how it adds up.
 */

const share = (n: number) => `${Number(n.toFixed(2))}%`;
const monthName = (m: string, lang: Lang) => t(lang, `${Number(m.slice(5))}月`, m);

export function schoolLines(b: SchoolBreakdown, lang: Lang): string[] {
  const months = b.months
    .filter((m) => m.total !== null)
    .map((m) => `${monthName(m.month, lang)} ${m.total!.toFixed(2)}`);
  const unscored = b.months.filter((m) => m.total === null).length;
  const lines = [
    months.length
      ? t(lang, `**各月**：${months.join("、")}`, `**Months**: ${months.join(", ")}`)
      : t(lang, "**各月**：还没有月度成绩", "**Months**: none scored yet"),
    ...(unscored
      ? [t(lang, `（另有 ${unscored} 个月本群无人评分或你不在组内，不计）`, `(${unscored} more month(s) not counted)`)]
      : []),
    b.monthsMean === null
      ? t(lang, "**平时**：—", "**Months' mean**: —")
      : t(
          lang,
          `**平时（各月平均）**：${b.monthsMean.toFixed(2)} 分，占 ${share(b.monthsShare)}`,
          `**Months' mean**: ${b.monthsMean.toFixed(2)}, ${share(b.monthsShare)} of the total`,
        ),
    ...b.reviews.map((r) =>
      r.score === null
        ? t(lang, `**${escapeMarkdown(r.name)}**：未评，暂不计入`, `**${escapeMarkdown(r.name)}**: not rated yet`)
        : t(
            lang,
            `**${escapeMarkdown(r.name)}**：${r.score.toFixed(2)} 分，占 ${share(r.share)}`,
            `**${escapeMarkdown(r.name)}**: ${r.score.toFixed(2)}, ${share(r.share)} of the total`,
          ),
    ),
    t(
      lang,
      `**${schoolPeriodLabel(b.period, lang)}总分**：**${b.me.total.toFixed(2)} 分** · 名次 ${b.me.rank} / ${b.headcount} · 等次 ${b.me.grade ?? "—"}`,
      `**Total**: **${b.me.total.toFixed(2)}** · rank ${b.me.rank} / ${b.headcount} · grade ${b.me.grade ?? "—"}`,
    ),
  ];
  return lines;
}

/** How the total adds up and what it is for, under the lines. */
export function schoolNote(b: SchoolBreakdown, lang: Lang): string {
  const parts = [
    ...(b.monthsMean === null ? [] : [t(lang, `平时 × ${share(b.monthsShare)}`, `months × ${share(b.monthsShare)}`)]),
    ...b.reviews.filter((r) => r.score !== null).map((r) => `${r.name} × ${share(r.share)}`),
  ];
  const kind = b.period.kind === "semester" ? t(lang, "学期", "term") : t(lang, "学年", "school year");
  return t(
    lang,
    `${kind}总分 = ${parts.join(" + ")}（篇6 第115行「平时有记载、学期有测评」；未评的部分不计，其余按比例放大）。` +
      "名次和等次按本群同期成绩排定；名次奖和年终绩效奖金仍按自然年度发（篇6 第121行「年终绩效考核奖」）。",
    `${kind} total = ${parts.join(" + ")} (parts not yet rated are left out and the rest scale up). ` +
      "Prizes and the year-end bonus go with the calendar year.",
  );
}
