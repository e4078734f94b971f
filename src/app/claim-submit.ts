import type { BatchItem, Database } from "../db/database";
import type { ClaimDetail, Group, Member } from "../db/schema";
import { findDimension, type Scheme } from "../domain/scheme";
import { matchAwardLevel } from "./awards";
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

export type ChatClaim = { kind: "award"; level: string } | { kind: "bonus"; item: string; points: number };

export type ChatClaimResult =
  | { ok: false; code: "unknown_level"; level: string }
  | { ok: false; code: "unknown_dimension"; options: string[] }
  | ClaimSubmitted;

/**
 * 申报 typed in chat: the award level or dimension read against the scheme in force, then
 * submitted as any claim is; or which level or dimension was not found.
 */
export async function claimFromChat(
  deps: { db: Database; views: Pick<ClaimViews, "approval"> },
  input: { group: Group; member: Member; month: string; claim: ChatClaim; evidence: string; now: Date },
): Promise<ChatClaimResult> {
  const { scheme } = await schemeInForce(deps.db, input.group.id);
  const { claim } = input;
  const base = {
    group: input.group,
    member: input.member,
    period: input.month,
    evidence: input.evidence,
    now: input.now,
  };
  if (claim.kind === "award") {
    const level = matchAwardLevel(Object.keys(scheme.awards), claim.level);
    if (!level) return { ok: false, code: "unknown_level", level: claim.level };
    return submitClaim(deps, { ...base, kind: "award", detail: { level } });
  }
  const found = findDimension(scheme, claim.item);
  if (found.kind !== "found")
    return { ok: false, code: "unknown_dimension", options: scheme.dimensions.map((d) => d.name) };
  return submitClaim(deps, { ...base, kind: "bonus", detail: { dimension: found.path[0]!.key, points: claim.points } });
}
