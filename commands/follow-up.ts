import { followUpAssignedText, followUpDueProblem, followUpRefusal, followUpSetCard } from "../cards/follow-up-reply";
import { followUpsCards } from "../cards/follow-ups";
import { addFollowUp, followUpList, groupPeople } from "../src/app/follow-ups";
import { displayName } from "../src/app/scores";
import { resolveTarget } from "./target-arg";
import { defineCommand, type CommandContext } from "../src/bot/command";
import { localDate } from "../src/domain/dates";
import { followUpLine } from "../src/jobs/grade-gate";
import { dueDate, FOLLOW_UP_EXAMPLE as EXAMPLE, followUpArgs, type FollowUpArgs } from "./args/follow-up";
import { leadersOnly, problem } from "./guards";

/** 整改 alone: the list (everyone's for leaders, with 销号 buttons; one's own for everyone else). */
async function list(ctx: CommandContext<FollowUpArgs>) {
  const { group, lang } = ctx;
  const { items, people, canClose } = await followUpList(ctx.deps.db, { group, member: ctx.member });
  const lines = items.map((f) => followUpLine(f, group, people));
  for (const card of followUpsCards({ groupId: group.id, groupName: group.name, items: lines, canClose, lang }))
    ctx.reply(card);
}

/**
 * 整改: a leader sets one follow-up item (问题、措施、责任、时限, 篇3) for a person below the line; alone,
 * the list (everyone's for leaders, with 销号 buttons; one's own for everyone else).
 */
export const followUpCommand = defineCommand({
  name: "整改",
  aliases: ["整改清单", "follow-up"],
  summary: {
    zh: "整改清单：负责人为低于整改线的人制定问题、措施、责任、时限；单发「整改」查看清单",
    en: "Follow-up items (problem, measure, owner, deadline); alone: the list",
  },
  example: EXAMPLE,
  takesText: true,
  args: followUpArgs,
  async handle(ctx) {
    const a = ctx.args;
    if (a.kind === "list") return list(ctx);
    if (!leadersOnly(ctx, "整改")) return;
    const { db } = ctx.deps;
    const { group, lang } = ctx;
    const target = await resolveTarget(db, group, a.who, ctx.update.mentions, lang);
    if (!target.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, target.problem, EXAMPLE[lang]);
    const today = localDate(ctx.now, group.timezone);
    const due = dueDate(a.due, today);
    if (!due) return ctx.reply(followUpDueProblem(a.due, EXAMPLE, lang));
    const member = target.member;
    const input = { ...a, group, member, due, today, by: ctx.update.senderId, now: ctx.now };
    const outcome = await addFollowUp(db, input);
    if (outcome.code !== "added") return ctx.reply(followUpRefusal(outcome, due, EXAMPLE, lang));
    ctx.work.write(...outcome.writes);
    const line = followUpLine(outcome.item, group, await groupPeople(db, group.id));
    ctx.reply(followUpSetCard(line, displayName(member), lang));
    const { no, period } = outcome.item;
    ctx.work.send({ type: "open_id", id: member.userId }, followUpAssignedText({ ...a, no, period, due }, lang));
  },
});
