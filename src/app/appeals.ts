import type { BatchItem, Database } from "../db/database";
import type { Appeal, Group, Member } from "../db/schema";
import { localDate } from "../domain/dates";
import { findDimension } from "../domain/scheme";
import type { OutboundMessage } from "../outbox/message";
import { activeLeaders } from "./claims";
import { correctionWrites } from "./corrections";
import { computeQuarter, computeYear } from "./period-results";
import { periodKind } from "../domain/periods";
import { MAX_CHANGE_POINTS } from "../domain/points";
import { isActiveLeader } from "./authority";
import { groupAndMember } from "./groups";
import type { MessageBody } from "./ports";
import {
  appealWrites,
  decideAppealWrites,
  loadAppeal,
  nextAppealNo,
  openAppealOf,
  openPublication,
} from "./publications";

/** An appeal states its case in a few paragraphs; the report card's form allows as much. */
export const MAX_APPEAL_CHARS = 1000;
/** The appeal card's reason box holds as much; a reply command is cut to it. */
export const MAX_APPEAL_DECISION_CHARS = 300;
/** The published figures of a period: a quarter ("2026-Q3") or a year ("2026"). */
export async function periodResult(db: Database, group: Group, period: string, now: Date) {
  return periodKind(period) === "year" ? computeYear(db, group, period, now) : computeQuarter(db, group, period, now);
}

/** An appeal as its card shows it: the case, the appellant's published figures, and the decision once made. */
export interface AppealCase {
  appeal: Pick<Appeal, "id" | "no" | "reason">;
  appellant: Member;
  group: Group;
  period: string;
  total: number;
  rank: number;
  headcount: number;
  /** What an amendment may change (empty on a decided card). */
  dimensions: { key: string; name: string }[];
  decided?: AppealDecided;
}

export interface AppealDecided {
  decision: "upheld" | "amended";
  by: Member;
  at: Date;
  reason: string;
  change?: { name: string; points: number };
}

/** The cards the appeal use cases send; cards/appeal-view.ts renders them (src/app holds no text). */
export interface AppealViews {
  /** The appeal card, to each leader (Chinese: leaders read it in their own chat). */
  appealCase(c: AppealCase): MessageBody;
  /** What the appellant hears once a leader decided. */
  outcome(c: AppealCase & { decided: AppealDecided }): MessageBody;
}

export type LodgeResult =
  | { ok: false; code: "closed" | "already" }
  | {
      ok: true;
      code: "lodged";
      leaders: number;
      period: string;
      windowEnds: string;
      writes: BatchItem[];
      messages: OutboundMessage[];
    };

/** Opens an appeal against the group's result in its window, and sends the case to every leader. */
export async function lodgeAppeal(
  deps: { db: Database; views: AppealViews },
  input: { group: Group; member: Member; reason: string; now: Date },
): Promise<LodgeResult> {
  const { db } = deps;
  const { group, member, now } = input;
  const publication = await openPublication(db, group.id, localDate(now, group.timezone));
  if (!publication) return { ok: false, code: "closed" };
  if (await openAppealOf(db, publication.id, member.id)) return { ok: false, code: "already" };
  const no = await nextAppealNo(db, publication.id);
  const { appeal, writes } = appealWrites(db, publication, member, input.reason, now, no);
  const { scheme, combined } = await periodResult(db, group, publication.period, now);
  const mine = combined.members.find((m) => m.id === member.id);
  const leaders = (await activeLeaders(db, group.id)).filter((l) => l.id !== member.id);
  const card = deps.views.appealCase({
    appeal,
    appellant: member,
    group,
    period: publication.period,
    total: mine?.total ?? 0,
    rank: mine?.rank ?? 0,
    headcount: combined.members.length,
    dimensions: scheme.dimensions.map((d) => ({ key: d.key, name: d.name })),
  });
  const messages: OutboundMessage[] = leaders.map((leader) => ({
    key: `appeal:${appeal.id}:${leader.userId}`,
    to: { type: "open_id", id: leader.userId },
    ...card,
  }));
  return {
    ok: true,
    code: "lodged",
    leaders: leaders.length,
    period: publication.period,
    windowEnds: publication.windowEnds,
    writes,
    messages,
  };
}

/** One leader's decision on one appeal, from a card (Lark) or a reply command (WeChat, Lark). */
export interface AppealDecisionInput {
  appealId: string;
  tenantKey: string;
  operatorUserId: string;
  decision: "uphold" | "amend";
  reason: string;
  /** For an amendment: the dimension's key or name, and the points as given. */
  dimension?: unknown;
  points?: unknown;
  now: Date;
}

