import type { FiledRecord, SuggestedResult } from "../src/app/suggested-record";
import { t, type Card, type Lang } from "./kit";
import { receiptCard } from "./receipt";

/** A card action's answer: the toast, and the card that replaces the one clicked. */
export interface SuggestionAnswer {
  toast: { type: "success" | "info" | "warning" | "error"; content: string };
  card?: { type: "raw"; data: Card };
}

const REFUSALS = {
  not_sender: ["只有发这条消息的人可以把它记为日报", "Only the person who wrote it can record it"],
  group_inactive: ["这个群已不在考核中", "This group is no longer appraised"],
  member_inactive: ["你已不在这个考核群里", "You are no longer in this group"],
} as const;

/** The refusal when the suggestion's group is gone. */
export const suggestionGroupGone = (lang: Lang) => t(lang, ...REFUSALS.group_inactive);

/** The receipt that replaces the suggestion once the record exists, for everyone in the group. */
function receiptAnswer(toast: SuggestionAnswer["toast"], filed: FiledRecord | undefined, lang: Lang): SuggestionAnswer {
  if (!filed) return { toast };
  const { record, monthCount } = filed;
  const card = receiptCard({
    recordId: record.id,
    date: record.date,
    text: record.text,
    monthCount,
    groupName: "",
    withdrawn: Boolean(record.withdrawnAt),
    lang,
  }).card;
  return { toast, card: { type: "raw", data: card } };
}

/** 「记为日报」's answer for each code of fileSuggestedRecord; `date` is the suggestion's day. */
export function suggestionAnswer(result: SuggestedResult, date: string, lang: Lang): SuggestionAnswer {
  if (result.ok) return receiptAnswer({ type: "success", content: t(lang, "已记为日报", "Recorded") }, result, lang);
  if (result.code === "already") return alreadyFiledAnswer(result, lang);
  if (result.code === "expired") {
    const day = date.slice(5);
    const content = t(
      lang,
      `这条建议已过期；补记 ${day} 的工作请发「补报 ${day} …」`,
      `This suggestion has expired; to backfill ${date}, send /backfill ${day} …`,
    );
    return { toast: { type: "warning", content } };
  }
  const [zh, en] = REFUSALS[result.code];
  return { toast: { type: "warning", content: t(lang, zh, en) } };
}

/** Filed already (by this click's twin, or before): the receipt as it reads. */
export function alreadyFiledAnswer(filed: FiledRecord | undefined, lang: Lang): SuggestionAnswer {
  return receiptAnswer({ type: "info", content: t(lang, "这条已经记为日报了", "Already recorded") }, filed, lang);
}
