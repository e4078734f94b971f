import type { BatchItem, Database } from "../db/database";
import type { ClaimDetail, Group, Member } from "../db/schema";
import type { Scheme } from "../domain/scheme";
import type { OutboundMessage } from "../outbox/message";
import type { ClaimViews } from "./claim-decision";
import { activeLeaders, approvalKey, createClaim, nextClaimNo, projectClaim, type ClaimContext } from "./claims";
import { schemeInForce } from "./schemes";

export interface ClaimSubmission {
  group: Group;
  member: Member;
  kind: ClaimContext["claim"]["kind"];
  period: string;
  detail: ClaimDetail;
  evidence: string;
  now: Date;
}

export interface ClaimSubmitted {
  ok: true;
  /** "no_leader": saved, but nobody in the group can decide it yet. */
  code: "sent" | "no_leader";
  leaders: number;
  /** The claim as saved, and the scheme in force, to tell the claimant what was claimed. */
  claim: ClaimContext;
  scheme: Scheme;
  writes: BatchItem[];
  messages: OutboundMessage[];
}

/**
 * Saves a new claim and sends it to every leader of the group privately (an
 * approval card each, with what granting it would do to the month's total).
 * Shared by 申报 and 补报.
 */
export async function submitClaim(
  deps: { db: Database; views: Pick<ClaimViews, "approval"> },
  input: ClaimSubmission,
): Promise<ClaimSubmitted> {
  const { db } = deps;
  const { group, member, now } = input;
  const no = await nextClaimNo(db, group.id);
  const { claim, writes } = createClaim(db, { ...input, no });
  const leaders = (await activeLeaders(db, group.id)).filter((l) => l.userId !== member.userId);
  const claimCtx: ClaimContext = { claim, group, claimant: member };
  const { scheme } = await schemeInForce(db, group.id);
  const card = deps.views.approval(claimCtx, scheme, "zh", await projectClaim(db, claimCtx, now));
  const messages: OutboundMessage[] = leaders.map((leader) => ({
    ...keyed(approvalKey(claim.id, leader.userId)),
    to: { type: "open_id", id: leader.userId },
    ...card,
  }));
  return {
    ok: true,
    code: leaders.length ? "sent" : "no_leader",
    leaders: leaders.length,
    claim: claimCtx,
    scheme,
    writes,
    messages,
  };
}

/** A key as a plain string, or (structured outbox keys) with what the message is about. */
function keyed(key: string | { key: string }): { key: string } {
  return typeof key === "string" ? { key } : key;
}
