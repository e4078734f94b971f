import { eq } from "drizzle-orm";
import type { Database } from "../db/database";
import { publications, type Group, type Member, type Publication } from "../db/schema";
import { monthsOfQuarter, periodKind } from "../domain/periods";
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
