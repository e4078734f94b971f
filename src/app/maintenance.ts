import { and, eq, lt } from "drizzle-orm";
import type { Database } from "../db/database";
import { outbox, processedEvents } from "../db/schema";

/**
 * Lark retries a delivery for about 6 hours (15 s, 5 min, 1 h, 6 h); a week
 * of dedupe markers covers that with room to spare.
 */
export const DEDUPE_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** Sent messages are kept a while for "was it delivered?" questions, then dropped. */
export const SENT_RETENTION_MS = 30 * 24 * 3600 * 1000;

export async function pruneOldRows(db: Database, now: Date) {
  const [events, sent] = await db.batch([
    db.delete(processedEvents).where(lt(processedEvents.receivedAt, new Date(now.getTime() - DEDUPE_RETENTION_MS))),
    db
      .delete(outbox)
      .where(and(eq(outbox.status, "sent"), lt(outbox.sentAt, new Date(now.getTime() - SENT_RETENTION_MS)))),
  ]);
  return { events: events.rowsAffected, sent: sent.rowsAffected };
}
