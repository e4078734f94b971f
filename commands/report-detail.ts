import { and, eq } from "drizzle-orm";
import { currentGroupId } from "../src/db/ids";
import { z } from "zod";
import { t } from "../cards/kit";
import { defineCardAction } from "../src/bot/card-action";
import { groups, members } from "../src/db/schema";
import { monthsOfQuarter } from "../src/domain/periods";
import { renderDetail } from "./detail";

/** 查看明细 on a report card: the quarter's monthly trails, privately to whoever clicked. */
export const reportDetailAction = defineCardAction({
  name: "report.detail",
  value: z.object({
    a: z.literal("report.detail"),
    g: z.string().min(1).max(80),
    q: z.string().regex(/^\d{4}-Q[1-4]$/),
  }),
  async handle(ctx) {
    const { db } = ctx.deps;
    const [group] = await db
      .select()
      .from(groups)
      .where(eq(groups.id, currentGroupId(ctx.value.g)))
      .limit(1);
    if (!group || group.tenantKey !== ctx.update.tenantKey)
      return { toast: { type: "warning", content: t(ctx.lang, "找不到这个群", "Group not found") } };
    const [me] = await db
      .select()
      .from(members)
      .where(and(eq(members.groupId, group.id), eq(members.userId, ctx.update.operatorId)))
      .limit(1);
    if (!me)
      return {
        toast: { type: "error", content: t(ctx.lang, "你不是这个群的考核成员", "You are not a member of this group") },
      };
    for (const month of monthsOfQuarter(ctx.value.q)) {
      ctx.work.send(
        { type: "open_id", id: me.userId },
        await renderDetail(db, group, me, month, ctx.now, ctx.lang),
        `detail:${ctx.value.q}:${month}:${me.id}:${ctx.update.eventId}`,
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
