import { detailMonthCard, detailRefusal, detailSentPrivately } from "../cards/detail-reply";
import type { Lang } from "../cards/kit";
import { detailOf } from "../src/app/detail";
import { personDetail } from "../src/app/detail-view";
import type { Group, Member } from "../src/app/model";
import { defineCommand } from "../src/bot/command";
import type { Database } from "../src/db/database";
import { detailArgs, detailMonths } from "./args/detail";
import { currentMonth } from "./guards";

/** The 明细 card of one person's month (the report card's 明细 button shows it too). */
export async function renderDetail(db: Database, group: Group, subject: Member, month: string, now: Date, lang: Lang) {
  return detailMonthCard(await detailOf(db, group, subject, month, now), lang);
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
    const { group, member, lang, now } = ctx;
    const { who } = ctx.args;
    const months = detailMonths(ctx.args, currentMonth(ctx));
    const d = await personDetail(ctx.deps, { group, member, who, mentions: ctx.update.mentions, months, now });
    if (!d.ok) return ctx.reply(detailRefusal(d, lang));
    // Someone else's trail goes to the leader privately, not to the group.
    const privately = d.subject.id !== member.id && ctx.update.chatType === "group";
    const to = { type: "open_id", id: ctx.update.senderId } as const;
    for (const m of d.months)
      if (privately)
        ctx.work.send(to, detailMonthCard(m, lang), `detail:${m.month}:${d.subject.id}:${ctx.update.eventId}`);
      else ctx.reply(detailMonthCard(m, lang));
    if (privately) ctx.reply(detailSentPrivately(lang));
  },
});
