import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../db/database";
import { memberIdFor, newId } from "../db/ids";
import { memberAbsences, members, type Group } from "../db/schema";
import { localDate, type IsoDate } from "../domain/dates";
import { absenceUntil } from "../domain/roster";
import { planJoin, planLeave, type ChatPerson } from "../domain/membership";
import { auditWrite, type Writes } from "./audit";

/**
 * Someone added to a group's chat is on its roster at once; someone removed (or who leaves, or
 * whose invitation is withdrawn) stops being active that day: no more reminders, not expected to
 * record from the next month on, their records and past months kept (src/domain/roster.ts
 * inGroupDuring). The writes are returned to commit with the event's dedupe marker; one audit row
 * per event, as a member read writes `group.sync`.
 */

export type { ChatPerson };

/** Why someone is no longer in the chat, as the platform tells it. */
export type LeaveReason = "left" | "removed" | "withdrawn";

export interface MembershipChange {
  /** "unchanged": the roster already said so (a repeated event, or nobody of this unit). */
  code: "changed" | "unchanged";
  writes: Writes;
  /** Member ids now active here (added or back), or now inactive. */
  changed: string[];
}

/** The stored memberships of these people in the group. */
async function knownOf(db: Database, groupId: string, userIds: string[]) {
  if (!userIds.length) return [];
  return db
    .select({
      id: members.id,
      userId: members.userId,
      name: members.name,
      active: members.active,
      leftOn: members.leftOn,
      movedTo: members.movedTo,
    })
    .from(members)
    .where(and(eq(members.groupId, groupId), inArray(members.userId, userIds)));
}

export async function membersJoined(
  db: Database,
  group: Group,
  input: { people: ChatPerson[]; by: string | null; now: Date },
): Promise<MembershipChange> {
  const { now } = input;
  const known = await knownOf(
    db,
    group.id,
    input.people.map((p) => p.userId),
  );
  const plan = planJoin(known, input.people);
  const writes: Writes = [];
  for (const person of plan.add)
    writes.push(
      db
        .insert(members)
        .values({
          id: memberIdFor(group.id, person.userId),
          groupId: group.id,
          userId: person.userId,
          name: person.name,
          createdAt: now,
        })
        // Their first message got here first (no name yet): the name is what the event adds.
        .onConflictDoUpdate({ target: [members.groupId, members.userId], set: { name: person.name } }),
    );
  const today = localDate(now, group.timezone);
  for (const { member, name } of plan.back)
    writes.push(
      db
        .update(members)
        // The same row again, from the day of their return; joinedOn stays, so the months they
        // were here before are scored as they were (岗变酬变), as the roster import keeps it.
        .set({ active: true, leftOn: null, name })
        .where(and(eq(members.id, member.id), isNull(members.movedTo))),
      // The time away is remembered: the months wholly inside it are scored without them, its days not due.
      ...absenceWrite(db, member.id, member.leftOn, today, now),
    );
  for (const { member, name } of plan.renamed)
    writes.push(db.update(members).set({ name }).where(eq(members.id, member.id)));
  const changed = [...plan.add.map((p) => memberIdFor(group.id, p.userId)), ...plan.back.map((b) => b.member.id)];
  if (!changed.length && !plan.renamed.length && !plan.external.length)
    return { code: "unchanged", writes: [], changed };
  writes.push(
    auditWrite(db, {
      groupId: group.id,
      by: input.by,
      action: "member.join",
      detail: {
        added: plan.add.map((p) => memberIdFor(group.id, p.userId)),
        back: plan.back.map((b) => b.member.id),
        renamed: plan.renamed.length,
        stayMoved: plan.stayMoved.map((m) => m.id),
        external: plan.external.length,
      },
      now,
    }),
  );
  return { code: changed.length || plan.renamed.length ? "changed" : "unchanged", writes, changed };
}

export async function membersLeft(
  db: Database,
  group: Group,
  input: { userIds: string[]; reason: LeaveReason; by: string | null; now: Date },
): Promise<MembershipChange> {
  const { now } = input;
  const plan = planLeave(await knownOf(db, group.id, input.userIds), input.userIds);
  const ids = plan.leave.map((m) => m.id);
  if (!ids.length) return { code: "unchanged", writes: [], changed: [] };
  // The day they left is kept: the months that began before it still count them.
  const leftOn = localDate(now, group.timezone);
  return {
    code: "changed",
    changed: ids,
    writes: [
      db
        .update(members)
        .set({ active: false, leftOn })
        .where(and(inArray(members.id, ids), eq(members.active, true))),
      auditWrite(db, {
        groupId: group.id,
        by: input.by,
        action: "member.leave",
        detail: { left: ids, reason: input.reason, leftOn },
        now,
      }),
    ],
  };
}

/** The write remembering a span away, for someone back in a group on `back` who had left on `leftOn`. */
export function absenceWrite(db: Database, memberId: string, leftOn: IsoDate | null, back: IsoDate, now: Date) {
  const span = absenceUntil(leftOn, back);
  return span
    ? [
        db.insert(memberAbsences).values({
          id: newId("abs", now.getTime()),
          memberId,
          fromDay: span.from,
          untilDay: span.until,
          createdAt: now,
        }),
      ]
    : [];
}
