import { and, eq, gte, isNull, lte } from "drizzle-orm";
import type { Database } from "../db/database";
import { newId } from "../db/ids";
import { auditLog, leaves, type Group, type Member } from "../db/schema";
import { createWorkCalendar, type WorkCalendar } from "../domain/calendar";
import type { IsoDate } from "../domain/dates";

/** The national calendar with the unit's own days off and extra workdays on top. */
export function groupCalendar(group: Pick<Group, "settings">): WorkCalendar {
  return createWorkCalendar({ holidays: group.settings.holidays ?? [], workdays: group.settings.workdays ?? [] });
}

export function leaveWrites(
  db: Database,
  input: { group: Group; member: Member; from: IsoDate; to: IsoDate; reason?: string; now: Date },
) {
  const id = newId("lv", input.now.getTime());
  return [
    db.insert(leaves).values({
      id,
      groupId: input.group.id,
      memberId: input.member.id,
      from: input.from,
      to: input.to,
      reason: input.reason ?? null,
      createdAt: input.now,
    }),
    db.insert(auditLog).values({
      id: newId("aud", input.now.getTime()),
      groupId: input.group.id,
      actorUserId: input.member.userId,
      action: "leave.add",
      subjectId: id,
      detail: { from: input.from, to: input.to },
      at: input.now,
    }),
  ];
}

/** Members of the group on leave on a date. */
export async function onLeave(db: Database, groupId: string, date: IsoDate): Promise<Set<string>> {
  const rows = await db
    .select({ memberId: leaves.memberId })
    .from(leaves)
    .where(and(eq(leaves.groupId, groupId), lte(leaves.from, date), gte(leaves.to, date), isNull(leaves.cancelledAt)));
  return new Set(rows.map((r) => r.memberId));
}
