import type { SchemeDecisionCase } from "../src/app/schemes";
import { localDate } from "../src/domain/dates";
import type { DecisionAnswer } from "./approval-answer";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { schemeProposalCard } from "./scheme-proposal";

/** "找不到这条方案申请": also the card action's answer when its proposal's group is gone. */
export const noSuchProposal = (lang: Lang) => t(lang, "找不到这条方案申请", "No such proposal");

/** "这个申请已处理过": also the answer to a second approval racing the first for a version number. */
export const proposalAlreadyDecided = (lang: Lang) => t(lang, "这个申请已处理过", "Already decided");

/** A scheme decision's code as the office reads it, with the proposal card as it now stands. */
export function schemeDecisionAnswer(c: SchemeDecisionCase, lang: Lang): DecisionAnswer {
  if (!c.ok && c.code === "not-found") return { level: "warning", message: noSuchProposal(lang) };
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
  if (!c.ok) return { level: "warning", message: proposalAlreadyDecided(lang), card };
  return {
    level: "success",
    message:
      c.code === "approved"
        ? t(lang, `已批准，第 ${c.version} 版生效`, `Approved: version ${c.version}`)
        : t(lang, "已驳回", "Rejected"),
    card,
  };
}

/** What the proposer is told privately once the office decided. */
export function schemeDecidedNotice(c: Extract<SchemeDecisionCase, { ok: true }>): Rendered {
  const { proposal, group } = c;
  const approved = c.code === "approved";
  return noticeCard({
    title: approved ? `方案申请已批准：${proposal.name}` : `方案申请被驳回：${proposal.name}`,
    body: approved
      ? `「${group.name}」从本月起按「${proposal.name}」（第 ${c.version} 版）计分；批准：${c.decider}。`
      : `「${group.name}」仍按原方案计分；驳回：${c.decider}。`,
    colour: approved ? "green" : "red",
  });
}
