import { and, desc, eq, gte, inArray, lt, max } from "drizzle-orm";
import type { Database } from "../db/database";
import { newId } from "../db/ids";
import {
  appealDecisions,
  appeals,
  members,
  publications,
  type Appeal,
  type Group,
  type Member,
  type Publication,
} from "../db/schema";
import type { WorkCalendar } from "../domain/calendar";
import { addWorkdays, quarterOf } from "../domain/periods";
import { auditWrite, type Writes } from "./audit";

/** Objections are taken for this many workdays after a result is published (公示期). */
export const OBJECTION_WORKDAYS = 3;

/** Publishes a period's results as provisional, once; returns the publication (new or existing). */
export async function publish(
  db: Database,
  group: Group,
  period: string,
  today: string,
  calendar: WorkCalendar,
  now: Date,
): Promise<Publication> {
  await db
    .insert(publications)
    .values({
      id: newId("pub", now.getTime()),
      groupId: group.id,
      period,
      windowEnds: addWorkdays(today, OBJECTION_WORKDAYS, calendar),
      publishedAt: now,
    })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(publications)
    .where(and(eq(publications.groupId, group.id), eq(publications.period, period)))
    .limit(1);
  return row!;
}

/** The publication a member may object to today: provisional, window still open. */
export async function openPublication(db: Database, groupId: string, today: string): Promise<Publication | undefined> {
  const [row] = await db
    .select()
    .from(publications)
    .where(
      and(
        eq(publications.groupId, groupId),
        eq(publications.status, "provisional"),
        gte(publications.windowEnds, today),
      ),
    )
    .orderBy(desc(publications.publishedAt))
    .limit(1);
  return row;
}

/** Is a month's result final (its quarter or its year published and closed)? Then it only changes by a logged correction. */
export async function isLocked(db: Database, groupId: string, month: string): Promise<boolean> {
  const rows = await db
    .select({ id: publications.id })
    .from(publications)
    .where(
      and(
        eq(publications.groupId, groupId),
        inArray(publications.period, [quarterOf(month), month.slice(0, 4)]),
        eq(publications.status, "final"),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Windows that closed before today with no open appeal become final. */
export async function finalizeDue(db: Database, group: Group, today: string, now: Date): Promise<Publication[]> {
  const due = await db
    .select()
    .from(publications)
    .where(
      and(
        eq(publications.groupId, group.id),
        eq(publications.status, "provisional"),
        lt(publications.windowEnds, today),
      ),
    );
  const done: Publication[] = [];
  for (const p of due) {
    const open = await db
      .select({ id: appeals.id })
      .from(appeals)
      .where(and(eq(appeals.publicationId, p.id), eq(appeals.status, "open")))
      .limit(1);
    if (open.length) continue; // decided appeals first, then final
    await db.batch([
      db
        .update(publications)
        .set({ status: "final", finalizedAt: now })
        .where(and(eq(publications.id, p.id), eq(publications.status, "provisional"))),
      auditWrite(db, {
        groupId: group.id,
        by: null,
        action: "publication.final",
        subjectId: p.id,
        detail: { period: p.period, version: p.version },
        now,
      }),
    ]);
    done.push(p);
  }
  return done;
}

/** The next short appeal number of a publication. */
export async function nextAppealNo(db: Database, publicationId: string): Promise<number> {
  const [row] = await db
    .select({ n: max(appeals.no) })
    .from(appeals)
    .where(eq(appeals.publicationId, publicationId));
  return (row?.n ?? 0) + 1;
}

/** An appeal by its number in the group's latest publication that has one. */
export async function appealIdByNo(db: Database, groupId: string, no: number): Promise<string | undefined> {
  const [row] = await db
    .select({ id: appeals.id })
    .from(appeals)
    .innerJoin(publications, eq(publications.id, appeals.publicationId))
    .where(and(eq(publications.groupId, groupId), eq(appeals.no, no)))
    .orderBy(desc(publications.publishedAt))
    .limit(1);
  return row?.id;
}

export function appealWrites(
  db: Database,
  publication: Publication,
  member: Member,
  reason: string,
  now: Date,
  no: number | null = null,
) {
  const id = newId("apl", now.getTime());
  const appeal: Appeal = {
    id,
    publicationId: publication.id,
    memberId: member.id,
    reason,
    status: "open",
    no,
    createdAt: now,
  };
  return {
    appeal,
    writes: [
      db.insert(appeals).values(appeal),
      auditWrite(db, {
        groupId: member.groupId,
        by: member.userId,
        action: "appeal.open",
        subjectId: id,
        detail: { period: publication.period, reason },
        now,
      }),
    ],
  };
}

export async function loadAppeal(db: Database, appealId: string) {
  const [row] = await db
    .select({ appeal: appeals, publication: publications, member: members, decision: appealDecisions })
    .from(appeals)
    .innerJoin(publications, eq(publications.id, appeals.publicationId))
    .innerJoin(members, eq(members.id, appeals.memberId))
    .leftJoin(appealDecisions, eq(appealDecisions.appealId, appeals.id))
    .where(eq(appeals.id, appealId))
    .limit(1);
  return row;
}

/** The group an appeal was lodged in (what a click on its card is about). */
export async function appealGroupId(db: Database, appealId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ groupId: publications.groupId })
    .from(appeals)
    .innerJoin(publications, eq(publications.id, appeals.publicationId))
    .where(eq(appeals.id, appealId))
    .limit(1);
  return row?.groupId;
}

export async function openAppealOf(db: Database, publicationId: string, memberId: string) {
  const [row] = await db
    .select()
    .from(appeals)
    .where(and(eq(appeals.publicationId, publicationId), eq(appeals.memberId, memberId), eq(appeals.status, "open")))
    .limit(1);
  return row;
}

/** A decision: the PK on appeal_decisions lets exactly one of two racing decisions commit. */
export function decideAppealWrites(
  db: Database,
  input: {
    appeal: Appeal;
    publication: Publication;
    decision: "upheld" | "amended";
    by: string;
    reason: string;
    dimension?: string;
    points?: number;
    now: Date;
  },
): Writes {
  const writes: Writes = [
    db.insert(appealDecisions).values({
      appealId: input.appeal.id,
      decision: input.decision,
      byUserId: input.by,
      reason: input.reason,
      dimension: input.dimension ?? null,
      points: input.points ?? null,
      decidedAt: input.now,
    }),
    db.update(appeals).set({ status: input.decision }).where(eq(appeals.id, input.appeal.id)),
    auditWrite(db, {
      groupId: input.publication.groupId,
      by: input.by,
      action: `appeal.${input.decision}`,
      subjectId: input.appeal.id,
      detail: { reason: input.reason, dimension: input.dimension ?? null, points: input.points ?? null },
      now: input.now,
    }),
  ];
  // An amendment's figures change through correctionWrites (src/app/corrections.ts), which bumps the version.
  return writes;
}
