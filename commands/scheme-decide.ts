import type { DecisionAnswer } from "../cards/approval-answer";
import type { Lang } from "../cards/kit";
import {
  noSuchProposal,
  proposalAlreadyDecided,
  schemeDecidedNotice,
  schemeDecisionAnswer,
} from "../cards/scheme-decision-answer";
import { schemeDecideButton } from "../cards/scheme-proposal";
import { decideSchemeCase, findProposal, type SchemeDecisionCase } from "../src/app/schemes";
import { defineCardAction } from "../src/bot/card-action";
import type { Work } from "../src/bot/work";

/** A decision applied (written, the proposer told privately), and its answer; the reply command shares it. */
export function schemeDecisionOutcome(c: SchemeDecisionCase, work: Work, lang: Lang): DecisionAnswer {
  if (c.ok) {
    work.write(...c.writes);
    work.send(
      { type: "open_id", id: c.proposal.proposedBy },
      schemeDecidedNotice(c),
      `scheme-proposal:${c.proposal.id}:decided`,
    );
  }
  return schemeDecisionAnswer(c, lang);
}

/** 批准 / 驳回 on a scheme proposal card: only an admin of the proposal's organisation, once. */
export const decideSchemeAction = defineCardAction({
  button: schemeDecideButton,
  groupOf: async (deps, value) => (await findProposal(deps.db, { id: value.id }))?.groupId,
  notFound: noSuchProposal,
  async handle(ctx) {
    const { id, decision } = ctx.value;
    const tenant = { platform: ctx.deps.platform, tenantKey: ctx.update.tenantKey };
    const c = await decideSchemeCase(ctx.deps.db, {
      ref: { id },
      tenant,
      by: ctx.update.operatorId,
      decision,
      now: ctx.now,
    });
    const { level, message, card } = schemeDecisionOutcome(c, ctx.work, ctx.lang);
    const toast = { type: level, content: message };
    return card ? { toast, card: { type: "raw", data: card.card } } : { toast };
  },
  // Another admin's approval took the same version number first.
  onConflict: async (ctx) => ({ toast: { type: "warning", content: proposalAlreadyDecided(ctx.lang) } }),
});
