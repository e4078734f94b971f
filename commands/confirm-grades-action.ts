import { confirmGradesButton } from "../cards/grade-confirmation";
import { t } from "../cards/kit";
import { confirmGrades } from "../src/app/grade-confirmations";
import { addAdminWrites, isAdmin, listAdmins } from "../src/app/roles";
import { displayName } from "../src/app/scores";
import { defineCardAction } from "../src/bot/card-action";
import { confirmationCardOf, confirmText, publishAfter } from "./grade-confirmation";

/** 确认发布 on the office's 等次确认 card: the same as 确认等次, for the period the card shows. */
export const confirmGradesAction = defineCardAction({
  button: confirmGradesButton,
  groupOf: async (_deps, value) => value.groupId,
  notFound: (lang) => t(lang, "找不到这个群", "Group not found"),
  async handle(ctx) {
    const { db } = ctx.deps;
    const { lang } = ctx;
    const by = ctx.update.operatorId;
    const { group } = ctx;
    // Only an active membership counts, as for a command.
    const member = ctx.member?.active ? ctx.member : undefined;
    // As with 导出: the office confirms; a tenant without an admin yet makes its first leader one.
    const first = !(await isAdmin(db, group, by)) && member?.role === "leader" && !(await listAdmins(db, group)).length;
    if (!first && !(await isAdmin(db, group, by)))
      return {
        toast: {
          type: "error",
          content: t(lang, "只有管理员可以操作：等次由绩考办（管理员）确认", "Only the office can confirm"),
        },
      };
    const outcome = await confirmGrades(db, { group, period: ctx.value.period, by, now: ctx.now });
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
    publishAfter(ctx.deps, ctx.work, group, ctx.value.period, ctx.now);
    const [card] = await confirmationCardOf(ctx.deps, group, ctx.value.period, lang, {
      confirmedBy: member ? displayName(member) : by,
    });
    return {
      toast: { type: "success", content: said.text },
      ...(card ? { card: { type: "raw", data: card.card } } : {}),
    };
  },
});
