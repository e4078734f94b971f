import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../db/database";
import { members, outbox } from "../db/schema";
import { enqueue, type SubjectKey } from "../outbox/message";
import { isLeader } from "./authority";

/** What the welcome card says once the members are read. */
export interface WelcomeFacts {
  members: number;
  leaders: string[];
}

/** Lark lets a sent card be updated for 14 days (then 230031): an older welcome is left as it is. */
const CARD_UPDATE_WINDOW_MS = 14 * 86_400_000;

/** The outbox key of a group's welcome card; the chat id in it lets a later member read find the card. */
export const welcomeKey = (chatId: string, eventId: string): SubjectKey => ({
  key: `welcome:${chatId}:${eventId}`,
  subject: { kind: "welcome", id: chatId },
});

/** Who is in the group now: the active members and the leaders' names, for the welcome card. */
export async function welcomeFacts(db: Database, groupId: string): Promise<WelcomeFacts> {
  const rows = await db
    .select({ name: members.name, role: members.role, active: members.active })
    .from(members)
    .where(eq(members.groupId, groupId));
  const active = rows.filter((r) => r.active);
  return { members: active.length, leaders: active.filter((r) => isLeader(r) && r.name).map((r) => r.name) };
}

/**
 * Brings the group's latest welcome card up to date once its members are read:
 * a card still queued gets the new content before it goes out; a card already
 * sent is updated in place (PATCH, through the outbox like every other
 * message). Nothing is queued when the card already says the same.
 */
export async function refreshWelcome(
  db: Database,
  chatId: string,
  message: { card: object; text: string },
  now: Date,
): Promise<"queued" | "updated" | "unchanged" | "none"> {
  const content = JSON.stringify(message.card);
  const rows = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.subjectKind, "welcome"), eq(outbox.subjectId, chatId), eq(outbox.channel, "lark")))
    .orderBy(desc(outbox.id))
    .limit(20);
  const original = rows.find((r) => r.receiveIdType === "chat_id");
  if (!original) return "none";
  // The newest of the card and its updates is what the group sees (or will see).
  const latest = rows.find((r) => r.id >= original.id && (r.id === original.id || r.receiveIdType === "update"));
  if (latest?.content === content) return "unchanged";
  if (original.status === "pending") {
    const changed = await db
      .update(outbox)
      .set({ content })
      .where(and(eq(outbox.id, original.id), eq(outbox.status, "pending")));
    if (changed.rowsAffected > 0) return "queued";
    // A drainer took it meanwhile: read its state again below.
    return refreshWelcome(db, chatId, message, now);
  }
  // Being sent right now (another drain holds it) or parked: no message id to update. The card then
  // keeps "reading the members"; the next member read (a newcomer's first message) updates it.
  if (original.status !== "sent" || !original.sentMessageId || !original.sentAt) return "none";
  if (now.getTime() - original.sentAt.getTime() > CARD_UPDATE_WINDOW_MS) return "none";
  await enqueue(
    db,
    {
      key: `${original.key}:members:${now.getTime()}`,
      subject: { kind: "welcome", id: chatId },
      to: { type: "update", id: original.sentMessageId },
      card: message.card,
      text: message.text,
    },
    now,
  );
  return "updated";
}
