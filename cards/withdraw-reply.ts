import type { WithdrawResult } from "../src/app/withdraw";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { receiptCard } from "./receipt";

/** 撤回's reply: the withdrawn receipt, or that there was nothing (that day) to take back. */
export function withdrawReply(r: WithdrawResult, date: string | undefined, lang: Lang): Rendered {
  if (!r.ok)
    return noticeCard({
      title: t(lang, "没有可撤回的记录", "Nothing to withdraw"),
      body: date
        ? t(lang, `你在 ${date} 没有未撤回的记录。`, `You have no live record on ${date}.`)
        : t(lang, "你在本群还没有未撤回的记录。", "You have no live record in this group."),
      colour: "yellow",
    });
  const { record, left } = r;
  return receiptCard({
    recordId: record.id,
    date: record.date,
    text: record.text,
    groupName: "",
    monthCount: left,
    withdrawn: true,
    lang,
  });
}
