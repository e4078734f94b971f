import { and, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/database";
import { members, outbox, type Group, type OutboxRow } from "../db/schema";

/** Parked messages that concern a group: to its chat, or privately to its members. */
export async function parkedForGroup(db: Database, group: Group, limit = 50): Promise<OutboxRow[]> {
  const people = await db.select({ userId: members.userId }).from(members).where(eq(members.groupId, group.id));
  const targets = [`chat:${group.chatId}`, ...people.map((p) => `user:${p.userId}`)];
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, "parked"), inArray(outbox.paceKey, targets)))
    .orderBy(desc(outbox.id))
    .limit(limit);
}

/**
 * Puts parked messages back in the queue with a fresh set of attempts. A leader's 重发 is the
 * decision to send again, so the first-attempt time (Lark's uuid window) starts over too.
 */
export function retryWrites(db: Database, ids: number[], now: Date) {
  return db
    .update(outbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, firstAttemptAt: null })
    .where(and(inArray(outbox.id, ids), eq(outbox.status, "parked")));
}
