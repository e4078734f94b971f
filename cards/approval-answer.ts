import type { ClaimDecisionResult } from "../src/app/claim-decision";
import { displayName } from "../src/domain/names";
import { decisionTime, renderApproval } from "./claim-view";
import { t, type Lang, type Rendered } from "./kit";

/** A decision's outcome in words: the toast (or reply title), its level, and the card as it now reads. */
export interface DecisionAnswer {
  level: "success" | "info" | "warning" | "error";
  message: string;
  card?: Rendered;
}

const REFUSALS = {
  not_found: ["warning", "找不到这条申报", "Claim not found"],
  not_leader: ["error", "只有本群的考核负责人可以审批", "Only this group's leaders can decide"],
  period_final: [
    "warning",
    "该期考核结果已定稿，不能再通过审批改变",
    "That period is final; it cannot change through a claim",
  ],
  comment_required: ["warning", "驳回或调整时请填写意见", "A comment is required to reject or adjust"],
  bad_points: ["warning", "调整的分值须是 0–20 之间的正数", "Adjusted points must be between 0 and 20"],
} as const;

const DONE = {
  approved: ["已同意", "Approved"],
  rejected: ["已驳回", "Rejected"],
  adjusted: ["已调整并同意", "Adjusted and approved"],
} as const;

const VERB = {
  approved: ["同意", "approved"],
  rejected: ["驳回", "rejected"],
  adjusted: ["调整", "adjusted"],
} as const;

/** The words for a claim decision's code (src/app/claim-decision.ts), for the card's toast and the reply command. */
export function claimDecisionAnswer(result: ClaimDecisionResult, lang: Lang): DecisionAnswer {
  if (result.ok)
    return {
      level: "success",
      message: t(lang, DONE[result.code][0], DONE[result.code][1]),
      card: renderApproval(result.claim, result.scheme, lang),
    };
  if (result.code === "already_decided") {
    // "Already approved by 李主任 (11-27 10:00)", with the decided card.
    const { claim } = result;
    const d = claim.decision!;
    const verb = t(lang, VERB[d.decision][0], VERB[d.decision][1]);
    const who = claim.decider ? displayName(claim.decider) : d.byUserId;
    return {
      level: "info",
      message: t(
        lang,
        `已由 ${who} ${verb}（${decisionTime(d.decidedAt, claim.group.timezone)}）`,
        `Already ${verb} by ${who}`,
      ),
      card: renderApproval(claim, result.scheme, lang),
    };
  }
  const [level, zh, en] = REFUSALS[result.code];
  return { level, message: t(lang, zh, en) };
}
