import { z } from "zod";
import { defineButtonAction } from "./action";
import {
  button,
  card,
  chart,
  escapeMarkdown,
  hr,
  markdown,
  note,
  t,
  table,
  textTable,
  type Element,
  type Lang,
  type Rendered,
} from "./kit";
import { periodKind, periodLabel } from "../src/domain/periods";

export { periodLabel };

export interface ReportCardView {
  name: string;
  /** "2026-Q3", or "2026" for the year. */
  period: string;
  groupId: string;
  groupName: string;
  total: number;
  rank: number;
  headcount: number;
  grade: string | null;
  prize: number;
  /** Year-end bonus in yuan (annual report cards). */
  pay?: number;
  dimensions: { name: string; mine: number; average: number }[];
  /** Month by month: mine and the group's average. */
  trend: { month: string; mine: number | null; average: number | null }[];
  comments: { by: string; text: string }[];
  /** 部门绩效校正: how the total was calibrated for the organisation-wide comparison (one line of arithmetic). */
  calibration?: string;
  /** 群众评价: each survey's sample beside its score, or 样本不足 (src/app/surveys.ts). */
  surveys?: string[];
  /** 目标责任制: how each indicator bound to targets was scored at the period's end (cards/target-lines.ts). */
  targets?: string[];
  /** 公示: how and until when to object; "更正版" on a re-issue. */
  publication?: { windowEnds: string; version: number; final: boolean };
  /** 等次确认: why the grade is what it is where the office or the scheme's floor decided it (one line). */
  gradeNote?: string;
  /** 整改清单: the follow-up lines (cards/follow-ups.ts reportFollowUpLines). */
  followUps?: string[];
  /** 两级分配 and 工作量津贴 (issue 14 item 4): how the person's pay was reached, line by line (two-level-pay.ts). */
  unitPay?: string[];
  lang: Lang;
}

/** 查看明细 on a report card: the period's monthly trails (a quarter's or a year's), privately to whoever clicked. */
export const reportDetailButton = defineButtonAction({
  id: "report.detail",
  schema: z.object({ group: z.string().min(1).max(80), period: z.string().regex(/^\d{4}(-Q[1-4])?$/) }),
  legacy: { g: "group", q: "period" },
});

/** 提出异议 on a report card in its window: the group; the reason comes in the form. */
export const reportObjectButton = defineButtonAction({
  id: "report.object",
  schema: z.object({ group: z.string().min(1).max(80) }),
  legacy: { g: "group" },
});

const f2 = (n: number) => n.toFixed(2);
/** "10月" for a month, "Q3" for a quarter; a year review (半年综合管理评价) by its name. */
const partLabel = (period: string, lang: Lang) =>
  period.includes("-Q") ? period.slice(5) : /^\d{4}-\d{2}$/.test(period) ? period.slice(5) + t(lang, "月", "") : period;

