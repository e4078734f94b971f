import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { claimNoticeCard } from "../cards/claim-notice";
import { t } from "../cards/kit";
import { deliveredApprovalCards, decideWrites, loadClaim, projectClaim, refreshQueuedApprovalCards, type ClaimContext } from "../src/app/claims";
import { isLocked } from "../src/app/publications";
import { schemeForMonth } from "../src/app/schemes";
import { displayName } from "../src/app/scores";
import { defineCardAction, type CardActionContext } from "../src/bot/card-action";
import type { CardActionAnswer } from "../src/bot/update";
import { members } from "../src/db/schema";
import { claimSummary, decisionTime, renderApproval } from "./claim-view";

const decideValue = z.object({ a: z.literal("claim.decide"), id: z.string().min(1).max(64), d: z.enum(["approve", "adjust", "reject"]) });
type DecideValue = z.infer<typeof decideValue>;
type Ctx = CardActionContext<DecideValue>;

const DECISION_OF = { approve: "approved", adjust: "adjusted", reject: "rejected" } as const;

/** The answer to a click on a claim someone already decided: who, and when. */
async function alreadyDecided(ctx: Ctx, claim: ClaimContext): Promise<CardActionAnswer> {
  const { scheme } = await schemeForMonth(ctx.deps.db, claim.group, claim.claim.period, ctx.now);
  const d = claim.decision!;
  const verb = { approved: t(ctx.lang, "同意", "approved"), rejected: t(ctx.lang, "驳回", "rejected"), adjusted: t(ctx.lang, "调整", "adjusted") }[d.decision];
  const who = claim.decider ? displayName(claim.decider) : d.byUserId;
  return {
    toast: { type: "info", content: t(ctx.lang, `已由 ${who} ${verb}（${decisionTime(d.decidedAt, claim.group.timezone)}）`, `Already ${verb} by ${who}`) },
    card: { type: "raw", data: renderApproval(claim, scheme, ctx.lang).card },
  };
}

/** 同意 / 驳回 / 调整 on an approval card. Only a leader of the claim's group decides, and only once. */
export const decideClaimAction = defineCardAction({
  name: "claim.decide",
  value: decideValue,
  async handle(ctx) {
    const { db } = ctx.deps;
    const { lang } = ctx;
    const claim = await loadClaim(db, ctx.value.id);
    if (!claim || claim.group.tenantKey !== ctx.update.tenantKey) return { toast: { type: "warning", content: t(lang, "找不到这条申报", "Claim not found") } };
    const [operator] = await db.select().from(members).where(and(eq(members.groupId, claim.group.id), eq(members.userId, ctx.update.operatorId))).limit(1);
    if (!operator || operator.role !== "leader" || !operator.active) {
      return { toast: { type: "error", content: t(lang, "只有本群的考核负责人可以审批", "Only this group's leaders can decide") } };
    }
    if (claim.decision) return alreadyDecided(ctx, claim);
    if (await isLocked(db, claim.group.id, claim.claim.period)) {
      return { toast: { type: "warning", content: t(lang, "该期考核结果已定稿，不能再通过审批改变", "That period is final; it cannot change through a claim") } };
    }

    const form = ctx.update.formValue ?? {};
    const comment = typeof form.comment === "string" ? form.comment.trim().slice(0, 200) : "";
    const decision = DECISION_OF[ctx.value.d];
    if (decision !== "approved" && !comment) {
      return { toast: { type: "warning", content: t(lang, "驳回或调整时请填写意见", "A comment is required to reject or adjust") } };
    }
    let points: number | undefined;
    if (decision === "adjusted") {
      points = Number(String(form.points ?? "").trim());
      if (claim.claim.kind !== "bonus" || !Number.isFinite(points) || points <= 0 || points > 20) {
        return { toast: { type: "warning", content: t(lang, "调整的分值须是 0–20 之间的正数", "Adjusted points must be between 0 and 20") } };
      }
    }

    ctx.work.write(...(decideWrites(db, claim, { decision, by: operator.userId, points, comment: comment || undefined, now: ctx.now }) as never[]));
    const decided: ClaimContext = {
      ...claim,
      decider: operator,
      decision: { claimId: claim.claim.id, decision, byUserId: operator.userId, points: points ?? null, comment: comment || null, decidedAt: ctx.now },
    };
    const { scheme } = await schemeForMonth(db, claim.group, claim.claim.period, ctx.now);
    const card = renderApproval(decided, scheme, "zh", await projectClaim(db, claim, ctx.now, points));
    // Every other leader's copy changes in place: sent ones by update, queued ones before they go.
    ctx.work.write(refreshQueuedApprovalCards(db, claim.claim.id, JSON.stringify(card.card)) as never);
    for (const copy of await deliveredApprovalCards(db, claim.claim.id)) {
      if (copy.status === "sent" && copy.messageId && copy.messageId !== ctx.update.messageId) {
        ctx.work.send({ type: "update", id: copy.messageId }, card, `${copy.key}:decided`);
      }
    }
    const { kindLabel, lines } = claimSummary(claim, scheme, "zh");
    ctx.work.send(
      { type: "open_id", id: claim.claimant.userId },
      claimNoticeCard({ kind: decision, what: `${kindLabel}：${lines[0]}`, by: displayName(operator), comment: comment || null, points: points ?? null, lang: "zh" }),
      `claim:${claim.claim.id}:notice`,
    );
    const toast = { approved: t(lang, "已同意", "Approved"), rejected: t(lang, "已驳回", "Rejected"), adjusted: t(lang, "已调整并同意", "Adjusted and approved") }[decision];
    return { toast: { type: "success", content: toast }, card: { type: "raw", data: renderApproval(decided, scheme, lang).card } };
  },
  async onConflict(ctx) {
    const claim = await loadClaim(ctx.deps.db, ctx.value.id);
    if (!claim?.decision) return { toast: { type: "warning", content: t(ctx.lang, "请稍后再试", "Please try again") } };
    return alreadyDecided(ctx, claim);
  },
});
