import { and, asc, eq, inArray, max } from "drizzle-orm";
import type { Database } from "../db/database";
import { newId } from "../db/ids";
import type { SubjectKey } from "../outbox/message";
import {
  claimDecisions,
  claims,
  groups,
  members,
  outbox,
  type Claim,
  type ClaimDecision,
  type ClaimDetail,
  type Group,
  type Member,
} from "../db/schema";
import { computePeriod, parsePeriodInputs, type PeriodInputsJson } from "../domain/scoring";
import { auditWrite, type Writes } from "./audit";
import { addRecord } from "./records";
import { schemeForMonth } from "./schemes";
import { adjustWrites, awardWrites, monthInputs } from "./scores";

export type ClaimKind = Claim["kind"];

/** Outbox keys of the approval cards sent for a claim, one per leader: `claim:<id>:<leader>`. */
export const approvalKey = (claimId: string, leaderUserId: string): SubjectKey => ({
  key: `claim:${claimId}:${leaderUserId}`,
  subject: { kind: "approval", id: claimId },
});

/** The next short claim number of a group. Two claims racing for it: the unique index fails the later batch. */
export async function nextClaimNo(db: Database, groupId: string): Promise<number> {
  const [row] = await db
    .select({ n: max(claims.no) })
    .from(claims)
    .where(eq(claims.groupId, groupId));
  return (row?.n ?? 0) + 1;
}

/** A claim by its short number in a group. */
export async function claimIdByNo(db: Database, groupId: string, no: number): Promise<string | undefined> {
  const [row] = await db
    .select({ id: claims.id })
    .from(claims)
    .where(and(eq(claims.groupId, groupId), eq(claims.no, no)))
    .limit(1);
  return row?.id;
}

export function createClaim(
  db: Database,
  input: {
    group: Group;
    member: Member;
    kind: ClaimKind;
    period: string;
    detail: ClaimDetail;
    evidence: string;
    no: number;
    now: Date;
  },
) {
  const id = newId("clm", input.now.getTime());
  const claim: Claim = {
    id,
    groupId: input.group.id,
    memberId: input.member.id,
    kind: input.kind,
    period: input.period,
    detail: input.detail,
    evidence: input.evidence,
    status: "pending",
    no: input.no,
    createdAt: input.now,
  };
  const writes: Writes = [
    db.insert(claims).values(claim),
    auditWrite(db, {
      groupId: input.group.id,
      by: input.member.userId,
      action: `claim.${input.kind}`,
      subjectId: id,
      detail: { ...input.detail, period: input.period },
      now: input.now,
    }),
  ];
  return { claim, writes };
}

export async function activeLeaders(db: Database, groupId: string): Promise<Member[]> {
  return db
    .select()
    .from(members)
    .where(and(eq(members.groupId, groupId), eq(members.role, "leader"), eq(members.active, true)))
    .orderBy(asc(members.createdAt));
}

export interface ClaimContext {
  claim: Claim;
  group: Group;
  claimant: Member;
  decision?: ClaimDecision;
  decider?: Member;
}

export async function loadClaim(db: Database, claimId: string): Promise<ClaimContext | undefined> {
  const [row] = await db
    .select({ claim: claims, group: groups, claimant: members, decision: claimDecisions })
    .from(claims)
    .innerJoin(groups, eq(groups.id, claims.groupId))
    .innerJoin(members, eq(members.id, claims.memberId))
    .leftJoin(claimDecisions, eq(claimDecisions.claimId, claims.id))
    .where(eq(claims.id, claimId))
    .limit(1);
  if (!row) return undefined;
  let decider: Member | undefined;
  if (row.decision) {
    [decider] = await db
      .select()
      .from(members)
      .where(and(eq(members.groupId, row.group.id), eq(members.userId, row.decision.byUserId)))
      .limit(1);
  }
  return { claim: row.claim, group: row.group, claimant: row.claimant, decision: row.decision ?? undefined, decider };
}

/** Pending claims in the groups where `userId` is a leader, within one tenant. */
export async function pendingForLeader(db: Database, tenantKey: string, userId: string, limit = 20): Promise<Claim[]> {
  const led = await db
    .select({ groupId: members.groupId })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(
      and(
        eq(members.userId, userId),
        eq(members.role, "leader"),
        eq(members.active, true),
        eq(groups.tenantKey, tenantKey),
        eq(groups.active, true),
      ),
    );
  if (!led.length) return [];
  return db
    .select()
    .from(claims)
    .where(
      and(
        inArray(
          claims.groupId,
          led.map((g) => g.groupId),
        ),
        eq(claims.status, "pending"),
      ),
    )
    .orderBy(asc(claims.createdAt))
    .limit(limit);
}

