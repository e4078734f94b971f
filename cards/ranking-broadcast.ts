import type { RankingVisibility } from "../src/domain/scheme";
import { card, hr, markdown, note, t, table, textTable, type Element, type Lang, type Rendered } from "./kit";
import { pageLabel, paginate, type Page } from "./pages";
import { rankingChart } from "./ranking-chart";

export interface BroadcastRow {
  rank: number;
  name: string;
  total: number;
  grade: string | null;
  /** Places gained since last month (negative: lost); null when not ranked then. */
  movement: number | null;
}

export interface RankingBroadcastView {
  groupName: string;
  month: string;
  visibility: RankingVisibility;
  rows: BroadcastRow[];
  headcount: number;
  average: number;
  /** 流动红旗: the tenant's group with the best average, when it has several groups. */
  redFlag?: { groupName: string; average: number; isThisGroup: boolean; byUnitScore?: boolean };
  lang: Lang;
  /** Which of several cards this is, when the rows do not fit one (see rankingBroadcastCards). */
  page?: Page;
}

const TOP_N = 10;

/** The rows the scheme lets the whole group see. */
const shownRows = (v: RankingBroadcastView) =>
  v.visibility === "full" ? v.rows : v.visibility === "top" ? v.rows.slice(0, TOP_N) : [];

/**
 * The broadcast as the cards to send: one, or several in order when the shown rows would
 * pass Lark's limits ("full" visibility in a large group), so every place is on a card.
 * The first card carries the summary, the red flag and the chart.
 */
export function rankingBroadcastCards(v: RankingBroadcastView): Rendered[] {
  const view = (rows: readonly BroadcastRow[], page: Page) =>
    rankingBroadcastCard({ ...v, rows: [...rows], page, visibility: v.visibility });
  // Pages hold the shown rows only; the card itself slices by visibility again, which keeps them all.
  return paginate(shownRows(v), (rows, page) => view(rows, page).card, view);
}

export function movementLabel(m: number | null): string {
  if (m === null) return "新";
  if (m > 0) return `↑${m}`;
  if (m < 0) return `↓${-m}`;
  return "—";
}

/** 月评议 result for the group: the ranking as the scheme allows it to be shown, movement, a chart, the red flag. */
export function rankingBroadcastCard(v: RankingBroadcastView): Rendered {
  const { lang } = v;
  const title =
    t(lang, `${v.groupName} · ${Number(v.month.slice(5))} 月考核排名`, `${v.groupName} · ranking ${v.month}`) +
    pageLabel(v.page, lang);
  const first = !v.page || v.page.index === 1;
  const shown = shownRows(v);
  const columns = [
    { name: "rank", title: t(lang, "名次", "#"), type: "number" as const, precision: 0, width: "80px" },
    { name: "name", title: t(lang, "姓名", "Name") },
    { name: "total", title: t(lang, "总分", "Total"), type: "number" as const },
    { name: "move", title: t(lang, "升降", "Move") },
    { name: "grade", title: t(lang, "等次", "Grade") },
  ];
  const rows = shown.map((r) => ({
    rank: r.rank,
    name: r.name,
    total: r.total,
    move: movementLabel(r.movement),
    grade: r.grade ?? "—",
  }));
  const summary = t(
    lang,
    `共 ${v.headcount} 人，平均 ${v.average.toFixed(2)} 分`,
    `${v.headcount} people, average ${v.average.toFixed(2)}`,
  );
  const flag = v.redFlag
    ? v.redFlag.isThisGroup
      ? t(
          lang,
          `🚩 本月流动红旗：本群（${v.redFlag.byUnitScore ? "单位得分" : "平均"} ${v.redFlag.average.toFixed(2)} 分）`,
          `🚩 This month's red flag: this group (${v.redFlag.average.toFixed(2)})`,
        )
      : t(
          lang,
          `🚩 本月流动红旗：${v.redFlag.groupName}（${v.redFlag.byUnitScore ? "单位得分" : "平均"} ${v.redFlag.average.toFixed(2)} 分）`,
          `🚩 Red flag: ${v.redFlag.groupName} (${v.redFlag.average.toFixed(2)})`,
        )
    : "";
  const footnote =
    {
      full: t(lang, "完整排名", "Full ranking"),
      top: t(lang, `公布前 ${TOP_N} 名；每人的名次已私信发送`, `Top ${TOP_N}; everyone got their own place privately`),
      private: t(lang, "本群排名不公开；每人的名次已私信发送", "Private ranking; everyone got their place privately"),
    }[v.visibility] + continued(v.page, rows, lang);
  const elements: Element[] = [];
  if (first) elements.push(markdown(`**${summary}**`));
  if (first && flag) elements.push(markdown(flag));
  if (rows.length) {
    elements.push(table(columns, rows));
  }
  if (rows.length && first) {
    elements.push(rankingChart(shown));
  }
  elements.push(hr(), note(footnote));
  return {
    card: card({ title, colour: "violet", summary: title, elements }),
    text: [
      title,
      first ? summary : "",
      first ? flag : "",
      rows.length
        ? textTable(
            columns.map((c) => c.title),
            rows.map((r) => [r.rank, r.name, r.total.toFixed(2), r.move, r.grade]),
          )
        : "",
      footnote,
    ]
      .filter(Boolean)
      .join("\n"),
  };
}

/** On a card among several: which places it holds, and that the rest follow. */
function continued(page: Page | undefined, rows: readonly { rank: number }[], lang: Lang): string {
  if (!page || page.count < 2 || !rows.length) return "";
  const range = `${rows[0]!.rank}–${rows.at(-1)!.rank}`;
  return page.index < page.count
    ? t(lang, `；本卡第 ${range} 名，完整名单见下一张卡片`, `; places ${range} here, the rest on the next card`)
    : t(lang, `；本卡第 ${range} 名`, `; places ${range} here`);
}

/** Each member's own place, privately. */
export function myPlaceCard(v: {
  name: string;
  month: string;
  rank: number;
  headcount: number;
  total: number;
  grade: string | null;
  movement: number | null;
  lang: Lang;
}): Rendered {
  const { lang } = v;
  const title = t(lang, `${Number(v.month.slice(5))} 月考核结果`, `Result ${v.month}`);
  const move =
    v.movement === null
      ? ""
      : t(lang, `（较上月 ${movementLabel(v.movement)}）`, ` (${movementLabel(v.movement)} since last month)`);
  const body = t(
    lang,
    `${v.name}：第 ${v.rank} / ${v.headcount} 名${move}，${v.total.toFixed(2)} 分${v.grade ? `，等次 ${v.grade}` : ""}。`,
    `${v.name}: #${v.rank} of ${v.headcount}${move}, ${v.total.toFixed(2)}${v.grade ? `, grade ${v.grade}` : ""}.`,
  );
  const hint = t(
    lang,
    "发「成绩 上月」看各维度明细，「明细 上月」看每一条依据。",
    "Send “/score last month” for the breakdown.",
  );
  return {
    card: card({ title, colour: "violet", summary: title, elements: [markdown(body), note(hint)] }),
    text: [title, body, hint].join("\n"),
  };
}
