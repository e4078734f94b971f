import type { SchoolBreakdown } from "../src/app/school-score";
import { schoolPeriodLabel } from "../src/domain/school-year";
import { card, escapeMarkdown, hr, markdown, note, plainText, t, textTable, type Lang, type Rendered } from "./kit";
import { schoolLines, schoolNote } from "./school-lines";

/**
 * 学期成绩单 (issue 14 item 6): the semester's result, privately, once it has ended. 篇6 line 115 「平时有记载、学期有
 * 测评」: what it is made of (each month, 平时, the 学期测评, their shares), the total, rank and grade, and each
 * item's mean over the months against the group's. 篇6 line 140 (重考核轻沟通) is why every figure is explained.
 */
export interface SchoolReportView {
  name: string;
  groupName: string;
  breakdown: SchoolBreakdown;
  /** Each item of the scheme: the person's mean over the semester's months, and the group's. */
  dimensions: { name: string; mine: number | null; average: number }[];
  lang: Lang;
}

export function schoolReportCard(v: SchoolReportView): Rendered {
  const { lang, breakdown: b } = v;
  const label = schoolPeriodLabel(b.period, lang);
  const title = t(lang, `${v.name} · ${label}成绩单`, `${v.name} · ${label} report card`);
  const lines = schoolLines(b, lang);
  const rows = v.dimensions.map((d) => [
    escapeMarkdown(d.name),
    d.mine === null ? "—" : d.mine.toFixed(2),
    d.average.toFixed(2),
  ]);
  const items = rows.length
    ? textTable(
        [t(lang, "项目（各月平均）", "Item (months' mean)"), t(lang, "我", "Me"), t(lang, "本群平均", "Group")],
        rows,
      )
    : "";
  const explained = schoolNote(b, lang);
  const ask = t(
    lang,
    "对成绩有疑问，可发「成绩 上学期」看明细、「明细」查各月评分记录，或找负责人（学期测评）。",
    "Questions: send “score last term” for the breakdown, or ask your leader.",
  );
  return {
    card: card({
      title,
      subtitle: escapeMarkdown(v.groupName),
      colour: "turquoise",
      summary: title,
      elements: [markdown(lines.join("\n")), ...(items ? [hr(), markdown(items)] : []), note(explained), note(ask)],
    }),
    text: [
      title,
      v.groupName,
      ...lines.map(plainText),
      ...(items ? [plainText(items)] : []),
      plainText(explained),
      ask,
    ].join("\n"),
  };
}
