import { t } from "../cards/kit";
import { receiptCard, withdrawRecordButton } from "../cards/receipt";
import { recordGroupId, withdrawOwnRecord } from "../src/app/withdraw";
import { applyResult } from "../src/bot/apply";
import { defineCardAction } from "../src/bot/card-action";

/** The 撤回 button on a receipt: the author takes a record back. */
export const withdrawRecordAction = defineCardAction({
  button: withdrawRecordButton,
  groupOf: (deps, value) => recordGroupId(deps.db, value.id),
  notFound: (lang) => t(lang, "找不到这条记录", "Record not found"),
  async handle(ctx) {
    const { lang } = ctx;
    const result = await withdrawOwnRecord(ctx.deps.db, {
      recordId: ctx.value.id,
      operator: ctx.member,
      operatorUserId: ctx.update.operatorId,
      now: ctx.now,
    });
    if (result.code === "not_author")
      return {
        toast: { type: "error", content: t(lang, "只能撤回自己的记录", "You can only withdraw your own records") },
      };
    if (!("record" in result))
      return { toast: { type: "warning", content: t(lang, "找不到这条记录", "Record not found") } };
    const { record } = result;
    const view = { recordId: record.id, date: record.date, text: record.text, groupName: "", withdrawn: true, lang };
    if (!result.ok)
      return {
        toast: { type: "info", content: t(lang, "这条记录已经撤回了", "Already withdrawn") },
        card: { type: "raw", data: receiptCard({ ...view, monthCount: 0 }).card },
      };
    applyResult(ctx.work, result);
    return {
      toast: {
        type: "success",
        content: t(lang, `已撤回，本月还有 ${result.left} 条记录`, `Withdrawn; ${result.left} records left this month`),
      },
      card: { type: "raw", data: receiptCard({ ...view, monthCount: result.left }).card },
    };
  },
});
