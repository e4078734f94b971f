import { shortDate, type IsoDate, type IsoMonth } from "../src/domain/dates";
import { truncate } from "../src/domain/text";
import { card, escapeMarkdown, hr, markdown, note, t, type Lang, type Rendered } from "./kit";

export interface MyMonthView {
  name: string;
  month: IsoMonth;
  records: { date: IsoDate; text: string }[];
  workdaysSoFar: number;
  missing: IsoDate[];
  lang: Lang;
}

/** Lines shown per record, and how many records fit comfortably in one card. */
const PREVIEW_CHARS = 40;
const MAX_LINES = 40;

/** 我的: my records this month and the workdays that still have none. */
export function myMonthCard(v: MyMonthView): Rendered {
  const { lang } = v;
  const [year, month] = v.month.split("-");
  const title = t(lang, `${v.name || "我"}的 ${Number(month)} 月记录`, `${v.name || "My"} records, ${v.month}`);
  const done = v.workdaysSoFar - v.missing.length;
  const summary = t(
    lang,
    `共 ${v.records.length} 条；截至今天 ${v.workdaysSoFar} 个工作日，已记录 ${done} 天`,
    `${v.records.length} records; ${done} of ${v.workdaysSoFar} workdays so far have one`,
  );
  const shown = v.records.slice(-MAX_LINES);
  const lines = shown.map((r) => `${shortDate(r.date)}　${truncate(r.text.replace(/\s+/g, " "), PREVIEW_CHARS)}`);
  const missingText = v.missing.length
    ? t(
        lang,
        `还没有记录的工作日：${v.missing.map(shortDate).join("、")}`,
        `Workdays without a record: ${v.missing.map(shortDate).join(", ")}`,
      )
    : t(lang, "本月到今天每个工作日都有记录 👍", "Every workday so far has a record 👍");
  const elements = [
    markdown(`**${summary}**`),
    hr(),
    markdown(
      lines.length
        ? lines.map(escapeMarkdown).join("\n")
        : t(
            lang,
            "本月还没有记录。发「日报 今天完成了…」开始记录。",
            "No records yet. Send “/report what I did today” to start.",
          ),
    ),
    ...(v.records.length > shown.length
      ? [note(t(lang, `只显示最近 ${MAX_LINES} 条`, `Showing the latest ${MAX_LINES}`))]
      : []),
    hr(),
    markdown(v.missing.length ? `<font color='red'>${escapeMarkdown(missingText)}</font>` : missingText),
  ];
  return {
    card: card({
      title,
      subtitle: `${year}-${month}`,
      colour: v.missing.length ? "orange" : "green",
      summary: title,
      elements,
    }),
    text: [title, summary, ...lines, missingText].join("\n"),
  };
}
