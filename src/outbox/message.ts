import { outbox } from "../db/schema";
import type { Database } from "../db/database";

/** What a use case asks to send: a card (with its plain-text rendering) or text. */
export interface OutboundMessage {
  /** Idempotency key: the same key is stored and sent once. */
  key: string;
  /** A reply names the chat it lands in, for per-chat pacing. */
  to: { type: "chat_id" | "open_id"; id: string } | { type: "reply"; id: string; chatId: string };
  card?: object;
  text: string;
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
      paceKey: message.to.type === "open_id" ? `user:${message.to.id}` : `chat:${message.to.type === "reply" ? message.to.chatId : message.to.id}`,
      msgType: interactive ? "interactive" : "text",
      content: JSON.stringify(interactive ? message.card : { text: message.text }),
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: outbox.key });
}
