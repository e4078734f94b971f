import type { UnitPeriod } from "../src/app/units";
import { periodLabel } from "../src/domain/periods";
import { escapeMarkdown, t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";

/**
 * 单位成绩单 (篇9 line 185 「市绩考办将给每个地方和单位发一份绩考成绩单」): the unit's own quarter, month by month,
 * its mean, its place among the units and the months it held the 流动红旗, to the group with its people's summary.
 */
export function unitReportCard(v: { groupName: string; unit: UnitPeriod; lang: Lang }): Rendered {
  const { unit: u, lang } = v;
  const label = periodLabel(u.period, lang);
  const months = u.months.flatMap((m) => [
    `**${Number(m.month.slice(5))}${t(lang, "月", "")}**${m.total === null ? t(lang, "：未评完", ": not fully rated") : ""}`,
    ...(m.total === null ? [] : m.lines.map(escapeMarkdown)),
  ]);
  const head =
    u.score === null
      ? t(lang, `${label}单位考核未评完，没有单位得分。`, "Not fully rated this period.")
      : t(
          lang,
          `${label}单位得分 **${u.score.toFixed(2)}**（已评完月份的平均）　第 ${u.rank} / ${u.ranked} 名${u.flags.length ? `　🚩 流动红旗 ${u.flags.map((m) => `${Number(m.slice(5))}月`).join("、")}` : ""}`,
          `Unit score ${u.score.toFixed(2)}, #${u.rank} of ${u.ranked}`,
        );
  return noticeCard({
    title: t(lang, `${label}单位成绩单 · ${v.groupName}`, `Unit report · ${u.period} · ${v.groupName}`),
    body: [head, ...months].join("\n"),
    hint: t(
      lang,
      "单位得分由绩考办按单位方案评定；每月评完的单位得分即本群当月的部门绩效。",
      "Unit scores are the office's; each fully rated month is the group's department score.",
    ),
    colour: "indigo",
  });
}
