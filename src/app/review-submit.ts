import { and, eq } from "drizzle-orm";
import type { BatchItem, Database } from "../db/database";
import { currentMemberId } from "../db/ids";
import { members, type Group, type Member } from "../db/schema";
import { indexScheme } from "../domain/scheme";
import { isLeader } from "./authority";
import { checkRaterSequence, type EarlierResult } from "./rater-sequence";
import { schemeForMonth } from "./schemes";
import { rateWrites } from "./scores";

export type RaterKind = "leader" | "self" | "peer";

/** A comment beside the scores: as much as the review card's box holds. */
export const MAX_REVIEW_COMMENT = 300;

export interface ReviewSubmission {
  group: Group;
  rater: Member;
  subject: Member;
  kind: RaterKind;
  month: string;
  /** Top-level dimension key → the typed score; empty means not rated. */
  scores: Record<string, string>;
  comment?: string;
  now: Date;
}

export type ReviewResult =
  | { ok: true; code: "submitted"; rated: number; kind: RaterKind; writes: BatchItem[] }
  | { ok: false; code: "no_such_rater" | "nothing_rated" }
  | { ok: false; code: "bad_score"; dimension: string }
  | { ok: false; code: "not_rated_by_kind"; dimension: string; kind: RaterKind }
  | { ok: false; code: "earlier_group_pending"; earlier: EarlierResult; needed: number };

/** One 月评议 submission, from the card's form or the 「评议打分」 reply: one score per dimension, spread over its items like 评分. */
export async function submitReview(db: Database, s: ReviewSubmission): Promise<ReviewResult> {
  const { group } = s;
  const { scheme } = await schemeForMonth(db, group, s.month, s.now);
  if (!(s.kind in scheme.raters)) return { ok: false, code: "no_such_rater" };
  const leaves = indexScheme(scheme).leaves;
  const comment = s.comment?.trim() ? s.comment.trim().slice(0, MAX_REVIEW_COMMENT) : undefined;
  const rated: { keys: string[]; score: number }[] = [];
  // A group tied to some items (raterScope: 同行评价 to colleagues, 篇8 line 174) rates those alone; its card asks
  // for nothing else, and a score for another item would count nowhere, so it is refused, not stored.
  const scope = scheme.raterScope[s.kind];
  for (const dim of scheme.dimensions) {
    const raw = s.scores[dim.key]?.trim();
    if (!raw) continue;
    if (scope && !scope.includes(dim.key))
      return { ok: false, code: "not_rated_by_kind", dimension: dim.name, kind: s.kind };
    const score = Number(raw);
    if (!Number.isFinite(score) || score < 0 || score > 100)
      return { ok: false, code: "bad_score", dimension: dim.name };
    rated.push({
      keys: leaves.filter((l) => l.top.key === dim.key).map((l) => l.node.key),
      score: Math.round(score * 100) / 100,
    });
  }
  if (!rated.length) return { ok: false, code: "nothing_rated" };
  // Issue 13 item 7 (篇6 line 122): where the scheme orders its raters, a group rates after the one before it.
  const typed = rated.flatMap((r) => r.keys).filter((k) => !leaves.find((l) => l.node.key === k)?.node.source);
  const order = await checkRaterSequence(db, group, scheme, s.month, s.subject.id, typed, s.kind);
  if (!order.ok) return { ok: false, code: "earlier_group_pending", earlier: order.earlier, needed: order.needed };
  const writes = rated.flatMap((r) =>
    rateWrites(db, {
      group,
      month: s.month,
      member: s.subject,
      leaves: r.keys,
      score: r.score,
      raterGroup: s.kind,
      by: s.rater.userId,
      comment,
      now: s.now,
    }),
  );
  return { ok: true, code: "submitted", rated: rated.length, kind: s.kind, writes };
}

export type ReviewFormRefusal =
  | "not_member"
  | "leaders_only"
  | "choose_colleague"
  | "peer_self"
  | "self_only"
  | "subject_not_member";

/**
 * Who a submitted 月评议 form rates, and whether the clicker may: the card names the
 * subject (leader and self cards) or the form's select does (peer cards). Forms sent
 * before migration 0009 name colleagues by their old ids.
 */
export async function reviewFormSubject(
  db: Database,
  input: {
    group: Group;
    rater: Member | undefined;
    kind: RaterKind;
    /** The subject the card names (leader and self cards). */
    named?: string;
    /** The colleague chosen in the form (peer cards). */
    chosen?: string;
  },
): Promise<{ ok: true; rater: Member; subject: Member } | { ok: false; code: ReviewFormRefusal }> {
  const { group, rater, kind } = input;
  if (!rater?.active) return { ok: false, code: "not_member" };
  if (kind === "leader" && !isLeader(rater)) return { ok: false, code: "leaders_only" };
  const named = kind === "peer" ? input.chosen : kind === "self" ? rater.id : input.named;
  const subjectId = named && currentMemberId(named, group);
  if (!subjectId) return { ok: false, code: "choose_colleague" };
  if (kind === "peer" && subjectId === rater.id) return { ok: false, code: "peer_self" };
  if (kind === "self" && input.named && currentMemberId(input.named, group) !== rater.id)
    return { ok: false, code: "self_only" };
  const subject = await memberById(db, group, subjectId);
  if (!subject?.active) return { ok: false, code: "subject_not_member" };
  return { ok: true, rater, subject };
}

async function memberById(db: Database, group: Group, memberId: string): Promise<Member | undefined> {
  const [m] = await db
    .select()
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.groupId, group.id)))
    .limit(1);
  return m;
}

export type ReviewReplyResult =
  | ReviewResult
  | { ok: false; code: "not_member" | "peer_in_group" }
  | { ok: false; code: "kind_not_in_scheme"; kind: RaterKind }
  | { ok: false; code: "unknown_dimension"; item: string; dimensions: string[] };

/**
 * 评议打分: the 月评议 card's form as one reply (WeChat, and Lark). What kind of rating it
 * is follows from who rates whom: oneself is 自评, a leader rating someone is 领导评分 where
 * the scheme has it, else 互评 — anonymous, so never in the group's chat. Dimensions are
 * named by key, name, or the start of a name.
 */
export async function submitReviewReply(
  db: Database,
  input: {
    group: Group;
    rater: Member;
    subject: Member;
    month: string;
    scores: { item: string; score: string }[];
    comment?: string;
    inGroupChat: boolean;
    now: Date;
  },
): Promise<ReviewReplyResult> {
  const { rater, subject } = input;
  if (!rater.active) return { ok: false, code: "not_member" };
  const { scheme } = await schemeForMonth(db, input.group, input.month, input.now);
  const kind: RaterKind =
    subject.id === rater.id ? "self" : isLeader(rater) && "leader" in scheme.raters ? "leader" : "peer";
  if (kind === "peer" && input.inGroupChat) return { ok: false, code: "peer_in_group" };
  if (!(kind in scheme.raters)) return { ok: false, code: "kind_not_in_scheme", kind };
  const scores: Record<string, string> = {};
  for (const { item, score } of input.scores) {
    const exact = scheme.dimensions.filter((d) => d.name === item || d.key === item);
    const dims = exact.length ? exact : scheme.dimensions.filter((d) => d.name.startsWith(item));
    if (dims.length !== 1)
      return { ok: false, code: "unknown_dimension", item, dimensions: scheme.dimensions.map((d) => d.name) };
    scores[dims[0]!.key] = score;
  }
  return submitReview(db, { ...input, kind, scores });
}
