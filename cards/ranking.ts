import type { IsoMonth } from "../src/domain/dates";
import type { RankingVisibility } from "../src/domain/scheme";
import { card, hr, markdown, note, t, table, textTable, type Lang, type Rendered } from "./kit";
import { rankingChart } from "./ranking-chart";

export interface RankingRow {
  rank: number;
  name: string;
  total: number;
  grade: string | null;
  me?: boolean;
}

export interface RankingView {
  groupName: string;
  month: IsoMonth;
  rows: RankingRow[];
  /** Everyone ranked, including those not shown. */
  headcount: number;
  /** What this viewer was allowed to see, for the footnote. */
  visibility: RankingVisibility | "leader";
  myPlace?: RankingRow;
  lang: Lang;
}

/** How many people the top view shows. */
export const TOP_N = 10;
/** Rows that keep the card under Lark's 30 KB however long the names are. */
export const MAX_ROWS = 200;

/** 排名: the group's month, as the scheme's ranking visibility allows this viewer to see it. */
export function rankingCard(v: RankingView): Rendered {
  const { lang } = v;
  const title = t(lang, `${v.groupName || "本群"} · ${Number(v.month.slice(5))} 月排名`, `${v.groupName || "Group"} ranking · ${v.month}`);
  const columns = [
    // Lark takes a column width of "auto", a percentage or 80–600 px: 80 px is the narrowest allowed.
    { name: "rank", title: t(lang, "名次", "#"), type: "number" as const, precision: 0, width: "80px" },
    { name: "name", title: t(lang, "姓名", "Name") },
    { name: "total", title: t(lang, "总分", "Total"), type: "number" as const },
    { name: "grade", title: t(lang, "等次", "Grade") },
  ];
  const cut = v.rows.length > MAX_ROWS;
  const rows = v.rows.slice(0, MAX_ROWS).map((r) => ({ rank: r.rank, name: r.me ? `${r.name} ${t(lang, "（我）", "(me)")}` : r.name, total: r.total, grade: r.grade ?? "—" }));
  const mine = v.myPlace
    ? t(lang, `我的名次：第 ${v.myPlace.rank} / ${v.headcount} 名，${v.myPlace.total.toFixed(2)} 分`, `My place: #${v.myPlace.rank} of ${v.headcount}, ${v.myPlace.total.toFixed(2)}`)
    : "";
  const footnote = {
    leader: t(lang, `负责人视图：全部 ${v.headcount} 人`, `Leader view: all ${v.headcount}`),
    full: t(lang, `全部 ${v.headcount} 人`, `All ${v.headcount}`),
    top: t(lang, `显示前 ${TOP_N} 名（共 ${v.headcount} 人）`, `Top ${TOP_N} of ${v.headcount}`),
    private: t(lang, "本群排名不公开，只显示你自己的名次", "This group's ranking is private; only your place is shown"),
  }[v.visibility] + (cut ? t(lang, `；卡片只列前 ${MAX_ROWS} 名`, `; the card lists the first ${MAX_ROWS}`) : "");
  return {
    card: card({
      title,
      colour: "violet",
      summary: title,
      elements: [
        // The same chart as the monthly broadcast: people ask for the ranking far more often than the 1st comes round.
        ...(rows.length ? [table(columns, rows), rankingChart(v.rows)] : v.visibility === "private" ? [] : [markdown(t(lang, "本月还没有人被评分。", "Nobody has been rated this month."))]),
        ...(mine ? [hr(), markdown(`**${mine}**`)] : []),
        note(footnote),
      ],
    }),
    // The text keeps everyone shown to this viewer: channels without cards can split it.
    text: [
      title,
      v.rows.length
        ? textTable(columns.map((c) => c.title), v.rows.map((r) => [r.rank, r.me ? `${r.name}${t(lang, "（我）", " (me)")}` : r.name, r.total.toFixed(2), r.grade ?? "—"]))
        : v.visibility === "private"
          ? ""
          : t(lang, "本月还没有人被评分。", "Nobody has been rated this month."),
      mine,
      footnote,
    ]
      .filter(Boolean)
      .join("\n"),
  };
}