/** The member's total this month now, and with the claim granted (points as claimed or as adjusted). */
export async function projectClaim(
  db: Database,
  ctx: ClaimContext,
  now: Date,
  points?: number,
): Promise<{ before: number; after: number } | undefined> {
  const { claim, group, claimant } = ctx;
  if (claim.kind === "backfill") return undefined; // records do not feed the score
  const { scheme } = await schemeForMonth(db, group, claim.period, now);
  const loaded = await monthInputs(db, group, claim.period, scheme);
  // Someone not yet appraised this month enters it with the claim (at 0 before it).
  const base: PeriodInputsJson = loaded.members.some((m) => m.id === claimant.id)
    ? loaded
    : {
        ...loaded,
        members: [
          ...loaded.members,
          { id: claimant.id, name: claimant.name || claimant.userId, coefficient: claimant.coefficient },
        ],
      };
  const granted: PeriodInputsJson =
    claim.kind === "award"
      ? {
          ...base,
          awards: [...(base.awards ?? []), { member: claimant.id, level: claim.detail.level!, reason: claim.evidence }],
        }
      : {
          ...base,
          adjustments: [
            ...(base.adjustments ?? []),
            {
              member: claimant.id,
              dimension: claim.detail.dimension!,
              points: points ?? claim.detail.points!,
              reason: claim.evidence,
            },
          ],
        };
  const total = (inputs: PeriodInputsJson) => {
    const parsed = parsePeriodInputs(scheme, inputs);
    if (!parsed.ok) return undefined;
    return computePeriod(scheme, parsed.inputs).members.find((m) => m.id === claimant.id)?.total;
  };
  const before = total(base);
  const after = total(granted);
  return before === undefined || after === undefined ? undefined : { before, after };
}

export type DecisionKind = ClaimDecision["decision"];

/**
 * The writes of a decision. The decision row goes first: its primary key is
 * the claim, so of two racing decisions exactly one batch commits.
 */
export function decideWrites(
  db: Database,
  ctx: ClaimContext,
  d: { decision: DecisionKind; by: string; points?: number; comment?: string; now: Date },
): Writes {
  const { claim, group, claimant } = ctx;
  const granted = d.decision !== "rejected";
  const writes: Writes = [
    db.insert(claimDecisions).values({
      claimId: claim.id,
      decision: d.decision,
      byUserId: d.by,
      points: d.points ?? null,
      comment: d.comment ?? null,
      decidedAt: d.now,
    }),
    db
      .update(claims)
      .set({ status: granted ? "approved" : "rejected" })
      .where(eq(claims.id, claim.id)),
    auditWrite(db, {
      groupId: group.id,
      by: d.by,
      action: `claim.${d.decision}`,
      subjectId: claim.id,
      detail: { kind: claim.kind, points: d.points ?? null, comment: d.comment ?? null },
      now: d.now,
    }),
  ];
  if (granted) {
    const reason = `申报：${claim.evidence}`;
    if (claim.kind === "award")
      writes.push(
        ...awardWrites(db, {
          group,
          month: claim.period,
          member: claimant,
          level: claim.detail.level!,
          reason,
          by: d.by,
          now: d.now,
        }),
      );
    if (claim.kind === "bonus") {
      const points = d.points ?? claim.detail.points!;
      writes.push(
        ...adjustWrites(db, {
          group,
          month: claim.period,
          member: claimant,
          dimension: claim.detail.dimension!,
          points,
          reason,
          by: d.by,
          now: d.now,
        }),
      );
    }
    if (claim.kind === "backfill")
      writes.push(
        ...addRecord(db, { group, member: claimant, date: claim.detail.date!, text: claim.evidence, now: d.now })
          .writes,
      );
  }
  return writes;
}

/** Approval cards already delivered to other leaders, to update in place: [leaderUserId, messageId]. */
export async function deliveredApprovalCards(
  db: Database,
  claimId: string,
): Promise<{ key: string; messageId: string; status: string; channel: string }[]> {
  const rows = await db
    .select({ key: outbox.key, messageId: outbox.sentMessageId, status: outbox.status, channel: outbox.channel })
    .from(outbox)
    .where(and(eq(outbox.subjectKind, "approval"), eq(outbox.subjectId, claimId)));
  return rows.map((r) => ({ key: r.key, messageId: r.messageId ?? "", status: r.status, channel: r.channel }));
}

/**
 * Cards not yet sent get the decided content instead: nobody should see a
 * stale pending card. (WeChat copies are text and stay as queued: a sent
 * WeChat message cannot change either, and 「同意」 on a decided claim says who decided.)
 */
export function refreshQueuedApprovalCards(db: Database, claimId: string, content: string) {
  return db
    .update(outbox)
    .set({ content })
    .where(
      and(
        eq(outbox.subjectKind, "approval"),
        eq(outbox.subjectId, claimId),
        inArray(outbox.status, ["pending"]),
        eq(outbox.channel, "lark"),
        eq(outbox.msgType, "interactive"),
      ),
    );
}
