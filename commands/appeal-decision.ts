import { and, eq } from "drizzle-orm";
import { appealCard } from "../cards/appeal";
import { claimNoticeCard } from "../cards/claim-notice";
import { t, type Lang, type Rendered } from "../cards/kit";
import { quarterLabel } from "../src/domain/periods";
import { correctionWrites } from "../src/app/corrections";
import { reissue } from "../src/jobs/reissue";
import { decideAppealWrites, loadAppeal } from "../src/app/publications";
import { displayName } from "../src/app/scores";
import type { BotDeps } from "../src/bot/deps";
import type { Work } from "../src/bot/work";
import { groups, members, type Group } from "../src/db/schema";
import { findDimension } from "../src/domain/scheme";
import { periodResult } from "./appeal";
import { decisionTime } from "./claim-view";

/** One leader's decision on one appeal, from a card (Lark) or a reply command (WeChat, Lark). */
export interface AppealDecisionInput {
  deps: BotDeps;
  work: Work;
  now: Date;
  lang: Lang;
  appealId: string;
  tenantKey: string;
  operatorUserId: string;
  decision: "uphold" | "amend";
  reason: string;
  /** For an amendment: the dimension's key or name, and the points as given. */
  dimension?: unknown;
  points?: unknown;
}

export type AppealOutcome =
  | { ok: true; message: string; appeal: Rendered }
  | { ok: false; level: "info" | "warning" | "error"; message: string };

export async function alreadyDecidedAppeal(deps: BotDeps, appealId: string, lang: Lang): Promise<AppealOutcome> {
  const row = await loadAppeal(deps.db, appealId);
  if (!row?.decision) return { ok: false, level: "warning", message: t(lang, "请稍后再试", "Please try again") };
  const [group] = await deps.db.select().from(groups).where(eq(groups.id, row.publication.groupId)).limit(1);
  return decidedBy(deps, row.decision, group!, lang);
}

/** "Already decided by 李主任 (11-27 10:00)". */
async function decidedBy(
  deps: BotDeps,
  d: { byUserId: string; decidedAt: Date },
  group: Group,
  lang: Lang,
): Promise<AppealOutcome> {
  const [by] = await deps.db
    .select()
    .from(members)
    .where(and(eq(members.groupId, group.id), eq(members.userId, d.byUserId)))
    .limit(1);
  const who = by ? displayName(by) : d.byUserId;
  return {
    ok: false,
    level: "info",
    message: t(lang, `已由 ${who} 处理（${decisionTime(d.decidedAt, group.timezone)}）`, `Already decided by ${who}`),
  };
}

/** 维持 / 更正: once, by a leader of the group; an amendment is a logged correction that re-issues the report cards. */
export async function decideAppeal(input: AppealDecisionInput): Promise<AppealOutcome> {
  const { deps, lang, now } = input;
  const { db } = deps;
  const row = await loadAppeal(db, input.appealId);
  const [group] = row ? await db.select().from(groups).where(eq(groups.id, row.publication.groupId)).limit(1) : [];
  if (!row || !group || group.tenantKey !== input.tenantKey)
    return { ok: false, level: "warning", message: t(lang, "找不到这条申诉", "Appeal not found") };
  const [operator] = await db
    .select()
    .from(members)
    .where(and(eq(members.groupId, group.id), eq(members.userId, input.operatorUserId)))
    .limit(1);
  if (!operator || operator.role !== "leader" || !operator.active)
    return {
      ok: false,
      level: "error",
      message: t(lang, "只有本群的考核负责人可以处理申诉", "Only this group's leaders decide appeals"),
    };
  if (row.decision) return decidedBy(deps, row.decision, group, lang);

  const reason = input.reason.trim().slice(0, 300);
  if (!reason) return { ok: false, level: "warning", message: t(lang, "请填写处理意见", "A reason is required") };
  const { scheme, combined } = await periodResult(db, group, row.publication.period, now);
  const decision = input.decision === "uphold" ? "upheld" : "amended";
  let change: { dimension: string; points: number; name: string } | undefined;
  if (decision === "amended") {
    const given = String(input.dimension ?? "").trim();
    const byKey = scheme.dimensions.find((d) => d.key === given);
    const found = byKey ? undefined : findDimension(scheme, given);
    const dim =
      byKey ?? (found?.kind === "found" ? scheme.dimensions.find((d) => d.key === found.path[0]!.key) : undefined);
    const points = Number(String(input.points ?? "").trim());
    if (!dim || !Number.isFinite(points) || points === 0 || Math.abs(points) > 20) {
      return {
        ok: false,
        level: "warning",
        message: t(
          lang,
          "更正需选择维度并填写加减分（非 0，不超过 20）",
          "Choose a dimension and points (non-zero, up to 20)",
        ),
      };
    }
    change = { dimension: dim.key, points, name: dim.name };
  }

  input.work.write(
    ...(decideAppealWrites(db, {
      appeal: row.appeal,
      publication: row.publication,
      decision,
      by: operator.userId,
      reason,
      dimension: change?.dimension,
      points: change?.points,
      now,
    }) as never[]),
  );
  if (change) {
    // The amendment is a correction: an adjustment in the period's last month and a new version.
    input.work.write(
      ...(correctionWrites(db, {
        group,
        publication: row.publication,
        member: row.member,
        dimension: change.dimension,
        points: change.points,
        reason: `申诉更正：${reason}`,
        by: operator.userId,
        action: "publication.amend",
        now,
      }) as never[]),
    );
    // After the commit: recompute and re-issue everyone's report card (a new version, new keys).
    const period = row.publication.period;
    input.work.defer(async () => void (await reissue(db, group, period, deps.clock.now())));
  }
  const what = quarterLabel(row.publication.period, "zh");
  const changeText = change ? `${change.name} ${change.points > 0 ? "+" : ""}${change.points}` : undefined;
  input.work.send(
    { type: "open_id", id: row.member.userId },
    claimNoticeCard({
      kind: decision === "upheld" ? "rejected" : "approved",
      what: `${what}申诉：${decision === "upheld" ? "维持原结果" : `已更正（${changeText}），成绩单将重新发送`}`,
      by: displayName(operator),
      comment: reason,
      lang: "zh",
    }),
    `appeal:${row.appeal.id}:outcome`,
  );
  const mine = combined.members.find((m) => m.id === row.member.id);
  const appeal = appealCard({
    appealId: row.appeal.id,
    appealNo: row.appeal.no,
    appellant: displayName(row.member),
    groupName: group.name,
    periodLabel: what,
    reason: row.appeal.reason,
    total: mine?.total ?? 0,
    rank: mine?.rank ?? 0,
    headcount: combined.members.length,
    dimensions: [],
    decided: { decision, by: displayName(operator), at: decisionTime(now, group.timezone), reason, change: changeText },
    lang,
  });
  return {
    ok: true,
    message:
      decision === "upheld"
        ? t(lang, "已维持", "Upheld")
        : t(lang, "已更正，成绩单将重发", "Amended; report cards will be re-issued"),
    appeal,
  };
}
