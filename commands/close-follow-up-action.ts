import { closeFollowUpButton, followUpsCards } from "../cards/follow-ups";
import { t } from "../cards/kit";
import { closeFollowUp, followUpsOf, groupPeople } from "../src/app/follow-ups";
import { defineCardAction } from "../src/bot/card-action";
import { followUpLine } from "../src/jobs/grade-gate";
import { closeText } from "../cards/close-follow-up-reply";

/** 销号 beside an item on the 整改 card: a leader of the item's group closes it; the card shows it closed. */
export const closeFollowUpAction = defineCardAction({
  button: closeFollowUpButton,
  groupOf: async (_deps, value) => value.groupId,
  notFound: (lang) => t(lang, "找不到这个群", "Group not found"),
  async handle(ctx) {
    const { db } = ctx.deps;
    const { lang } = ctx;
    const { group, member } = ctx;
    // A leader who has left the group closes nothing, as with the 销号 command.
    if (!member?.active || member.role !== "leader")
      return { toast: { type: "error", content: t(lang, "只有负责人可以操作：销号由本群负责人进行", "Leaders only") } };
    const outcome = await closeFollowUp(db, {
      group,
      id: ctx.value.id,
      note: "",
      by: ctx.update.operatorId,
      now: ctx.now,
    });
    const people = await groupPeople(db, group.id);
    const line = outcome.code === "closed" ? followUpLine(outcome.item, group, people) : undefined;
    const said = closeText(outcome, line, lang);
    if (outcome.code !== "closed") return { toast: { type: "info", content: said.text } };
    ctx.work.write(...outcome.writes);
    // The list as it stands once this commits: the clicked item closed.
    const items = (await followUpsOf(db, group.id)).map((f) => (f.id === outcome.item.id ? outcome.item : f));
    const pages = followUpsCards({
      groupId: group.id,
      groupName: group.name,
      items: items.map((f) => followUpLine(f, group, people)),
      canClose: true,
      lang,
    });
    // The card clicked is the page that lists the item.
    const card = pages.find((p) => p.text.includes(`#${outcome.item.no} 问题`)) ?? pages[0]!;
    return { toast: { type: "success", content: said.text }, card: { type: "raw", data: card.card } };
  },
});
