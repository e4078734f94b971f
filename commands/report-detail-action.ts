import { t } from "../cards/kit";
import { reportDetailButton } from "../cards/report-card";
import { defineCardAction } from "../src/bot/card-action";
import { monthsOfQuarter } from "../src/domain/periods";
import { renderDetail } from "./detail";

/** 查看明细 on a report card: the quarter's monthly trails, privately to whoever clicked. */
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
    const { quarter } = ctx.value;
    for (const month of monthsOfQuarter(quarter)) {
      ctx.work.send(
        { type: "open_id", id: me.userId },
        await renderDetail(ctx.deps.db, ctx.group, me, month, ctx.now, ctx.lang),
        `detail:${quarter}:${month}:${me.id}:${ctx.update.eventId}`,
      );
    }
    return {
      toast: {
        type: "success",
        content: t(ctx.lang, "三个月的明细已私信发送", "The quarter's detail is in your private chat"),
      },
    };
  },
});
