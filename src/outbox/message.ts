import { outbox } from "../db/schema";
import type { Database } from "../db/database";

/** What a use case asks to send: a card (with its plain-text rendering) or text. */
export interface OutboundMessage {
  /** Idempotency key: the same key is stored and sent once. */
  key: string;
  /**
   * A reply names the chat it lands in, for per-chat pacing; an update replaces
   * the content of a card message the bot sent (id = that message's id).
   */
  to: { type: "chat_id" | "open_id" | "update"; id: string } | { type: "reply"; id: string; chatId: string };
  card?: object;
  text: string;
}

/** Whose rate limit a message counts against: a chat, a person, or (updates) the message itself. */
function paceKeyOf(to: OutboundMessage["to"]): string {
  switch (to.type) {
    case "open_id":
      return `user:${to.id}`;
    case "reply":
      return `chat:${to.chatId}`;
    case "update":
      return `msg:${to.id}`;
    default:
      return `chat:${to.id}`;
  }
}

/** The insert that queues a message; runs in the same batch as the state change it reports. */
export function enqueue(db: Database, message: OutboundMessage, now: Date) {
  const interactive = message.card !== undefined;
  return db
    .insert(outbox)
    .values({
      key: message.key,
      receiveIdType: message.to.type,
      receiveId: message.to.id,
      paceKey: paceKeyOf(message.to),
      msgType: interactive ? "interactive" : "text",
      content: JSON.stringify(interactive ? message.card : { text: message.text }),
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: outbox.key });
}