export type AppealDecisionResult =
  | {
      ok: true;
      code: "upheld" | "amended";
      /** The decided case, to render the decided card. */
      decided: AppealCase & { decided: AppealDecided };
      writes: BatchItem[];
      messages: OutboundMessage[];
      /** After the commit: an amendment recomputes and re-issues everyone's report card. */
      /** An amendment changed this published period: its report cards are re-issued after the commit. */
      reissue?: string;
    }
  | { ok: false; code: "not_found" | "not_leader" | "reason_required" | "bad_amendment" }
  | { ok: false; code: "already_decided"; by: Member | undefined; byUserId: string; at: Date; group: Group };

/** An appeal already decided: who decided it and when, for whoever clicks too late. */
export async function decidedAppeal(db: Database, appealId: string): Promise<AppealDecisionResult | undefined> {
  const row = await loadAppeal(db, appealId);
  if (!row?.decision) return undefined;
  const found = await groupAndMember(db, row.publication.groupId, row.decision.byUserId);
  if (!found) return undefined;
  return alreadyDecided(row.decision, found.group, found.member);
}

function alreadyDecided(
  d: { byUserId: string; decidedAt: Date },
  group: Group,
  by: Member | undefined,
): AppealDecisionResult {
  return { ok: false, code: "already_decided", by, byUserId: d.byUserId, at: d.decidedAt, group };
}

/** 维持 / 更正: once, by a leader of the group; an amendment is a logged correction that re-issues the report cards. */
export async function decideAppeal(
  deps: { db: Database; views: AppealViews; clock: { now(): Date } },
  input: AppealDecisionInput,
): Promise<AppealDecisionResult> {
  const { db } = deps;
  const { now } = input;
  const row = await loadAppeal(db, input.appealId);
  const found = row && (await groupAndMember(db, row.publication.groupId, input.operatorUserId));
  if (!row || !found || found.group.tenantKey !== input.tenantKey) return { ok: false, code: "not_found" };
  const { group, member: operator } = found;
  if (!isActiveLeader(operator)) return { ok: false, code: "not_leader" };
  if (row.decision)
    return alreadyDecided(row.decision, group, (await groupAndMember(db, group.id, row.decision.byUserId))?.member);

  const reason = input.reason.trim().slice(0, MAX_APPEAL_DECISION_CHARS);
  if (!reason) return { ok: false, code: "reason_required" };
  const { scheme, combined } = await periodResult(db, group, row.publication.period, now);
  const decision = input.decision === "uphold" ? "upheld" : "amended";
  let change: { dimension: string; points: number; name: string } | undefined;
  if (decision === "amended") {
    const given = String(input.dimension ?? "").trim();
    const byKey = scheme.dimensions.find((d) => d.key === given);
    const named = byKey ? undefined : findDimension(scheme, given);
    const dim =
      byKey ?? (named?.kind === "found" ? scheme.dimensions.find((d) => d.key === named.path[0]!.key) : undefined);
    const points = Number(String(input.points ?? "").trim());
    if (!dim || !Number.isFinite(points) || points === 0 || Math.abs(points) > MAX_CHANGE_POINTS)
      return { ok: false, code: "bad_amendment" };
    change = { dimension: dim.key, points, name: dim.name };
  }

  const writes = decideAppealWrites(db, {
    appeal: row.appeal,
    publication: row.publication,
    decision,
    by: operator.userId,
    reason,
    dimension: change?.dimension,
    points: change?.points,
    now,
  });
  let reissue: string | undefined;
  if (change) {
    // The amendment is a correction: an adjustment in the period's last month and a new version.
    writes.push(
      ...correctionWrites(db, {
        group,
        publication: row.publication,
        member: row.member,
        dimension: change.dimension,
        points: change.points,
        reason: `申诉更正：${reason}`,
        by: operator.userId,
        action: "publication.amend",
        now,
      }),
    );
    reissue = row.publication.period;
  }
  const mine = combined.members.find((m) => m.id === row.member.id);
  const decided = {
    appeal: row.appeal,
    appellant: row.member,
    group,
    period: row.publication.period,
    total: mine?.total ?? 0,
    rank: mine?.rank ?? 0,
    headcount: combined.members.length,
    dimensions: [],
    decided: {
      decision,
      by: operator,
      at: now,
      reason,
      ...(change ? { change: { name: change.name, points: change.points } } : {}),
    },
  } satisfies AppealCase;
  const messages: OutboundMessage[] = [
    {
      key: `appeal:${row.appeal.id}:outcome`,
      to: { type: "open_id", id: row.member.userId },
      ...deps.views.outcome(decided),
    },
  ];
  return { ok: true, code: decision, decided, writes, messages, ...(reissue ? { reissue } : {}) };
}
