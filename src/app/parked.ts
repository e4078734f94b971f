import { and, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/database";
import { members, outbox, type Group, type Member, type OutboxRow } from "../db/schema";
import type { Writes } from "./audit";
import { isLeader } from "./authority";

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

/** A parked message as 发送失败 lists it. */
export interface ParkedLine {
  id: number;
  createdAt: Date;
  private: boolean;
  lastError: string | null;
}

/** 发送失败: a leader of the group sees the messages the bot gave up on. */
export async function parkedList(
  deps: { db: Database },
  input: { group: Group; member: Pick<Member, "role"> },
): Promise<{ ok: false; code: "leaders_only" } | { ok: true; code: "listed"; rows: ParkedLine[] }> {
  if (!isLeader(input.member)) return { ok: false, code: "leaders_only" };
  const rows = await parkedForGroup(deps.db, input.group);
  const lines = rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    private: r.receiveIdType === "open_id",
    lastError: r.lastError,
  }));
  return { ok: true, code: "listed", rows: lines };
}

/** 重发 [编号…]: a leader puts the group's parked messages (all, or those numbered) back in the queue. */
export async function resendParked(
  deps: { db: Database },
  input: { group: Group; member: Pick<Member, "role">; ids: number[]; now: Date },
): Promise<{ ok: false; code: "leaders_only" } | { ok: true; code: "queued"; count: number; writes: Writes }> {
  if (!isLeader(input.member)) return { ok: false, code: "leaders_only" };
  const parked = await parkedForGroup(deps.db, input.group, 500);
  const chosen = input.ids.length ? parked.filter((r) => input.ids.includes(r.id)) : parked;
  const writes: Writes = chosen.length
    ? [
        retryWrites(
          deps.db,
          chosen.map((r) => r.id),
          input.now,
        ),
      ]
    : [];
  return { ok: true, code: "queued", count: chosen.length, writes };
}
