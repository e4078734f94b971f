import { and, eq } from "drizzle-orm";
import { currentGroupId } from "../src/db/ids";
import { z } from "zod";
import { t } from "../cards/kit";
import { defineCardAction } from "../src/bot/card-action";
import { groups, members } from "../src/db/schema";
import { isVagueReason } from "../src/domain/scoring";
import { lodgeAppeal } from "./appeal";

/** 提出异议 on a report card: the same appeal as the 申诉 command, with the reason typed on the card. */
export const reportObjectAction = defineCardAction({
  name: "report.object",
  value: z.object({ a: z.literal("report.object"), g: z.string().min(1).max(80) }),
  async handle(ctx) {
    const { db } = ctx.deps;
    const { lang } = ctx;
    const reason =
      typeof ctx.update.formValue?.objection === "string" ? ctx.update.formValue.objection.trim().slice(0, 1000) : "";
    if (!reason || isVagueReason(reason))
      return {
        toast: {
          type: "warning",
          content: t(lang, "请写明具体的异议（哪一项、为什么）", "Say what you object to, and why"),
        },
      };
    const [group] = await db
      .select()
      .from(groups)
      .where(eq(groups.id, currentGroupId(ctx.value.g)))
      .limit(1);
    if (!group || group.tenantKey !== ctx.update.tenantKey)
      return { toast: { type: "warning", content: t(lang, "找不到这个群", "Group not found") } };
    const [me] = await db
      .select()
      .from(members)
      .where(and(eq(members.groupId, group.id), eq(members.userId, ctx.update.operatorId), eq(members.active, true)))
      .limit(1);
    if (!me)
      return {
        toast: { type: "error", content: t(lang, "你不是这个群的考核成员", "You are not a member of this group") },
      };
    const result = await lodgeAppeal({ db, group, member: me, reason, now: ctx.now, work: ctx.work });
    if (result.kind === "closed")
      return {
        toast: { type: "warning", content: t(lang, "公示期已过，不能再提出异议", "The objection window has closed") },
      };
    if (result.kind === "already")
      return { toast: { type: "info", content: t(lang, "你的申诉正在处理中", "Your appeal is being handled") } };
    return {
      toast: {
        type: "success",
        content: t(lang, `异议已提交给 ${result.leaders} 位负责人`, `Sent to ${result.leaders} leader(s)`),
      },
    };
  },
});
