import { and, eq } from "drizzle-orm";
import { claimNoticeCard } from "../cards/claim-notice";
import { t, type Lang, type Rendered } from "../cards/kit";
import {
  deliveredApprovalCards,
  decideWrites,
  loadClaim,
  projectClaim,
  refreshQueuedApprovalCards,
  type ClaimContext,
} from "../src/app/claims";
import { isLocked } from "../src/app/publications";
import { schemeForMonth } from "../src/app/schemes";
import { displayName } from "../src/app/scores";
import type { BotDeps } from "../src/bot/deps";
import type { Work } from "../src/bot/work";
import { members } from "../src/db/schema";
import { claimSummary, decisionTime, renderApproval } from "./claim-view";

export type DecisionWord = "approve" | "adjust" | "reject";

const DECISION_OF = { approve: "approved", adjust: "adjusted", reject: "rejected" } as const;

/** One leader's decision on one claim, from a card button (Lark) or a reply command (WeChat, Lark). */
export interface DecideInput {
  deps: BotDeps;
  work: Work;
  now: Date;
  lang: Lang;
  claimId: string;
  tenantKey: string;
  operatorUserId: string;
  decision: DecisionWord;
  comment: string;
  /** The adjusted points, as typed. */
  points?: unknown;
  /** The card message the decision came from: its copy is answered directly, not updated. */
  fromMessageId?: string;
}

export type DecideOutcome =
  | { ok: true; message: string; approval: Rendered }
  | { ok: false; level: "info" | "warning" | "error"; message: string; approval?: Rendered };

/** "Already approved by 李主任 (11-27 10:00)", with the decided card. */
export async function alreadyDecided(
  deps: BotDeps,
  claim: ClaimContext,
  lang: Lang,
  now: Date,
): Promise<DecideOutcome> {
  const { scheme } = await schemeForMonth(deps.db, claim.group, claim.claim.period, now);
  const d = claim.decision!;
  const verb = {
    approved: t(lang, "同意", "approved"),
    rejected: t(lang, "驳回", "rejected"),
    adjusted: t(lang, "调整", "adjusted"),
  }[d.decision];
  const who = claim.decider ? displayName(claim.decider) : d.byUserId;
  return {
    ok: false,
    level: "info",
    message: t(
      lang,
      `已由 ${who} ${verb}（${decisionTime(d.decidedAt, claim.group.timezone)}）`,
      `Already ${verb} by ${who}`,
    ),
    approval: renderApproval(claim, scheme, lang),
  };
}

/**
 * Checks that the operator leads the claim's group, that the claim is still
 * open and its period not final, then queues the decision's writes, the
 * refreshed copies of every leader's card and the claimant's notice.
 */
export async function decideClaim(input: DecideInput): Promise<DecideOutcome> {
  const { deps, lang, now } = input;
  const { db } = deps;
  const claim = await loadClaim(db, input.claimId);
  if (!claim || claim.group.tenantKey !== input.tenantKey)
    return { ok: false, level: "warning", message: t(lang, "找不到这条申报", "Claim not found") };
  const [operator] = await db
    .select()
    .from(members)
    .where(and(eq(members.groupId, claim.group.id), eq(members.userId, input.operatorUserId)))
    .limit(1);
  if (!operator || operator.role !== "leader" || !operator.active) {
    return {
      ok: false,
      level: "error",
      message: t(lang, "只有本群的考核负责人可以审批", "Only this group's leaders can decide"),
    };
  }
  if (claim.decision) return alreadyDecided(deps, claim, lang, now);
  if (await isLocked(db, claim.group.id, claim.claim.period)) {
    return {
      ok: false,
      level: "warning",
      message: t(
        lang,
        "该期考核结果已定稿，不能再通过审批改变",
        "That period is final; it cannot change through a claim",
      ),
    };
  }
  const comment = input.comment.trim().slice(0, 200);
  const decision = DECISION_OF[input.decision];
  if (decision !== "approved" && !comment) {
    return {
      ok: false,
      level: "warning",
      message: t(lang, "驳回或调整时请填写意见", "A comment is required to reject or adjust"),
    };
  }
  let points: number | undefined;
  if (decision === "adjusted") {
    points = Number(String(input.points ?? "").trim());
    if (claim.claim.kind !== "bonus" || !Number.isFinite(points) || points <= 0 || points > 20) {
      return {
        ok: false,
        level: "warning",
        message: t(lang, "调整的分值须是 0–20 之间的正数", "Adjusted points must be between 0 and 20"),
      };
    }
  }

  input.work.write(
    ...(decideWrites(db, claim, {
      decision,
      by: operator.userId,
      points,
      comment: comment || undefined,
      now,
    }) as never[]),
  );
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
  const { scheme } = await schemeForMonth(db, claim.group, claim.claim.period, now);
  const card = renderApproval(decided, scheme, "zh", await projectClaim(db, claim, now, points));
  // Every other leader's copy changes in place: sent ones by update, queued ones before they go.
  input.work.write(refreshQueuedApprovalCards(db, claim.claim.id, JSON.stringify(card.card)) as never);
  for (const copy of await deliveredApprovalCards(db, claim.claim.id)) {
    if (copy.status === "sent" && copy.messageId && copy.messageId !== input.fromMessageId && copy.channel === "lark") {
      input.work.send({ type: "update", id: copy.messageId }, card, `${copy.key}:decided`);
    }
  }
  const { kindLabel, lines } = claimSummary(claim, scheme, "zh");
  input.work.send(
    { type: "open_id", id: claim.claimant.userId },
    claimNoticeCard({
      kind: decision,
      what: `${kindLabel}：${lines[0]}`,
      by: displayName(operator),
      comment: comment || null,
      points: points ?? null,
      lang: "zh",
    }),
    `claim:${claim.claim.id}:notice`,
  );
  const message = {
    approved: t(lang, "已同意", "Approved"),
    rejected: t(lang, "已驳回", "Rejected"),
    adjusted: t(lang, "已调整并同意", "Adjusted and approved"),
  }[decision];
  return { ok: true, message, approval: renderApproval(decided, scheme, lang) };
}
