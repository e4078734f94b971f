import { and, eq, isNull } from "drizzle-orm";
import { reminderCard, reminderLine } from "../../cards/reminder";
import { onLeave } from "../app/leaves";
import { displayName } from "../app/scores";
import type { Database } from "../db/database";
import { members, records, type Group } from "../db/schema";
import type { OutboundMessage } from "../outbox/message";

/**
 * 天记录 reminder: a private nudge to each member without a record today
 * (not those on leave), and one line to the group with the count.
 */
export async function dailyReminder(db: Database, group: Group, date: string): Promise<OutboundMessage[]> {
  const people = await db
    .select()
    .from(members)
    .where(and(eq(members.groupId, group.id), eq(members.active, true)));
  const done = new Set(
    (
      await db
        .select({ memberId: records.memberId })
        .from(records)
        .where(and(eq(records.groupId, group.id), eq(records.date, date), isNull(records.withdrawnAt)))
    ).map((r) => r.memberId),
  );
  const away = await onLeave(db, group.id, date);
  const expected = people.filter((p) => !away.has(p.id));
  const missing = expected.filter((p) => !done.has(p.id));
  if (!expected.length) return [];
  const nudges: OutboundMessage[] = missing.map((m) => ({
    key: `remind:${date}:${m.id}`,
    to: { type: "open_id", id: m.userId },
    ...reminderCard({ name: displayName(m), date, lang: "zh" }),
  }));
  const line = reminderLine({
    done: expected.length - missing.length,
    expected: expected.length,
    missing: missing.map((m) => ({ userId: m.userId, name: displayName(m) })),
    mention: group.settings.mentionMissing === true,
  });
  return [...nudges, { key: `remind:${date}:${group.id}`, to: { type: "chat_id", id: group.chatId }, text: line }];
}
