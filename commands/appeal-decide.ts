import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { appealCard } from "../cards/appeal";
import { claimNoticeCard } from "../cards/claim-notice";
import { t } from "../cards/kit";
import { quarterLabel } from "../cards/report-card";
import { decideAppealWrites, loadAppeal } from "../src/app/publications";
import { displayName } from "../src/app/scores";
import { defineCardAction, type CardActionContext } from "../src/bot/card-action";
import { groups, members } from "../src/db/schema";
import { correctionWrites, reissue } from "../src/app/corrections";
import { periodResult } from "./appeal";
import { decisionTime } from "./claim-view";

const value = z.object({ a: z.literal("appeal.decide"), id: z.string().min(1).max(64), d: z.enum(["uphold", "amend"]) });
type Ctx = CardActionContext<z.infer<typeof value>>;

async function answerDecided(ctx: Ctx, appealId: string) {
  const row = await loadAppeal(ctx.deps.db, appealId);
  const d = row?.decision;
  if (!row || !d) return { toast: { type: "warning" as const, content: t(ctx.lang, "请稍后再试", "Please try again") } };
  const [group] = await ctx.deps.db.select().from(groups).where(eq(groups.id, row.publication.groupId)).limit(1);
  const [by] = await ctx.deps.db.select().from(members).where(and(eq(members.groupId, row.publication.groupId), eq(members.userId, d.byUserId))).limit(1);
  const who = by ? displayName(by) : d.byUserId;
  return { toast: { type: "info" as const, content: t(ctx.lang, `已由 ${who} 处理（${decisionTime(d.decidedAt, group!.timezone)}）`, `Already decided by ${who}`) } };
}

/** 维持 / 更正 on an appeal card: once, by a leader of the group; an amendment re-issues the report cards. */
export const decideAppealAction = defineCardAction({
  name: "appeal.decide",
  value,
  async handle(ctx) {
    const { db } = ctx.deps;
    const { lang } = ctx;
    const row = await loadAppeal(db, ctx.value.id);
    const [group] = row ? await db.select().from(groups).where(eq(groups.id, row.publication.groupId)).limit(1) : [];
    if (!row || !group || group.tenantKey !== ctx.update.tenantKey) return { toast: { type: "warning", content: t(lang, "找不到这条申诉", "Appeal not found") } };
    const [operator] = await db.select().from(members).where(and(eq(members.groupId, group.id), eq(members.userId, ctx.update.operatorId))).limit(1);
    if (!operator || operator.role !== "leader" || !operator.active) return { toast: { type: "error", content: t(lang, "只有本群的考核负责人可以处理申诉", "Only this group's leaders decide appeals") } };
    if (row.decision) return answerDecided(ctx, row.appeal.id);

    const form = ctx.update.formValue ?? {};
    const reason = typeof form.reason === "string" ? form.reason.trim().slice(0, 300) : "";
    if (!reason) return { toast: { type: "warning", content: t(lang, "请填写处理意见", "A reason is required") } };
    const { scheme, combined } = await periodResult(db, group, row.publication.period, ctx.now);
    const decision = ctx.value.d === "uphold" ? "upheld" : "amended";
    let change: { dimension: string; points: number; name: string } | undefined;
    if (decision === "amended") {
      const dim = scheme.dimensions.find((d) => d.key === form.dimension);
      const points = Number(String(form.points ?? "").trim());
      if (!dim || !Number.isFinite(points) || points === 0 || Math.abs(points) > 20) {
        return { toast: { type: "warning", content: t(lang, "更正需选择维度并填写加减分（非 0，不超过 20）", "Choose a dimension and points (non-zero, up to 20)") } };
      }
      change = { dimension: dim.key, points, name: dim.name };
    }

    ctx.work.write(...(decideAppealWrites(db, { appeal: row.appeal, publication: row.publication, decision, by: operator.userId, reason, dimension: change?.dimension, points: change?.points, now: ctx.now }) as never[]));
    if (change) {
      // The amendment is a correction: an adjustment in the period's last month and a new version.
      ctx.work.write(...(correctionWrites(db, { group, publication: row.publication, member: row.member, dimension: change.dimension, points: change.points, reason: `申诉更正：${reason}`, by: operator.userId, action: "publication.amend", now: ctx.now }) as never[]));
      // After the commit: recompute and re-issue everyone's report card (a new version, new keys).
      const period = row.publication.period;
      ctx.work.defer(async () => void (await reissue(db, group, period, ctx.deps.clock.now())));
    }
    const what = quarterLabel(row.publication.period, "zh");
    const changeText = change ? `${change.name} ${change.points > 0 ? "+" : ""}${change.points}` : undefined;
    ctx.work.send(
      { type: "open_id", id: row.member.userId },
      claimNoticeCard({ kind: decision === "upheld" ? "rejected" : "approved", what: `${what}申诉：${decision === "upheld" ? "维持原结果" : `已更正（${changeText}），成绩单将重新发送`}`, by: displayName(operator), comment: reason, lang: "zh" }),
      `appeal:${row.appeal.id}:outcome`,
    );
    const mine = combined.members.find((m) => m.id === row.member.id);
    const card = appealCard({
      appealId: row.appeal.id,
      appellant: displayName(row.member),
      groupName: group.name,
      periodLabel: what,
      reason: row.appeal.reason,
      total: mine?.total ?? 0,
      rank: mine?.rank ?? 0,
      headcount: combined.members.length,
      dimensions: [],
      decided: { decision, by: displayName(operator), at: decisionTime(ctx.now, group.timezone), reason, change: changeText },
      lang,
    });
    return { toast: { type: "success", content: decision === "upheld" ? t(lang, "已维持", "Upheld") : t(lang, "已更正，成绩单将重发", "Amended; report cards will be re-issued") }, card: { type: "raw", data: card.card } };
  },
  onConflict: (ctx) => answerDecided(ctx, ctx.value.id),
});
