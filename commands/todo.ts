import { z } from "zod";
import { t } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { loadClaim, pendingForLeader } from "../src/app/claims";
import { schemeForMonth } from "../src/app/schemes";
import { defineCommand } from "../src/bot/command";
import { renderApproval } from "../cards/claim-view";

/** Cards sent per 待办; the rest wait for the next one (or the morning digest). */
const MAX_CARDS = 10;

/** 待办: a leader's pending claims, each as its approval card, privately. */
export const todoCommand = defineCommand({
  name: "待办",
  aliases: ["待审批", "todo"],
  summary: {
    zh: "负责人查看待审批的申报（私信发送审批卡片）",
    en: "Leaders: pending claims, as approval cards in private",
  },
  example: { zh: "待办", en: "/todo" },
  takesText: false,
  args: () => z.string(),
  async handle(ctx) {
    const { db } = ctx.deps;
    const pending = await pendingForLeader(db, ctx.update.tenantKey, ctx.update.senderId, MAX_CARDS + 1);
    if (!pending.length) {
      ctx.reply(
        noticeCard({
          title: t(ctx.lang, "没有待办", "Nothing pending"),
          body: t(ctx.lang, "目前没有等你审批的申报。", "No claims are waiting for you."),
          colour: "green",
        }),
      );
      return;
    }
    for (const claim of pending.slice(0, MAX_CARDS)) {
      const loaded = await loadClaim(db, claim.id);
      if (!loaded) continue;
      const { scheme } = await schemeForMonth(db, loaded.group, claim.period, ctx.now);
      ctx.work.send({ type: "open_id", id: ctx.update.senderId }, renderApproval(loaded, scheme, ctx.lang));
    }
    const more =
      pending.length > MAX_CARDS
        ? t(ctx.lang, `（先发 ${MAX_CARDS} 条，处理后再发「待办」）`, ` (first ${MAX_CARDS})`)
        : "";
    const body = t(
      ctx.lang,
      `有 ${Math.min(pending.length, MAX_CARDS)} 条申报等你审批，卡片已私信发给你${more}。`,
      `${Math.min(pending.length, MAX_CARDS)} claim(s) wait for you; the cards are in your private chat${more}.`,
    );
    ctx.reply(noticeCard({ title: t(ctx.lang, "待办", "To do"), body, colour: "blue" }));
  },
});
