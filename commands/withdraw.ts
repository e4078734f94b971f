import { z } from "zod";
import { t } from "../cards/kit";
import { receiptCard } from "../cards/receipt";
import { countRecordsOfMonth, getRecord, withdrawRecord } from "../src/app/records";
import { defineCardAction } from "../src/bot/card-action";
import { members } from "../src/db/schema";
import { eq } from "drizzle-orm";
import { monthOf } from "../src/domain/dates";

/** The 撤回 button on a receipt: the author takes a record back. */
export const withdrawRecordAction = defineCardAction({
  name: "record.withdraw",
  value: z.object({ a: z.literal("record.withdraw"), id: z.string().min(1).max(64) }),
  async handle(ctx) {
    const { db } = ctx.deps;
    const { lang } = ctx;
    const record = await getRecord(db, ctx.value.id);
    if (!record) return { toast: { type: "warning", content: t(lang, "找不到这条记录", "Record not found") } };
    const [author] = await db.select().from(members).where(eq(members.id, record.memberId)).limit(1);
    if (!author || author.userId !== ctx.update.operatorId) {
      return {
        toast: { type: "error", content: t(lang, "只能撤回自己的记录", "You can only withdraw your own records") },
      };
    }
    const view = { recordId: record.id, date: record.date, text: record.text, groupName: "", lang };
    if (record.withdrawnAt) {
      return {
        toast: { type: "info", content: t(lang, "这条记录已经撤回了", "Already withdrawn") },
        card: { type: "raw", data: receiptCard({ ...view, monthCount: 0, withdrawn: true }).card },
      };
    }
    ctx.work.write(...withdrawRecord(db, record, ctx.update.operatorId, ctx.now));
    const left = (await countRecordsOfMonth(db, record.memberId, monthOf(record.date))) - 1;
    return {
      toast: {
        type: "success",
        content: t(lang, `已撤回，本月还有 ${left} 条记录`, `Withdrawn; ${left} records left this month`),
      },
      card: { type: "raw", data: receiptCard({ ...view, monthCount: left, withdrawn: true }).card },
    };
  },
});
