import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { receiptCard } from "../cards/receipt";
import { addMember, findGroupAndMember } from "../src/app/groups";
import { addRecord, countRecordsOfMonth, getRecord, MAX_RECORD_CHARS, recordIdFromMessage } from "../src/app/records";
import { defineCardAction, type CardActionContext } from "../src/bot/card-action";
import type { CardActionAnswer } from "../src/bot/update";
import { localDate, monthOf } from "../src/domain/dates";

/** Lark's message ids (om_ + 32 hex) and open_ids fit well inside this. */
const MAX_ID_CHARS = 80;

const suggestedValue = z.object({
  a: z.literal("record.suggested"),
  m: z.string().min(1).max(MAX_ID_CHARS),
  u: z.string().min(1).max(MAX_ID_CHARS),
  c: z.string().min(1).max(MAX_ID_CHARS),
  d: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  t: z.string().trim().min(1).max(MAX_RECORD_CHARS),
});
type SuggestedValue = z.infer<typeof suggestedValue>;

/** The receipt that replaces the suggestion once the record exists, for everyone in the group. */
async function receiptAnswer(
  ctx: CardActionContext<SuggestedValue>,
  toast: CardActionAnswer["toast"],
  lang: Lang,
): Promise<CardActionAnswer> {
  const record = await getRecord(ctx.deps.db, recordIdFromMessage(ctx.value.m));
  if (!record) return { toast };
  const monthCount = await countRecordsOfMonth(ctx.deps.db, record.memberId, monthOf(record.date));
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

/**
 * 「记为日报」 on the suggestion the bot gives plain text in a group: files
 * the text as the sender's record of the day it was written. Only the sender's
 * click counts; a second click finds the record already there.
 */
export const fileSuggestedRecordAction = defineCardAction({
  name: "record.suggested",
  value: suggestedValue,
  async handle(ctx) {
    const { db } = ctx.deps;
    const { lang, value } = ctx;
    if (ctx.update.operatorId !== value.u) {
      return {
        toast: {
          type: "warning",
          content: t(lang, "只有发这条消息的人可以把它记为日报", "Only the person who wrote it can record it"),
        },
      };
    }
    const already = t(lang, "这条已经记为日报了", "Already recorded");
    if (await getRecord(db, recordIdFromMessage(value.m)))
      return receiptAnswer(ctx, { type: "info", content: already }, lang);
    const found = await findGroupAndMember(db, ctx.deps.platform, value.c, value.u);
    if (!found?.group.active)
      return {
        toast: { type: "warning", content: t(lang, "这个群已不在考核中", "This group is no longer appraised") },
      };
    const { group } = found;
    if (found.member && !found.member.active)
      return {
        toast: { type: "warning", content: t(lang, "你已不在这个考核群里", "You are no longer in this group") },
      };
    // The day it was written: filed later, it would be a backfill, which needs a leader.
    if (localDate(ctx.now, group.timezone) !== value.d) {
      return {
        toast: {
          type: "warning",
          content: t(
            lang,
            `这条建议已过期；补记 ${value.d.slice(5)} 的工作请发「补报 ${value.d.slice(5)} …」`,
            `This suggestion has expired; to backfill ${value.d}, send /backfill ${value.d.slice(5)} …`,
          ),
        },
      };
    }
    let member = found.member;
    if (!member) {
      const added = addMember(db, group.id, value.u, ctx.now);
      ctx.work.write(added.write);
      member = added.member;
    }
    const before = await countRecordsOfMonth(db, member.id, monthOf(value.d));
    const added = addRecord(db, {
      group,
      member,
      date: value.d,
      text: value.t,
      sourceMessageId: value.m,
      now: ctx.now,
      id: recordIdFromMessage(value.m),
    });
    ctx.work.write(...added.writes);
    const card = receiptCard({
      recordId: added.id,
      date: value.d,
      text: value.t,
      monthCount: before + 1,
      groupName: "",
      lang,
    }).card;
    return {
      toast: { type: "success", content: t(lang, "已记为日报", "Recorded") },
      card: { type: "raw", data: card },
    };
  },
  // Two clicks at once: the other one filed it.
  onConflict: (ctx) =>
    receiptAnswer(ctx, { type: "info", content: t(ctx.lang, "这条已经记为日报了", "Already recorded") }, ctx.lang),
});
