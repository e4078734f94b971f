import { t } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { reviewCards } from "../cards/review";
import { reviewMessages } from "../src/jobs/monthly-review";
import { schemeForMonth } from "../src/app/schemes";
import { defineCommand } from "../src/bot/command";
import { currentMonth, leadersOnly } from "./guards";
import { monthArg, resolveMonth } from "./month-arg";

/** 月评: send this month's review cards now (the month-end job sends them by itself). */
export const reviewCommand = defineCommand({
  name: "月评",
  aliases: ["月评议", "评议", "review"],
  summary: {
    zh: "负责人发起月度评议：给负责人发每人一张评分卡，方案有自评、互评时也发给成员",
    en: "Leaders start the monthly review: rating cards to leaders (and to members for self/peer review)",
  },
  example: { zh: "月评", en: "/review" },
  takesText: true,
  args: monthArg,
  async handle(ctx) {
    if (!leadersOnly(ctx, "月评")) return;
    const month = resolveMonth(ctx.args, currentMonth(ctx));
    const { scheme } = await schemeForMonth(ctx.deps.db, ctx.group, month, ctx.now);
    const messages = await reviewMessages(ctx.deps.db, ctx.group, month, scheme, reviewCards);
    for (const m of messages) ctx.work.send(m.to, m.rendered, m.key);
    const people = new Set(messages.map((m) => (m.to.type === "open_id" ? m.to.id : ""))).size;
    ctx.reply(
      noticeCard({
        title: t(ctx.lang, `${month} 月度评议已发起`, `Review for ${month} started`),
        body: t(
          ctx.lang,
          `已私信发出 ${messages.length} 张评议卡片（${people} 人）。已发过的不会重复发送。`,
          `${messages.length} review cards sent privately to ${people} people (none twice).`,
        ),
        colour: "blue",
      }),
    );
  },
});
