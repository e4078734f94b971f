import { z } from "zod";
import type { ComputedGrade } from "../src/app/model";
import {
  buttonRow,
  button,
  card,
  escapeMarkdown,
  markdown,
  note,
  t,
  table,
  textTable,
  type Lang,
  type Rendered,
} from "./kit";
import { defineButtonAction } from "./action";
import { pageLabel, paginate, type Page } from "./pages";
import { PERIOD } from "../src/domain/periods";
import { periodLabel } from "./report-card";

/** "2026 年 11 月", "2026 年第四季度", "2026 年度". */
export function periodName(period: string, lang: Lang): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return t(lang, `${month[1]} 年 ${Number(month[2])} 月`, period);
  return periodLabel(period, lang);
}

/** 确认发布: the group and the period the card shows. Buttons sent before the readable keys carry `g` and `p`. */
export const confirmGradesButton = defineButtonAction({
  id: "grades.confirm",
  schema: z.object({ groupId: z.string().min(1).max(80), period: z.string().regex(PERIOD) }),
  legacy: { g: "groupId", p: "period" },
});

export interface GradeConfirmationView {
  groupId: string;
  groupName: string;
  period: string;
  rows: ComputedGrade[];
  /** The office's overrides so far, by member id. */
  overrides: ReadonlyMap<string, { grade: string | null; reason: string }>;
  /** Dimension key → name, to say which dimension held someone back. */
  dimensionNames: ReadonlyMap<string, string>;
  confirmed?: { by: string };
  lang: Lang;
  page?: Page;
}

/** The office's cards: one, or several in order for a group too large for one (each can confirm). */
export function gradeConfirmationCards(v: GradeConfirmationView): Rendered[] {
  const view = (rows: readonly ComputedGrade[], page: Page) => gradeConfirmationCard({ ...v, rows: [...rows], page });
  return paginate(v.rows, (rows, page) => view(rows, page).card, view);
}

const gradeText = (g: string | null | undefined) => g ?? "—";

/** Why a row's grade differs from the one on the total alone: the floor, or the office. */
function why(r: ComputedGrade, v: GradeConfirmationView): string {
  const o = v.overrides.get(r.memberId);
  if (o) return t(v.lang, `管理员改为${gradeText(o.grade)}：${o.reason}`, `office: ${o.reason}`);
  if (r.blocked) {
    const dim = v.dimensionNames.get(r.blocked.dimension) ?? r.blocked.dimension;
    return t(
      v.lang,
      `${dim} ${r.blocked.score.toFixed(2)} 分，低于评优所需 ${r.blocked.min} 分`,
      `${dim} ${r.blocked.score.toFixed(2)} < ${r.blocked.min}`,
    );
  }
  if (r.engine !== undefined) return t(v.lang, `名额递补（原为${gradeText(r.engine)}）`, "moved up");
  return "";
}

/**
 * 等次确认 for the office (篇6 「再由校考核小组评定等级」): the period's grades as computed, with the
 * office's changes, a button to confirm and publish, and how to change one.
 */
export function gradeConfirmationCard(v: GradeConfirmationView): Rendered {
  const { lang } = v;
  const name = periodName(v.period, lang);
  const title =
    t(lang, `等次确认 · ${v.groupName} · ${name}`, `Confirm grades · ${v.groupName} · ${name}`) +
    pageLabel(v.page, lang);
  const columns = [
    { name: "rank", title: t(lang, "名次", "#"), width: "64px" },
    { name: "name", title: t(lang, "姓名", "Name") },
    { name: "total", title: t(lang, "总分", "Total"), type: "number" as const },
    { name: "grade", title: t(lang, "等次", "Grade") },
    { name: "why", title: t(lang, "说明", "Note") },
  ];
  const rows = v.rows.map((r) => ({
    rank: String(r.rank),
    name: r.name,
    total: r.total,
    grade: gradeText(v.overrides.has(r.memberId) ? v.overrides.get(r.memberId)!.grade : r.grade),
    why: why(r, v),
  }));
  const status = v.confirmed
    ? t(lang, `已由 ${v.confirmed.by} 确认，结果随即发布。`, `Confirmed by ${v.confirmed.by}; publishing.`)
    : t(
        lang,
        "方案要求绩考办确认等次后才发布。核对无误请点「确认发布」；要改某人的等次，在本群发：",
        "The scheme asks the office to confirm grades before publication. To change one, send in the group:",
      );
  const how = `改等次 ${v.period} @${t(lang, "姓名", "name")} ${t(lang, "等次", "grade")} ${t(lang, "理由", "reason")}`;
  return {
    card: card({
      title,
      colour: v.confirmed ? "green" : "orange",
      summary: title,
      elements: [
        markdown(escapeMarkdown(status)),
        ...(v.confirmed ? [] : [note(`\`${how}\``)]),
        table(columns, rows),
        ...(v.confirmed
          ? []
          : [
              buttonRow([
                button({
                  text: t(lang, "确认发布", "Confirm and publish"),
                  type: "primary_filled",
                  value: confirmGradesButton.value({ groupId: v.groupId, period: v.period }, lang),
                  confirm: {
                    title: t(lang, "确认等次", "Confirm grades"),
                    text: t(lang, `确认后${name}结果将发布到群里。`, `The ${name} results will be published.`),
                  },
                }),
              ]),
            ]),
      ],
    }),
    text: [
      title,
      status,
      ...(v.confirmed ? [] : [how, t(lang, `确认：确认等次 ${v.period}`, `Confirm: /confirm-grades ${v.period}`)]),
      textTable(
        columns.map((c) => c.title),
        rows.map((r) => [r.rank, r.name, r.total.toFixed(2), r.grade, r.why]),
      ),
    ].join("\n"),
  };
}
