import { isSurveyRater } from "../domain/survey";
import { and, asc, between, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/database";
import {
  adjustments,
  awards,
  claimDecisions,
  claims,
  members,
  ratings,
  records,
  type Group,
  type Member,
} from "../db/schema";
import type { IsoMonth } from "../domain/dates";
import { indexScheme } from "../domain/scheme";
import { schemeForMonth } from "./schemes";
import { displayName } from "./scores";

/**
 * Everything that made a person's month: records, claims and their
 * decisions, ratings (peers only as a count and an average), adjustments
 * and awards, each with who and when. Plain data; the card formats it.
 */
export interface MonthDetail {
  records: { date: string; text: string; at: Date }[];
  claims: {
    kind: string;
    status: string;
    evidence: string;
    at: Date;
    decision?: { decision: string; by: string; at: Date; comment: string | null; points: number | null };
  }[];
  ratings: { dimension: string; group: string; score: number; by: string; at: Date; comment: string | null }[];
  peers: { dimension: string; count: number; average: number }[];
  adjustments: { dimension: string; points: number; reason: string; by: string; at: Date; revoked: boolean }[];
  awards: { level: string; reason: string; by: string; at: Date; revoked: boolean }[];
}

export async function monthDetail(db: Database, member: Member, month: IsoMonth): Promise<MonthDetail> {
  const people = await db.select().from(members).where(eq(members.groupId, member.groupId));
  const nameOf = (userId: string) => people.find((p) => p.userId === userId)?.name || userId;
  const [recs, cls, rts, adjs, awds] = await Promise.all([
    db
      .select()
      .from(records)
      .where(
        and(
          eq(records.memberId, member.id),
          between(records.date, `${month}-01`, `${month}-31`),
          isNull(records.withdrawnAt),
        ),
      )
      .orderBy(asc(records.date)),
    db
      .select({ claim: claims, decision: claimDecisions })
      .from(claims)
      .leftJoin(claimDecisions, eq(claimDecisions.claimId, claims.id))
      .where(and(eq(claims.memberId, member.id), eq(claims.period, month)))
      .orderBy(asc(claims.createdAt)),
    db
      .select()
      .from(ratings)
      .where(and(eq(ratings.memberId, member.id), eq(ratings.period, month), isNull(ratings.supersededAt)))
      .orderBy(asc(ratings.createdAt)),
    db
      .select()
      .from(adjustments)
      .where(and(eq(adjustments.memberId, member.id), eq(adjustments.period, month)))
      .orderBy(asc(adjustments.createdAt)),
    db
      .select()
      .from(awards)
      .where(and(eq(awards.memberId, member.id), eq(awards.period, month)))
      .orderBy(asc(awards.createdAt)),
  ]);
  const peerScores = new Map<string, number[]>();
  for (const r of rts)
    if (r.raterGroup === "peer") peerScores.set(r.dimension, [...(peerScores.get(r.dimension) ?? []), r.score]);
  return {
    records: recs.map((r) => ({ date: r.date, text: r.text, at: r.createdAt })),
    claims: cls.map(({ claim, decision }) => ({
      kind: claim.kind,
      status: claim.status,
      evidence: claim.evidence,
      at: claim.createdAt,
      ...(decision
        ? {
            decision: {
              decision: decision.decision,
              by: nameOf(decision.byUserId),
              at: decision.decidedAt,
              comment: decision.comment,
              points: decision.points,
            },
          }
        : {}),
    })),
    ratings: rts
      .filter((r) => r.raterGroup !== "peer")
      .map((r) => ({
        dimension: r.dimension,
        group: r.raterGroup,
        score: r.score,
        // A survey's result (群众评价) is given by no one: its comment names the survey and its sample.
        by: isSurveyRater(r.raterUserId) ? "" : nameOf(r.raterUserId),
        at: r.createdAt,
        comment: r.comment,
      })),
    peers: [...peerScores].map(([dimension, scores]) => ({
      dimension,
      count: scores.length,
      average: scores.reduce((a, b) => a + b, 0) / scores.length,
    })),
    adjustments: adjs.map((a) => ({
      dimension: a.dimension,
      points: a.points,
      reason: a.reason,
      by: nameOf(a.byUserId),
      at: a.createdAt,
      revoked: a.revokedAt !== null,
    })),
    awards: awds.map((a) => ({
      level: a.level,
      reason: a.reason,
      by: nameOf(a.byUserId),
      at: a.createdAt,
      revoked: a.revokedAt !== null,
    })),
  };
}

/** A person's month as the 明细 card shows it: the trail, and the scheme's names for its keys. */
export interface DetailOf {
  name: string;
  month: string;
  detail: MonthDetail;
  /** key → display name, for dimensions and items (the scheme of that month). */
  names: Map<string, string>;
  /** The group's time zone, for "11-27 10:00". */
  timezone: string;
}

/** 明细 of one person's month, in the scheme that month was scored by. */
export async function detailOf(
  db: Database,
  group: Group,
  subject: Member,
  month: IsoMonth,
  now: Date,
): Promise<DetailOf> {
  const { scheme } = await schemeForMonth(db, group, month, now);
  const names = new Map(indexScheme(scheme).nodes.map((n) => [n.node.key, n.node.name]));
  const detail = await monthDetail(db, subject, month);
  return { name: displayName(subject), month, detail, names, timezone: group.timezone };
}
