import { completionLine, completionRate } from "../src/domain/goals";
import { card, fitRows, markdown, MAX_CARD_BYTES, note, t, table, type Lang, type Rendered } from "./kit";

export interface GoalRow {
  seq: number;
  period: string;
  /** A person's name, or null for the whole group. */
  who: string | null;
  dimension: string | null;
  title: string;
  planned: number;
  unit: string;
  done: number;
}

const HOW = (lang: Lang) =>
  t(lang, "日报或申报里写「#目标编号」计 1，写「#目标编号 +数量」计该数量，例如：日报 完成两个项目验收 #目标1 +2", "Tag a record or claim “#目标N” (counts 1) or “#目标N +k”.");

/** 目标: the group's targets for a period with what has been done and the completion rate (完成率). */
export function goalsCard(v: { groupName: string; periodLabel: string; rows: GoalRow[]; lang: Lang }): Rendered {
  const { lang } = v;
  const title = t(lang, `目标完成情况 · ${v.periodLabel}`, `Targets · ${v.periodLabel}`);
  const everyone = t(lang, "全体", "everyone");
  const columns = [
    { name: "seq", title: t(lang, "编号", "#"), width: "80px" },
    { name: "who", title: t(lang, "对象", "Who") },
    { name: "goal", title: t(lang, "目标", "Target") },
    { name: "planned", title: t(lang, "计划", "Planned"), type: "number" as const, precision: 2 },
    { name: "done", title: t(lang, "完成", "Done"), type: "number" as const, precision: 2 },
    { name: "rate", title: t(lang, "完成率", "Rate") },
  ];
  const goal = (r: GoalRow) => `${r.dimension ? `【${r.dimension}】` : ""}${r.title}（${r.period}）`;
  const rows = fitRows(v.rows.map((r) => ({ seq: `目标${r.seq}`, who: r.who ?? everyone, goal: goal(r), planned: r.planned, done: r.done, rate: `${completionRate(r.done, r.planned).toFixed(2)}%` })), { budget: MAX_CARD_BYTES - 4 * 1024, max: 200 });
  const empty = t(lang, "这个时段还没有目标。负责人可以发：目标 @张三 业务 完成12个项目", "No targets yet. Leaders: 目标 @someone 业务 完成12个项目");
  const cut = rows.length < v.rows.length ? t(lang, `卡片只列前 ${rows.length} 个目标（共 ${v.rows.length} 个）`, `First ${rows.length} of ${v.rows.length}`) : "";
  return {
    card: card({
      title,
      subtitle: v.groupName || undefined,
      colour: "turquoise",
      summary: title,
      elements: [rows.length ? table(columns, rows) : markdown(empty), note(HOW(lang)), ...(cut ? [note(cut)] : [])],
    }),
    text: [
      title,
      ...(v.rows.length
        ? v.rows.map((r) => `目标${r.seq} ${r.who ?? everyone} ${goal(r)}：${completionLine(r.done, r.planned, r.unit)}`)
        : [empty]),
      HOW(lang),
      cut,
    ].filter(Boolean).join("\n"),
  };
}

