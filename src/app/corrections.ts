import { eq } from "drizzle-orm";
import type { BatchItem, Database } from "../db/database";
import { publications, type Group, type Member, type Publication } from "../db/schema";
import { monthsOfQuarter, periodKind } from "../domain/periods";
import { enqueueRows } from "../outbox/message";
import { annualSummary } from "../jobs/annual-summary";
import { quarterlyReport } from "../jobs/quarterly-report";
import { adjustWrites } from "./scores";
import { auditWrite, type AuditAction, type Writes } from "./audit";

/** The month a period's corrections are booked in: its last. */
export function correctionMonth(period: string): string {
  return periodKind(period) === "year" ? `${period}-12` : monthsOfQuarter(period)[2]!;
}

/**
 * A change to a published period: an adjustment in its last month, the
 * publication's version bumped, all logged. Re-issuing follows the commit.
 */
export function correctionWrites(
  db: Database,
  input: {
    group: Group;
    publication: Publication;
    member: Member;
    dimension: string;
    points: number;
    reason: string;
    by: string;
    action: Extract<AuditAction, `publication.${string}`>;
    now: Date;
  },
): Writes {
  return [
    ...adjustWrites(db, {
      group: input.group,
      month: correctionMonth(input.publication.period),
      member: input.member,
      dimension: input.dimension,
      points: input.points,
      reason: input.reason,
      by: input.by,
      now: input.now,
    }),
    db
      .update(publications)
      .set({ version: input.publication.version + 1 })
      .where(eq(publications.id, input.publication.id)),
    auditWrite(db, {
      groupId: input.group.id,
      by: input.by,
      action: input.action,
      subjectId: input.publication.id,
      detail: {
        period: input.publication.period,
        member: input.member.id,
        dimension: input.dimension,
        points: input.points,
        reason: input.reason,
      },
      now: input.now,
    }),
  ];
}

/** Recomputes a published period and queues everyone's new report card (the new version's keys). */
export async function reissue(db: Database, group: Group, period: string, now: Date) {
  const messages =
    periodKind(period) === "year"
      ? await annualSummary(db, group, period, now)
      : await quarterlyReport(db, group, period, now);
  if (messages.length)
    await db.batch(
      messages.flatMap((m) => enqueueRows(db, m, now, group.platform)) as unknown as [BatchItem, ...BatchItem[]],
    );
  return messages.length;
}
