import { t, type Lang } from "../cards/kit";
import { receiptCard } from "../cards/receipt";
import { fileSuggestedRecordButton } from "../cards/record-suggestion";
import { fileSuggestedRecord, filedSuggestion, suggestionGroupId, type FiledRecord } from "../src/app/suggested-record";
import { applyResult } from "../src/bot/apply";
import { defineCardAction } from "../src/bot/card-action";
import type { CardActionAnswer } from "../src/bot/update";

/** The receipt that replaces the suggestion once the record exists, for everyone in the group. */
function receiptAnswer(toast: CardActionAnswer["toast"], filed: FiledRecord | undefined, lang: Lang): CardActionAnswer {
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

const REFUSALS = {
  not_sender: ["只有发这条消息的人可以把它记为日报", "Only the person who wrote it can record it"],
  group_inactive: ["这个群已不在考核中", "This group is no longer appraised"],
  member_inactive: ["你已不在这个考核群里", "You are no longer in this group"],
} as const;

/** 「记为日报」 on the suggestion the bot gives plain text in a group: the sender's record of that day. */
export const fileSuggestedRecordAction = defineCardAction({
  button: fileSuggestedRecordButton,
  groupOf: (deps, value) => suggestionGroupId(deps.db, deps.platform, value.chat),
  notFound: (lang) => t(lang, ...REFUSALS.group_inactive),
  async handle(ctx) {
    const { lang, value } = ctx;
    const result = await fileSuggestedRecord(ctx.deps.db, {
      group: ctx.group,
      member: ctx.member,
      operatorUserId: ctx.update.operatorId,
      suggestion: value,
      now: ctx.now,
    });
    if (result.ok) {
      applyResult(ctx.work, result);
      return receiptAnswer({ type: "success", content: t(lang, "已记为日报", "Recorded") }, result, lang);
    }
    if (result.code === "already")
      return receiptAnswer({ type: "info", content: t(lang, "这条已经记为日报了", "Already recorded") }, result, lang);
    if (result.code === "expired") {
      const day = value.date.slice(5);
      return {
        toast: {
          type: "warning",
          content: t(
            lang,
            `这条建议已过期；补记 ${day} 的工作请发「补报 ${day} …」`,
            `This suggestion has expired; to backfill ${value.date}, send /backfill ${day} …`,
          ),
        },
      };
    }
    const [zh, en] = REFUSALS[result.code];
    return { toast: { type: "warning", content: t(lang, zh, en) } };
  },
  // Two clicks at once: the other one filed it.
  onConflict: async (ctx) =>
    receiptAnswer(
      { type: "info", content: t(ctx.lang, "这条已经记为日报了", "Already recorded") },
      await filedSuggestion(ctx.deps.db, ctx.value.message),
      ctx.lang,
    ),
});
