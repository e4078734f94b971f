import type { BatchItem } from "../db/database";
import type { Database } from "../db/database";
import type { OutboundMessage } from "../outbox/message";
import type { Scheme } from "../domain/scheme";
import {
  decideWrites,
  deliveredApprovalCards,
  loadClaim,
  projectClaim,
  refreshQueuedApprovalCards,
  type ClaimContext,
} from "./claims";
import { MAX_CHANGE_POINTS } from "../domain/points";
import { isActiveLeader } from "./authority";
import { groupAndMember } from "./groups";
import type { Lang, MessageBody } from "./ports";
import { isLocked } from "./publications";
import { schemeForMonth } from "./schemes";

/** The largest adjusted bonus a leader may grant (the scheme's per-claim ceiling). */
/** The approval card's comment box holds as much; a reply command is cut to it. */
export const MAX_DECISION_COMMENT = 200;

export type DecisionWord = "approve" | "adjust" | "reject";
const DECISION_OF = { approve: "approved", adjust: "adjusted", reject: "rejected" } as const;

/** The cards the claim use cases send to others; cards/claim-view.ts renders them. */
export interface ClaimViews {
  approval(
    claim: ClaimContext,
    scheme: Scheme,
    lang: Lang,
    projection?: { before: number; after: number },
  ): MessageBody;
  /** What the claimant hears once `claim.decision` is made. */
  decided(claim: ClaimContext, scheme: Scheme): MessageBody;
}

export interface ClaimDecisionDeps {
  db: Database;
  views: ClaimViews;
}

/** One leader's decision on one claim, from a card button (Lark) or a reply command (WeChat, Lark). */
export interface ClaimDecisionInput {
  claimId: string;
  /** Where the decision comes from: a claim of another tenant is not found. */
  tenantKey: string;
  operatorUserId: string;
  decision: DecisionWord;
  comment: string;
  /** The adjusted points, as typed. */
  points?: unknown;
  /** The card message the decision came from: its copy is answered directly, not updated. */
  fromMessageId?: string;
  now: Date;
}

export type ClaimDecisionResult =
  | {
      ok: true;
      code: "approved" | "rejected" | "adjusted";
      /** The claim as decided, and its month's scheme, to render the decided card. */
      claim: ClaimContext;
      scheme: Scheme;
      writes: BatchItem[];
      messages: OutboundMessage[];
    }
  | { ok: false; code: "not_found" | "not_leader" }
  | { ok: false; code: "already_decided"; claim: ClaimContext; scheme: Scheme }
  | { ok: false; code: "period_final" | "comment_required" | "bad_points" };

/** A claim already decided: who decided it and the decided card, for whoever clicks too late. */
export async function decidedClaim(db: Database, claimId: string, now: Date): Promise<ClaimDecisionResult | undefined> {
  const claim = await loadClaim(db, claimId);
  if (!claim?.decision) return undefined;
  const { scheme } = await schemeForMonth(db, claim.group, claim.claim.period, now);
  return { ok: false, code: "already_decided", claim, scheme };
}

/**
 * Checks that the operator leads the claim's group, that the claim is still
 * open and its period not final, then gives the decision's writes, the
 * refreshed copies of every leader's card and the claimant's notice.
 */
export async function decideClaim(deps: ClaimDecisionDeps, input: ClaimDecisionInput): Promise<ClaimDecisionResult> {
  const { db } = deps;
  const { now } = input;
  const claim = await loadClaim(db, input.claimId);
  if (!claim || claim.group.tenantKey !== input.tenantKey) return { ok: false, code: "not_found" };
  // The claim's group decides who may decide, wherever the decision was sent from.
  const operator = (await groupAndMember(db, claim.group.id, input.operatorUserId))?.member;
  if (!isActiveLeader(operator)) return { ok: false, code: "not_leader" };
  const { scheme } = await schemeForMonth(db, claim.group, claim.claim.period, now);
  if (claim.decision) return { ok: false, code: "already_decided", claim, scheme };
  if (await isLocked(db, claim.group.id, claim.claim.period)) return { ok: false, code: "period_final" };
  const comment = input.comment.trim().slice(0, MAX_DECISION_COMMENT);
  const decision = DECISION_OF[input.decision];
  if (decision !== "approved" && !comment) return { ok: false, code: "comment_required" };
  let points: number | undefined;
  if (decision === "adjusted") {
    points = Number(String(input.points ?? "").trim());
    if (claim.claim.kind !== "bonus" || !Number.isFinite(points) || points <= 0 || points > MAX_CHANGE_POINTS)
      return { ok: false, code: "bad_points" };
  }

  const writes = decideWrites(db, claim, {
    decision,
    by: operator.userId,
    points,
    comment: comment || undefined,
    now,
  });
  const decided: ClaimContext = {
    ...claim,
    decider: operator,
    decision: {
      claimId: claim.claim.id,
      decision,
      byUserId: operator.userId,
      points: points ?? null,
      comment: comment || null,
      decidedAt: now,
    },
  };
  const card = deps.views.approval(decided, scheme, "zh", await projectClaim(db, claim, now, points));
  // Every other leader's copy changes in place: sent ones by update, queued ones before they go.
  writes.push(refreshQueuedApprovalCards(db, claim.claim.id, JSON.stringify(card.card)));
  const messages: OutboundMessage[] = [];
  for (const copy of await deliveredApprovalCards(db, claim.claim.id)) {
    if (copy.status === "sent" && copy.messageId && copy.messageId !== input.fromMessageId && copy.channel === "lark")
      messages.push({ key: `${copy.key}:decided`, to: { type: "update", id: copy.messageId }, ...card });
  }
  messages.push({
    key: `claim:${claim.claim.id}:notice`,
    to: { type: "open_id", id: claim.claimant.userId },
    ...deps.views.decided(decided, scheme),
  });
  return { ok: true, code: decision, claim: decided, scheme, writes, messages };
}
