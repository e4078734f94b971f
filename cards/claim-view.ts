import type { ClaimViews } from "../src/app/claim-decision";
import type { ClaimContext } from "../src/app/claims";
import { displayName } from "../src/domain/names";
import { approvalCard, type ApprovalState } from "./approval";
import { claimNoticeCard } from "./claim-notice";
import { t, type Lang, type Rendered } from "./kit";
import { localDateTime } from "../src/domain/dates";
import { awardLabel, type Scheme } from "../src/domain/scheme";

/** "申报奖励 · 市级（+2）" and the like: what a claim asks, in words. */
export function claimSummary(ctx: ClaimContext, scheme: Scheme, lang: Lang): { kindLabel: string; lines: string[] } {
  const { claim } = ctx;
  if (claim.kind === "award") {
    const level = claim.detail.level!;
    return {
      kindLabel: t(lang, "申报奖励", "Award claim"),
      lines: [
        `${awardLabel(level)}${t(lang, "奖励", " award")}：+${scheme.awards[level] ?? "?"}`,
        `${t(lang, "月份", "Month")}：${claim.period}`,
      ],
    };
  }
  if (claim.kind === "bonus") {
    const dim = scheme.dimensions.find((d) => d.key === claim.detail.dimension);
    return {
      kindLabel: t(lang, "申报加分", "Bonus claim"),
      lines: [
        `${dim?.name ?? claim.detail.dimension}：+${claim.detail.points}`,
        `${t(lang, "月份", "Month")}：${claim.period}`,
      ],
    };
  }
  return {
    kindLabel: t(lang, "补报日报", "Backfilled record"),
    lines: [`${t(lang, "日期", "Date")}：${claim.detail.date}`],
  };
}

export function decisionTime(at: Date, timezone: string): string {
  const { date, time } = localDateTime(at, timezone);
  return `${date.slice(5)} ${time}`;
}

/** The approval card for a claim in its current state. */
export function renderApproval(
  ctx: ClaimContext,
  scheme: Scheme,
  lang: Lang,
  projection?: { before: number; after: number },
): Rendered {
  const { kindLabel, lines } = claimSummary(ctx, scheme, lang);
  const state: ApprovalState = ctx.decision
    ? {
        kind: "decided",
        decision: ctx.decision.decision,
        by: ctx.decider ? displayName(ctx.decider) : ctx.decision.byUserId,
        at: decisionTime(ctx.decision.decidedAt, ctx.group.timezone),
        comment: ctx.decision.comment,
        points: ctx.decision.points,
      }
    : { kind: "pending" };
  return approvalCard({
    claimId: ctx.claim.id,
    claimNo: ctx.claim.no,
    claimant: displayName(ctx.claimant),
    groupName: ctx.group.name,
    kindLabel,
    lines,
    evidence: ctx.claim.evidence,
    ...(ctx.claim.kind === "bonus" ? { points: ctx.claim.detail.points } : {}),
    ...(projection ? { projection } : {}),
    state,
    lang,
  });
}

/** What the claimant hears once a leader decided. */
export function claimDecidedNotice(ctx: ClaimContext, scheme: Scheme): Rendered {
  const { kindLabel, lines } = claimSummary(ctx, scheme, "zh");
  const d = ctx.decision!;
  return claimNoticeCard({
    kind: d.decision,
    what: `${kindLabel}：${lines[0]}`,
    by: ctx.decider ? displayName(ctx.decider) : d.byUserId,
    comment: d.comment,
    points: d.points,
    lang: "zh",
  });
}

/** The cards the claim use cases send to others (src/app holds no text). */
export const claimViews: ClaimViews = { approval: renderApproval, decided: claimDecidedNotice };
