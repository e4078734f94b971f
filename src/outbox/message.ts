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
  /**
   * A file message: what to render at delivery, not the bytes (see src/outbox/file.ts).
   * `text` is then what a channel without files shows.
   */
  file?: PendingFile;
}

/** A file the deliverer renders, uploads and sends; `source` says what to render. */
export interface PendingFile {
  name: string;
  source: FileSource;
}

/** What a file is made from; rendered again at delivery from the database. */
export type FileSource = { kind: "export"; platform: "lark" | "wechat"; tenantKey: string; period: string; at: string };

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
  const msgType = message.file ? "file" : interactive ? "interactive" : "text";
  const content = message.file ? { pending: message.file.source, file_name: message.file.name } : interactive ? message.card : { text: message.text };
  return db
    .insert(outbox)
    .values({
      key: message.key,
      receiveIdType: message.to.type,
      receiveId: message.to.id,
      paceKey: paceKeyOf(message.to),
      msgType,
      content: JSON.stringify(content),
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: outbox.key });
}
