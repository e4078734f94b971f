import type { IsoMonth } from "../src/domain/dates";
import type { RankingVisibility } from "../src/domain/scheme";
import { card, hr, markdown, note, t, table, textTable, type Lang, type Rendered } from "./kit";
import { pageLabel, paginate, type Page } from "./pages";
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
  /** Which of several cards this is, when the rows do not fit one (see rankingCards). */
  page?: Page;
  /** A period other than the month, as people say it (「2025—2026学年第一学期」): the title names it instead. */
  periodLabel?: string;
}

export { TOP_N } from "../src/domain/ranking";
import { TOP_N } from "../src/domain/ranking";

/**
 * 排名 as the cards to send: one, or several when the rows would pass Lark's limits
 * (a large group, long names), so everyone's place is on a card and none is cut.
 */
export function rankingCards(v: RankingView): Rendered[] {
  const view = (rows: readonly RankingRow[], page: Page) => rankingCard({ ...v, rows: [...rows], page });
  return paginate(v.rows, (rows, page) => view(rows, page).card, view);
}

/** 排名: the group's month, as the scheme's ranking visibility allows this viewer to see it. */
export function rankingCard(v: RankingView): Rendered {
  const { lang } = v;
  const title =
    (v.periodLabel
      ? t(
          lang,
          `${v.groupName || "本群"} · ${v.periodLabel}排名`,
          `${v.groupName || "Group"} ranking · ${v.periodLabel}`,
        )
      : t(
          lang,
          `${v.groupName || "本群"} · ${Number(v.month.slice(5))} 月排名`,
          `${v.groupName || "Group"} ranking · ${v.month}`,
        )) + pageLabel(v.page, lang);
  const columns = [
    // Lark takes a column width of "auto", a percentage or 80–600 px: 80 px is the narrowest allowed.
    { name: "rank", title: t(lang, "名次", "#"), type: "number" as const, precision: 0, width: "80px" },
    { name: "name", title: t(lang, "姓名", "Name") },
    { name: "total", title: t(lang, "总分", "Total"), type: "number" as const },
    { name: "grade", title: t(lang, "等次", "Grade") },
  ];
  const rows = v.rows.map((r) => ({
    rank: r.rank,
    name: r.me ? `${r.name} ${t(lang, "（我）", "(me)")}` : r.name,
    total: r.total,
    grade: r.grade ?? "—",
  }));
  const mine = v.myPlace
    ? t(
        lang,
        `我的名次：第 ${v.myPlace.rank} / ${v.headcount} 名，${v.myPlace.total.toFixed(2)} 分`,
        `My place: #${v.myPlace.rank} of ${v.headcount}, ${v.myPlace.total.toFixed(2)}`,
      )
    : "";
  const footnote =
    {
      leader: t(lang, `负责人视图：全部 ${v.headcount} 人`, `Leader view: all ${v.headcount}`),
      full: t(lang, `全部 ${v.headcount} 人`, `All ${v.headcount}`),
      top: t(lang, `显示前 ${TOP_N} 名（共 ${v.headcount} 人）`, `Top ${TOP_N} of ${v.headcount}`),
      private: t(
        lang,
        "本群排名不公开，只显示你自己的名次",
        "This group's ranking is private; only your place is shown",
      ),
    }[v.visibility] + continued(v, lang);
  return {
    card: card({
      title,
      colour: "violet",
      summary: title,
      elements: [
        // The same chart as the monthly broadcast: people ask for the ranking far more often than the 1st comes round.
        ...(rows.length
          ? [table(columns, rows), rankingChart(v.rows)]
          : v.visibility === "private"
            ? []
            : [markdown(t(lang, "本月还没有人被评分。", "Nobody has been rated this month."))]),
        ...(mine ? [hr(), markdown(`**${mine}**`)] : []),
        note(footnote),
      ],
    }),
    // The text keeps everyone shown to this viewer: channels without cards can split it.
    text: [
      title,
      v.rows.length
        ? textTable(
            columns.map((c) => c.title),
            v.rows.map((r) => [
              r.rank,
              r.me ? `${r.name}${t(lang, "（我）", " (me)")}` : r.name,
              r.total.toFixed(2),
              r.grade ?? "—",
            ]),
          )
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

/** On a card among several: which places it holds, and that the rest follow. */
function continued(v: RankingView, lang: Lang): string {
  if (!v.page || v.page.count < 2 || !v.rows.length) return "";
  const first = v.rows[0]!.rank;
  const last = v.rows.at(-1)!.rank;
  return v.page.index < v.page.count
    ? t(
        lang,
        `；本卡第 ${first}–${last} 名，后面的名次见下一张卡片`,
        `; places ${first}–${last} here, the rest on the next card`,
      )
    : t(lang, `；本卡第 ${first}–${last} 名`, `; places ${first}–${last} here`);
}
