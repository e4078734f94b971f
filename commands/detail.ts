import { z } from "zod";
import { detailCard } from "../cards/detail";
import { t, type Lang } from "../cards/kit";
import { detailOf } from "../src/app/detail";
import { resolveTarget, splitTargets } from "./target-arg";
import { defineCommand } from "../src/bot/command";
import type { Database } from "../src/db/database";
import type { Group, Member } from "../src/app/model";
import { monthsOfQuarter } from "../src/domain/periods";
import { awardLabel } from "../src/domain/scheme";
import { decisionTime } from "../cards/claim-view";
import { currentMonth, problem } from "./guards";
import { monthArg, resolveMonth, type MonthArg } from "./month-arg";
import { isLeader } from "../src/app/authority";

const detailArgs = (lang: Lang) =>
  z.string().transform((text, ctx): { who?: string; month: MonthArg; quarter?: string } => {
    const { names, words } = splitTargets(text);
    // "2026-Q3", as a report card's 明细 reply names it: the quarter's three months.
    const quarter = /^(\d{4})-?Q([1-4])$/iu.exec(words.join(""));
    if (quarter) return { who: names[0], month: { kind: "current" }, quarter: `${quarter[1]}-Q${quarter[2]}` };
    const month = monthArg(lang).safeParse(words.join(" "));
    if (!month.success) {
      ctx.addIssue({ code: "custom", message: month.error.issues[0]?.message ?? "" });
      return z.NEVER;
    }
    return { who: names[0], month: month.data };
  });

/** The 明细 card of one person's month. */
export async function renderDetail(db: Database, group: Group, subject: Member, month: string, now: Date, lang: Lang) {
  const d = await detailOf(db, group, subject, month, now);
  return detailCard({ ...d, awardLabel, when: (at) => decisionTime(at, d.timezone), lang });
}

/** 明细: every record, claim, decision, rating and adjustment behind a month, with who and when. */
export const detailCommand = defineCommand({
  name: "明细",
  aliases: ["详情", "detail"],
  summary: {
    zh: "看本月得分背后的每一条记录、申报、审批、评分和加扣分（负责人可看任何人：明细 @张三）",
    en: "The trail behind a month's score (leaders: /detail @person)",
  },
  example: { zh: "明细 上月", en: "/detail last month" },
  takesText: true,
  args: detailArgs,
  async handle(ctx) {
    const { db } = ctx.deps;
    let subject = ctx.member;
    if (ctx.args.who) {
      const target = await resolveTarget(db, ctx.group, ctx.args.who, ctx.update.mentions, ctx.lang);
      if (!target.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, target.problem);
      if (target.member.id !== ctx.member.id && !isLeader(ctx.member)) {
        return problem(
          ctx,
          { zh: "只能看自己的明细", en: "Your own detail only" },
          t(ctx.lang, "别人的明细只有负责人可以查看。", "Only leaders can see someone else's detail."),
        );
      }
      subject = target.member;
    }
    const months = ctx.args.quarter
      ? monthsOfQuarter(ctx.args.quarter)
      : [resolveMonth(ctx.args.month, currentMonth(ctx))];
    // Someone else's trail goes to the leader privately, not to the group.
    const privately = subject.id !== ctx.member.id && ctx.update.chatType === "group";
    for (const month of months) {
      const card = await renderDetail(db, ctx.group, subject, month, ctx.now, ctx.lang);
      if (privately)
        ctx.work.send(
          { type: "open_id", id: ctx.update.senderId },
          card,
          `detail:${month}:${subject.id}:${ctx.update.eventId}`,
        );
      else ctx.reply(card);
    }
    if (privately) ctx.reply({ text: t(ctx.lang, "明细已私信发给你。", "Sent to you privately.") });
  },
});
