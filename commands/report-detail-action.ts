import { t } from "../cards/kit";
import { reportDetailButton } from "../cards/report-card";
import { defineCardAction } from "../src/bot/card-action";
import { monthsOfQuarter, monthsOfYear, periodKind } from "../src/domain/periods";
import { renderDetail } from "./detail";

/** 查看明细 on a report card: the period's monthly trails, privately to whoever clicked. */
export const reportDetailAction = defineCardAction({
  button: reportDetailButton,
  groupOf: async (_deps, value) => value.group,
  notFound: (lang) => t(lang, "找不到这个群", "Group not found"),
  async handle(ctx) {
    const me = ctx.member;
    if (!me)
      return {
        toast: { type: "error", content: t(ctx.lang, "你不是这个群的考核成员", "You are not a member of this group") },
      };
    const { period } = ctx.value;
    // An annual report card's button names the year: its twelve months.
    const year = periodKind(period) === "year";
    for (const month of year ? monthsOfYear(period) : monthsOfQuarter(period)) {
      ctx.work.send(
        { type: "open_id", id: me.userId },
        await renderDetail(ctx.deps.db, ctx.group, me, month, ctx.now, ctx.lang),
        `detail:${period}:${month}:${me.id}:${ctx.update.eventId}`,
      );
    }
    return {
      toast: {
        type: "success",
        content: year
          ? t(ctx.lang, "全年十二个月的明细已私信发送", "The year's detail is in your private chat")
          : t(ctx.lang, "三个月的明细已私信发送", "The quarter's detail is in your private chat"),
      },
    };
  },
});
