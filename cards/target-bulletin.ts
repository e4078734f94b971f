import type { BulletinRow } from "../src/app/goal-bulletin";
import { periodLabel } from "../src/domain/periods";
import { capLines } from "./goal-plan";
import { card, escapeMarkdown, markdown, note, t, type Lang, type Rendered } from "./kit";

const num = (x: number) => String(Math.round(x * 100) / 100);

export interface TargetBulletinView {
  groupName: string;
  quarter: string;
  rows: BulletinRow[];
  lang: Lang;
}

function rowLine(r: BulletinRow, lang: Lang): string {
  const owner = r.owner ?? t(lang, "全体", "everyone");
  const indicator = r.indicator ? `【${r.indicator}】` : "";
  const state =
    r.direction === "at_most"
      ? t(
          lang,
          `发生 ${num(r.done)} / 上限 ${num(r.planned)}${r.unit}`,
          `${num(r.done)} against a limit of ${num(r.planned)}`,
        )
      : t(
          lang,
          `完成 ${num(r.done)} / 应完成 ${num(r.due)}（全期计划 ${num(r.planned)}${r.unit}）`,
          `${num(r.done)} of ${num(r.due)} due (plan ${num(r.planned)})`,
        );
  const mark =
    r.status === "met"
      ? t(lang, "✅ 达标", "✅ on track")
      : r.status === "over"
        ? t(lang, "❌ 超限", "❌ over")
        : t(lang, "⚠️ 滞后", "⚠️ behind");
  const score = r.point ? t(lang, `，计 ${num(r.point.score)} 分`, `, ${num(r.point.score)} points`) : "";
  const bonus = r.point?.bonusPct
    ? t(lang, `（超额加 ${num(r.point.bonusPct)}%）`, ` (+${num(r.point.bonusPct)}%)`)
    : "";
  const pending = r.approved ? "" : t(lang, "（计划书未批准）", " (plan not approved)");
  return `目标${r.seq} · ${owner} · ${indicator}${r.title}（${r.period}）：${state} ${mark}${score}${bonus}${pending}`;
}

/** 目标完成情况通报 to the group each quarter (篇9 line 192 「每季度通报…完成情况」). */
export function targetBulletinCard(v: TargetBulletinView): Rendered {
  const { lang } = v;
  const title = t(lang, `目标完成情况通报 · ${periodLabel(v.quarter, "zh")}`, `Targets · ${v.quarter}`);
  const met = v.rows.filter((r) => r.status === "met").length;
  const head = t(
    lang,
    `本群 ${v.rows.length} 个目标：${met} 个达标，${v.rows.length - met} 个滞后或超限。`,
    `${v.rows.length} targets: ${met} on track, ${v.rows.length - met} behind or over.`,
  );
  const lines = capLines(
    v.rows.map((r) => rowLine(r, lang)),
    lang,
  );
  const how = t(
    lang,
    "应完成量按时序进度计（时间过半、任务过半）；上限类目标按全期上限计。发「目标」看实时完成率。",
    "Due so far is pro rata over the period; limits hold for the whole period.",
  );
  return {
    card: card({
      title,
      subtitle: v.groupName || undefined,
      colour: met === v.rows.length ? "green" : "orange",
      summary: title,
      elements: [markdown(escapeMarkdown([head, ...lines].join("\n"))), note(how)],
    }),
    text: [title, head, ...lines, how].join("\n"),
  };
}
