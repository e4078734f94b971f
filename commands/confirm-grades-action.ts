import { z } from "zod";
import { t } from "../cards/kit";
import { actionScope } from "../src/app/action-scope";
import { confirmGrades } from "../src/app/grade-confirmations";
import { addAdminWrites, isAdmin, listAdmins } from "../src/app/roles";
import { displayName } from "../src/app/scores";
import { defineCardAction } from "../src/bot/card-action";
import { confirmationCardOf, confirmText, PERIOD, publishAfter } from "./grade-confirmation";

/** 确认发布 on the office's 等次确认 card: the same as 确认等次, for the period the card shows. */
export const confirmGradesAction = defineCardAction({
  name: "grades.confirm",
  value: z.object({ a: z.literal("grades.confirm"), g: z.string().min(1).max(80), p: z.string().regex(PERIOD) }),
  async handle(ctx) {
    const { db } = ctx.deps;
    const { lang } = ctx;
    const by = ctx.update.operatorId;
    const scope = await actionScope(db, ctx.value.g, ctx.update.tenantKey, by);
    if (!scope) return { toast: { type: "warning", content: t(lang, "找不到这个群", "Group not found") } };
    const { group, member } = scope;
    // As with 导出: the office confirms; a tenant without an admin yet makes its first leader one.
    const first = !(await isAdmin(db, group, by)) && member?.role === "leader" && !(await listAdmins(db, group)).length;
    if (!first && !(await isAdmin(db, group, by)))
      return {
        toast: {
          type: "error",
          content: t(lang, "只有管理员可以操作：等次由绩考办（管理员）确认", "Only the office can confirm"),
        },
      };
    const outcome = await confirmGrades(db, { group, period: ctx.value.p, by, now: ctx.now });
    const said = confirmText(outcome, lang);
    if (outcome.code !== "confirmed") return { toast: { type: "info", content: said.text } };
    if (first && member)
      ctx.work.write(
        ...addAdminWrites(db, {
          group,
          by,
          target: { userId: by, name: displayName(member) },
          now: ctx.now,
          reason: "first",
        }),
      );
    ctx.work.write(...outcome.writes);
    publishAfter(ctx.deps, ctx.work, group, ctx.value.p, ctx.now);
    const [card] = await confirmationCardOf(ctx.deps, group, ctx.value.p, lang, {
      confirmedBy: member ? displayName(member) : by,
    });
    return {
      toast: { type: "success", content: said.text },
      ...(card ? { card: { type: "raw", data: card.card } } : {}),
    };
  },
});
