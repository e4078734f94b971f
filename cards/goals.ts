import { completionLine, completionRate } from "../src/domain/goals";
import { card, markdown, note, t, table, type Lang, type Rendered } from "./kit";
import { pageLabel, paginate, type Page } from "./pages";

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
  /** A limit to stay under (事故不超过2起): its "rate" is the share of the limit used. */
  direction?: "at_least" | "at_most";
  /** In an approved 目标计划书. */
  approved?: boolean;
}

const HOW = (lang: Lang) =>
  t(
    lang,
    "日报或申报里写「#目标编号」计 1，写「#目标编号 +数量」计该数量，例如：日报 完成两个项目验收 #目标1 +2",
    "Tag a record or claim “#目标N” (counts 1) or “#目标N +k”.",
  );

/** Targets a group may hold in one year (not cancelled): every 目标 view lists at most these. */
export const MAX_GOALS_PER_YEAR = 500;

export interface GoalsView {
  groupName: string;
  periodLabel: string;
  rows: GoalRow[];
  lang: Lang;
  /** Which of several cards this is, when the targets do not fit one (see goalsCards). */
  page?: Page;
}

/** 目标 as the cards to send: one, or several in order when the targets would pass Lark's limits. */
export function goalsCards(v: GoalsView): Rendered[] {
  const view = (rows: readonly GoalRow[], page: Page) => goalsCard({ ...v, rows: [...rows], page });
  return paginate(v.rows, (rows, page) => view(rows, page).card, view);
}

/** 目标: the group's targets for a period with what has been done and the completion rate (完成率). */
export function goalsCard(v: GoalsView): Rendered {
  const { lang } = v;
  const title = t(lang, `目标完成情况 · ${v.periodLabel}`, `Targets · ${v.periodLabel}`) + pageLabel(v.page, lang);
  const everyone = t(lang, "全体", "everyone");
  const columns = [
    { name: "seq", title: t(lang, "编号", "#"), width: "80px" },
    { name: "who", title: t(lang, "对象", "Who") },
    { name: "goal", title: t(lang, "目标", "Target") },
    { name: "planned", title: t(lang, "计划", "Planned"), type: "number" as const, precision: 2 },
    { name: "done", title: t(lang, "完成", "Done"), type: "number" as const, precision: 2 },
    { name: "rate", title: t(lang, "完成率", "Rate") },
  ];
  const mark = (r: GoalRow) => (r.approved ? t(lang, " ✓已批准", " ✓approved") : "");
  const goal = (r: GoalRow) => `${r.dimension ? `【${r.dimension}】` : ""}${r.title}（${r.period}）${mark(r)}`;
  const rate = (r: GoalRow) =>
    r.direction === "at_most"
      ? t(lang, `上限 ${r.planned}，已 ${r.done}`, `limit ${r.planned}, ${r.done} so far`)
      : `${completionRate(r.done, r.planned).toFixed(2)}%`;
  const rows = v.rows.map((r) => ({
    seq: `目标${r.seq}`,
    who: r.who ?? everyone,
    goal: goal(r),
    planned: r.planned,
    done: r.done,
    rate: rate(r),
  }));
  const empty = t(
    lang,
    "这个时段还没有目标。负责人可以发：目标 @张三 业务 完成12个项目",
    "No targets yet. Leaders: 目标 @someone 业务 完成12个项目",
  );
  const cut =
    v.page && v.page.count > 1 && rows.length
      ? v.page.index < v.page.count
        ? t(
            lang,
            `本卡列出${rows[0]!.seq}–${rows.at(-1)!.seq}，其余目标见下一张卡片`,
            `${rows[0]!.seq}–${rows.at(-1)!.seq} here; the rest on the next card`,
          )
        : t(lang, `本卡列出${rows[0]!.seq}–${rows.at(-1)!.seq}`, `${rows[0]!.seq}–${rows.at(-1)!.seq} here`)
      : "";
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
        ? v.rows.map(
            (r) =>
              `目标${r.seq} ${r.who ?? everyone} ${goal(r)}：${r.direction === "at_most" ? rate(r) : completionLine(r.done, r.planned, r.unit)}`,
          )
        : [empty]),
      HOW(lang),
      cut,
    ]
      .filter(Boolean)
      .join("\n"),
  };
}
