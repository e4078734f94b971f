import { outbox } from "../db/schema";
import type { Database } from "../db/database";

/** What a use case asks to send: a card (with its plain-text rendering) or text. */
export interface OutboundMessage {
  /** Idempotency key: the same key is stored and sent once. */
  key: string;
  to: { type: "chat_id" | "open_id" | "reply"; id: string };
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
      msgType: interactive ? "interactive" : "text",
      content: JSON.stringify(interactive ? message.card : { text: message.text }),
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: outbox.key });
}
