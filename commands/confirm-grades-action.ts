import { confirmClickToast } from "../cards/confirm-grades-reply";
import { confirmGradesButton } from "../cards/grade-confirmation";
import { t } from "../cards/kit";
import { confirmGradesByClick } from "../src/app/confirm-grades";
import { displayName } from "../src/app/scores";
import { defineCardAction } from "../src/bot/card-action";
import { publishAfter } from "../src/jobs/publish-confirmed";
import { confirmationCardOf } from "./grade-confirmation";

/** 确认发布 on the office's 等次确认 card: the same as 确认等次, for the period the card shows. */
export const confirmGradesAction = defineCardAction({
  button: confirmGradesButton,
  groupOf: async (_deps, value) => value.groupId,
  notFound: (lang) => t(lang, "找不到这个群", "Group not found"),
  async handle(ctx) {
    const { group, lang } = ctx;
    const { period } = ctx.value;
    const by = ctx.update.operatorId;
    const outcome = await confirmGradesByClick(ctx.deps.db, { group, member: ctx.member, by, period, now: ctx.now });
    const toast = confirmClickToast(outcome, lang);
    if (outcome.code !== "confirmed") return { toast };
    ctx.work.write(...outcome.writes);
    publishAfter(ctx.deps, ctx.work, group, period, ctx.now);
    const member = ctx.member?.active ? ctx.member : undefined;
    const confirmedBy = member ? displayName(member) : by;
    const [card] = await confirmationCardOf(ctx.deps, group, period, lang, { confirmedBy });
    return { toast, ...(card ? { card: { type: "raw", data: card.card } } : {}) };
  },
});
