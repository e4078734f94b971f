import { and, eq } from "drizzle-orm";
import { currentGroupId, currentMemberId } from "../src/db/ids";
import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import type { Database } from "../src/db/database";
import type { Work } from "../src/bot/work";
import type { Group, Member } from "../src/db/schema";
import { checkRaterSequence } from "../src/app/rater-sequence";
import { schemeForMonth } from "../src/app/schemes";
import { rateWrites } from "../src/app/scores";
import { defineCardAction } from "../src/bot/card-action";
import { groups, members } from "../src/db/schema";
import { indexScheme, raterLabel } from "../src/domain/scheme";

const reviewValue = z.object({
  a: z.literal("review.submit"),
  g: z.string().min(1).max(80),
  m: z.string().regex(/^\d{4}-\d{2}$/),
  k: z.enum(["leader", "self", "peer"]),
  s: z.string().max(200).optional(),
});

/** A submitted 月评议 form: one score per dimension, spread over its items like 评分. */
export const submitReviewAction = defineCardAction({
  name: "review.submit",
  value: reviewValue,
  async handle(ctx) {
    const { db } = ctx.deps;
    const { lang, value } = ctx;
    const [group] = await db
      .select()
      .from(groups)
      .where(eq(groups.id, currentGroupId(value.g)))
      .limit(1);
    if (!group || group.tenantKey !== ctx.update.tenantKey)
      return { toast: { type: "warning", content: t(lang, "找不到这个群", "Group not found") } };
    const [rater] = await db
      .select()
      .from(members)
      .where(and(eq(members.groupId, group.id), eq(members.userId, ctx.update.operatorId), eq(members.active, true)))
      .limit(1);
    if (!rater)
      return {
        toast: { type: "error", content: t(lang, "你不是这个群的考核成员", "You are not a member of this group") },
      };
    if (value.k === "leader" && rater.role !== "leader")
      return {
        toast: {
          type: "error",
          content: t(lang, "只有负责人可以提交领导评分", "Only leaders can submit leader ratings"),
        },
      };

    // Forms sent before migration 0009 name colleagues by their old ids.
    const named =
      value.k === "peer" ? String(ctx.update.formValue?.subject ?? "") : value.k === "self" ? rater.id : value.s;
    const subjectId = named && currentMemberId(named, group);
    if (!subjectId) return { toast: { type: "warning", content: t(lang, "请选择要评的同事", "Choose a colleague") } };
    if (value.k === "peer" && subjectId === rater.id)
      return { toast: { type: "error", content: t(lang, "互评不能评自己", "You cannot peer-rate yourself") } };
    if (value.k === "self" && value.s && currentMemberId(value.s, group) !== rater.id)
      return { toast: { type: "error", content: t(lang, "只能给自己自评", "Self-review is for yourself") } };
    const [subject] = await db
      .select()
      .from(members)
      .where(and(eq(members.id, subjectId), eq(members.groupId, group.id), eq(members.active, true)))
      .limit(1);
    if (!subject)
      return { toast: { type: "warning", content: t(lang, "这位同事不在本群", "Not a member of this group") } };

    const form = ctx.update.formValue ?? {};
    const scores = Object.fromEntries(
      Object.entries(form)
        .filter(([k]) => k.startsWith("d_"))
        .map(([k, v]) => [k.slice(2), String(v ?? "")]),
    );
    const comment = typeof form.comment === "string" ? form.comment : undefined;
    const outcome = await submitReview({
      db,
      work: ctx.work,
      now: ctx.now,
      lang,
      group,
      rater,
      subject,
      kind: value.k,
      month: value.m,
      scores,
      comment,
    });
    return { toast: { type: outcome.ok ? "success" : "warning", content: outcome.message } };
  },
});

export interface ReviewSubmission {
  db: Database;
  work: Work;
  now: Date;
  lang: Lang;
  group: Group;
  rater: Member;
  subject: Member;
  kind: "leader" | "self" | "peer";
  month: string;
  /** Top-level dimension key → the typed score; empty means not rated. */
  scores: Record<string, string>;
  comment?: string;
}

/** One 月评议 submission, from the card's form or the 「评议打分」 reply: one score per dimension, spread over its items like 评分. */
export async function submitReview(s: ReviewSubmission): Promise<{ ok: boolean; message: string }> {
  const { db, lang, group } = s;
  const { scheme } = await schemeForMonth(db, group, s.month, s.now);
  if (!(s.kind in scheme.raters))
    return { ok: false, message: t(lang, "本方案没有这类评分", "This scheme has no such rater group") };
  const leaves = indexScheme(scheme).leaves;
  const comment = s.comment?.trim() ? s.comment.trim().slice(0, 300) : undefined;
  const rated: { keys: string[]; score: number }[] = [];
  for (const dim of scheme.dimensions) {
    const raw = s.scores[dim.key]?.trim();
    if (!raw) continue;
    const score = Number(raw);
    if (!Number.isFinite(score) || score < 0 || score > 100)
      return { ok: false, message: t(lang, `「${dim.name}」须是 0–100 的数`, `${dim.name} must be 0–100`) };
    rated.push({
      keys: leaves.filter((l) => l.top.key === dim.key).map((l) => l.node.key),
      score: Math.round(score * 100) / 100,
    });
  }
  if (!rated.length) return { ok: false, message: t(lang, "请至少填写一项分数", "Fill in at least one score") };
  // Issue 13 item 7 (篇6 line 122): where the scheme orders its raters, a group rates after the one before it.
  const typed = rated.flatMap((r) => r.keys).filter((k) => !leaves.find((l) => l.node.key === k)?.node.source);
  const order = await checkRaterSequence(db, group, scheme, s.month, s.subject.id, typed, s.kind);
  if (!order.ok)
    return {
      ok: false,
      message: t(
        lang,
        `本方案先由「${raterLabel(order.earlier.group)}」评价、再评分（篇6）：目前 ${order.earlier.raters} 人，每项需至少 ${order.needed} 人`,
        `${order.earlier.group} rate first: ${order.earlier.raters} so far, ${order.needed} needed per item`,
      ),
    };
  for (const r of rated) {
    s.work.write(
      ...rateWrites(db, {
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
  }
  const who = s.kind === "peer" ? t(lang, "（匿名）", " (anonymous)") : "";
  return {
    ok: true,
    message: t(lang, `已提交 ${rated.length} 项评分${who}`, `${rated.length} score(s) submitted${who}`),
  };
}
