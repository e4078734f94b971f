import { chineseDate, shortDate, type IsoDate } from "../src/domain/dates";
import { z } from "zod";
import { defineButtonAction } from "./action";
import { button, card, escapeMarkdown, markdown, note, t, type Lang, type Rendered } from "./kit";

export interface ReceiptView {
  recordId: string;
  date: IsoDate;
  text: string;
  /** Records this month, this one included. */
  monthCount: number;
  groupName: string;
  withdrawn?: boolean;
  lang: Lang;
}

/** 撤回 on a receipt: the record to take back. */
export const withdrawRecordButton = defineButtonAction({
  id: "record.withdraw",
  schema: z.object({ id: z.string().min(1).max(64) }),
});

/** The answer to 日报: what was stored, and a button to take it back. */
export function receiptCard(v: ReceiptView): Rendered {
  const { lang } = v;
  const dateText = lang === "en" ? v.date : chineseDate(v.date);
  const status = v.withdrawn
    ? t(lang, "不再计入本月记录。", "It no longer counts this month.") // the title already says 已撤回
    : t(lang, `本月第 ${v.monthCount} 条记录`, `Record no. ${v.monthCount} this month`);
  const elements = [
    markdown(
      `**${t(lang, "日期", "Date")}**：${dateText}${v.groupName ? `　**${t(lang, "群", "Group")}**：${escapeMarkdown(v.groupName)}` : ""}`,
    ),
    markdown(v.withdrawn ? `~~${escapeMarkdown(v.text)}~~` : escapeMarkdown(v.text)),
    note(status),
  ];
  if (!v.withdrawn) {
    elements.push(
      button({
        text: t(lang, "撤回", "Undo"),
        type: "danger",
        value: withdrawRecordButton.value({ id: v.recordId }, lang),
        confirm: {
          title: t(lang, "撤回这条记录？", "Withdraw this record?"),
          text: t(lang, "撤回后不计入本月记录。", "It will no longer count."),
        },
      }),
    );
  }
  const title = v.withdrawn ? t(lang, "记录已撤回", "Record withdrawn") : t(lang, "已记录 ✓", "Recorded ✓");
  return {
    card: card({ title, colour: v.withdrawn ? "grey" : "green", summary: title, elements }),
    text: [
      title,
      `${t(lang, "日期", "Date")}：${shortDate(v.date)}`,
      v.text,
      status,
      ...(v.withdrawn
        ? []
        : [
            t(
              lang,
              `回复「撤回 ${shortDate(v.date)}」可撤回这天最近一条记录`,
              `Reply “/undo ${shortDate(v.date)}” to withdraw that day's latest record`,
            ),
          ]),
    ].join("\n"),
  };
}