/** 成绩单: one person's quarter, privately: total, place, grade, each dimension against the group, the trend, the comments. */
export function reportCard(v: ReportCardView): Rendered {
  const { lang } = v;
  const reissue =
    v.publication && v.publication.version > 1
      ? t(lang, `（更正版 ${v.publication.version}）`, ` (revision ${v.publication.version})`)
      : "";
  const title = t(
    lang,
    `${periodLabel(v.period, lang)}成绩单 · ${v.name}${reissue}`,
    `${periodLabel(v.period, lang)} report card · ${v.name}${reissue}`,
  );
  const publicity = v.publication
    ? v.publication.final
      ? t(lang, "结果已定稿。", "Final.")
      : t(
          lang,
          `公示期至 ${v.publication.windowEnds.slice(5)}；如有异议，请在此前发「申诉 理由」。`,
          `Open for objections until ${v.publication.windowEnds}: send “/appeal reason”.`,
        )
    : "";
  const headline = t(
    lang,
    `**${f2(v.total)} 分**　第 ${v.rank} / ${v.headcount} 名${v.grade ? `　等次：${v.grade}` : ""}${v.prize ? `　名次奖 ${v.prize} 元` : ""}${v.pay ? `　绩效奖金 ${v.pay.toFixed(2)} 元` : ""}`,
    `**${f2(v.total)}**　#${v.rank} of ${v.headcount}${v.grade ? `　grade ${v.grade}` : ""}${v.prize ? `　prize ¥${v.prize}` : ""}${v.pay ? `　bonus ¥${v.pay.toFixed(2)}` : ""}`,
  );
  const columns = [
    { name: "dim", title: t(lang, "维度", "Dimension") },
    { name: "mine", title: t(lang, "我的", "Mine"), type: "number" as const },
    { name: "avg", title: t(lang, "群平均", "Group avg"), type: "number" as const },
  ];
  const rows = v.dimensions.map((d) => ({ dim: d.name, mine: d.mine, avg: d.average }));
  const values = v.trend.flatMap((p) => [
    ...(p.mine !== null ? [{ month: partLabel(p.month, lang), series: t(lang, "我", "me"), total: p.mine }] : []),
    ...(p.average !== null
      ? [{ month: partLabel(p.month, lang), series: t(lang, "群平均", "group"), total: p.average }]
      : []),
  ]);
  const comments = v.comments.slice(0, 6).map((c) => `「${c.text.slice(0, 120)}」—— ${c.by}`);
  const calibration = v.calibration
    ? t(lang, `${v.calibration}（本群各人总分同乘此系数，群内名次不变；全员排名按校正后分数比较）`, v.calibration)
    : "";
  const followUps = v.followUps ?? [];
  const elements: Element[] = [
    markdown(headline),
    ...(v.gradeNote ? [note(escapeMarkdown(v.gradeNote))] : []),
    ...(calibration ? [note(calibration)] : []),
    table(columns, rows),
    ...(v.surveys?.length ? [note(v.surveys.join("\n"))] : []),
    ...(v.unitPay?.length
      ? [markdown(`**${t(lang, "两级分配", "Two-level pay")}**\n${v.unitPay.map(escapeMarkdown).join("\n")}`)]
      : []),
    ...(v.targets?.length ? [note(escapeMarkdown(v.targets.join("\n")))] : []),
    chart({
      type: "line",
      data: [{ id: "trend", values }],
      xField: "month",
      yField: "total",
      seriesField: "series",
      point: { visible: true },
      legends: { visible: true },
    }),
    ...(comments.length ? [hr(), markdown(`**${t(lang, "领导评语", "Comments")}**\n${comments.join("\n")}`)] : []),
    ...(followUps.length
      ? [hr(), markdown(`**${t(lang, "整改清单", "Follow-up")}**\n${followUps.map(escapeMarkdown).join("\n")}`)]
      : []),
    button({
      text: t(lang, "查看明细", "See the detail"),
      type: "default",
      value: reportDetailButton.value({ group: v.groupId, period: v.period }, lang),
    }),
    ...(v.publication && !v.publication.final
      ? [
          {
            tag: "form",
            name: "object_form",
            elements: [
              {
                tag: "input",
                name: "objection",
                max_length: 1000,
                placeholder: {
                  tag: "plain_text",
                  content: t(lang, "对结果有异议？写明哪一项、为什么", "Object? Say which item, and why"),
                },
              },
              {
                ...button({
                  text: t(lang, "提出异议", "Object"),
                  type: "danger",
                  value: reportObjectButton.value({ group: v.groupId }, lang),
                }),
                name: "object",
                form_action_type: "submit",
              },
            ],
          },
        ]
      : []),
    note(
      t(
        lang,
        "每个数字都可以追溯到记录和审批：点「查看明细」。",
        "Every figure traces back to records and decisions: see the detail.",
      ),
    ),
    ...(publicity ? [note(publicity)] : []),
  ];
  return {
    card: card({ title, subtitle: v.groupName, colour: "indigo", summary: title, elements }),
    text: [
      title,
      headline.replace(/\*\*/g, ""),
      v.gradeNote ?? "",
      calibration,
      textTable(
        columns.map((c) => c.title),
        rows.map((r) => [r.dim, f2(r.mine), f2(r.avg)]),
      ),
      ...(v.surveys ?? []),
      ...(v.unitPay?.length ? [t(lang, "两级分配", "Two-level pay"), ...v.unitPay] : []),
      ...(v.targets ?? []),
      v.trend
        .map(
          (p) =>
            `${p.month}：${p.mine === null ? "—" : f2(p.mine)}（${t(lang, "群平均", "avg")} ${p.average === null ? "—" : f2(p.average)}）`,
        )
        .join("\n"),
      ...comments,
      ...(followUps.length ? [t(lang, "整改清单", "Follow-up"), ...followUps] : []),
      periodKind(v.period) === "year"
        ? t(
            lang,
            `回复「明细 ${v.period}-01」…「明细 ${v.period}-12」查看每个月得分背后的记录和审批。`,
            `Reply “/detail ${v.period}-01” … “/detail ${v.period}-12” for the trail behind each month.`,
          )
        : t(
            lang,
            `回复「明细 ${v.period}」查看这季度每个月得分背后的记录和审批。`,
            `Reply “/detail ${v.period}” for the trail behind each month.`,
          ),
      publicity,
    ]
      .filter(Boolean)
      .join("\n"),
  };
}

/** The group's summary of the quarter: grade distribution and the top places. */
export function reportSummaryCard(v: {
  /** "2026-Q3", or "2026" for the year. */
  period: string;
  groupName: string;
  headcount: number;
  average: number;
  grades: { name: string; count: number }[];
  top: { rank: number; name: string; total: number }[];
  lang: Lang;
}): Rendered {
  const { lang } = v;
  const title = t(
    lang,
    `${periodLabel(v.period, lang)}考核结果 · ${v.groupName}`,
    `${periodLabel(v.period, lang)} results · ${v.groupName}`,
  );
  const grades = v.grades.map((g) => `${g.name} ${g.count} 人`).join("　");
  const top = v.top.map((p) =>
    t(lang, `第 ${p.rank} 名 ${p.name}（${f2(p.total)} 分）`, `#${p.rank} ${p.name} (${f2(p.total)})`),
  );
  const lines = [
    t(lang, `共 ${v.headcount} 人，平均 ${f2(v.average)} 分`, `${v.headcount} people, average ${f2(v.average)}`),
    `${t(lang, "等次分布", "Grades")}：${grades || "—"}`,
    ...top,
  ];
  const hint = t(lang, "每个人的成绩单已私信发送。", "Everyone got their report card privately.");
  return {
    card: card({ title, colour: "indigo", summary: title, elements: [markdown(lines.join("\n")), note(hint)] }),
    text: [title, ...lines, hint].join("\n"),
  };
}

/** @deprecated the old name of periodLabel (it labels years too); kept for code written before the rename. */
