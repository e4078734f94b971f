import type { DecisionAnswer } from "../cards/approval-answer";
import { t, type Lang } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { schemeDecideButton, schemeProposalCard } from "../cards/scheme-proposal";
import { decideSchemeCase, findProposal, type SchemeDecisionCase } from "../src/app/schemes";
import { defineCardAction } from "../src/bot/card-action";
import type { Work } from "../src/bot/work";
import { localDate } from "../src/domain/dates";

/** A decision as the office reads it, the card as it now stands, and the proposer told privately. */
export function schemeDecisionOutcome(c: SchemeDecisionCase, work: Work, lang: Lang): DecisionAnswer {
  if (!c.ok && c.code === "not-found")
    return { level: "warning", message: t(lang, "找不到这条方案申请", "No such proposal") };
  const { proposal, group } = c;
  const at = proposal.decidedAt ? localDate(proposal.decidedAt, group.timezone) : "";
  const card = schemeProposalCard({
    proposalId: proposal.id,
    no: proposal.no,
    groupName: group.name || group.chatId,
    proposer: c.proposer,
    schemeName: proposal.name,
    weights: c.weights,
    state:
      proposal.status === "pending"
        ? { kind: "pending" }
        : { kind: "decided", decision: proposal.status, by: c.decider, at },
    ...(c.ok && c.code === "approved" ? { version: c.version } : {}),
    lang,
  });
  if (!c.ok && c.code === "not-office")
    return {
      level: "warning",
      message: t(lang, "只有管理员可以操作：方案由绩考办批准", "Admins only: the office approves schemes"),
    };
  if (!c.ok) return { level: "warning", message: t(lang, "这个申请已处理过", "Already decided"), card };
  work.write(...c.writes);
  const approved = c.code === "approved";
  work.send(
    { type: "open_id", id: proposal.proposedBy },
    noticeCard({
      title: approved ? `方案申请已批准：${proposal.name}` : `方案申请被驳回：${proposal.name}`,
      body: approved
        ? `「${group.name}」从本月起按「${proposal.name}」（第 ${c.version} 版）计分；批准：${c.decider}。`
        : `「${group.name}」仍按原方案计分；驳回：${c.decider}。`,
      colour: approved ? "green" : "red",
    }),
    `scheme-proposal:${proposal.id}:decided`,
  );
  return {
    level: "success",
    message: approved
      ? t(lang, `已批准，第 ${c.version} 版生效`, `Approved: version ${c.version}`)
      : t(lang, "已驳回", "Rejected"),
    card,
  };
}

/** 批准 / 驳回 on a scheme proposal card: only an admin of the proposal's organisation, once. */
export const decideSchemeAction = defineCardAction({
  button: schemeDecideButton,
  groupOf: async (deps, value) => (await findProposal(deps.db, { id: value.id }))?.groupId,
  notFound: (lang) => t(lang, "找不到这条方案申请", "No such proposal"),
  async handle(ctx) {
    const c = await decideSchemeCase(ctx.deps.db, {
      ref: { id: ctx.value.id },
      tenant: { platform: ctx.deps.platform, tenantKey: ctx.update.tenantKey },
      by: ctx.update.operatorId,
      decision: ctx.value.decision,
      now: ctx.now,
    });
    const { level, message, card } = schemeDecisionOutcome(c, ctx.work, ctx.lang);
    return card
      ? { toast: { type: level, content: message }, card: { type: "raw", data: card.card } }
      : { toast: { type: level, content: message } };
  },
  async onConflict(ctx) {
    // Another admin's approval took the same version number first.
    return { toast: { type: "warning", content: t(ctx.lang, "这个申请已处理过", "Already decided") } };
  },
});
