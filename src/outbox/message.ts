import { sql } from "drizzle-orm";
import { outbox, type OutboxRow } from "../db/schema";
import type { Database } from "../db/database";
import { preparedWrite } from "../db/prepared";

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
  /**
   * An image version of the message (ranking, report card) for channels that
   * send pictures (WeChat): queued just before the text, rendered when sent.
   */
  image?: ImageSpec;
  /** What the message is about, when it must be found again (src/db/schema.ts `outbox.subjectKind`). */
  subject?: MessageSubject;
}

/** A message found again later by what it is about, not by its key: a claim's approval copies, a welcome card. */
export interface MessageSubject {
  kind: "approval" | "welcome";
  id: string;
}

/** A key with what the message is about: a use case names both where it builds the key. */
export interface SubjectKey {
  key: string;
  subject: MessageSubject;
}

/** A file the deliverer renders, uploads and sends; `source` says what to render. */
export interface PendingFile {
  name: string;
  source: FileSource;
}

/** What a file is made from; rendered again at delivery from the database. */
export type FileSource = { kind: "export"; platform: "lark" | "wechat"; tenantKey: string; period: string; at: string };

/** What to draw; the WeChat sender renders it to PNG at send time (slow work stays out of requests). */
export type ImageSpec = { kind: "ranking"; model: RankingImageModel } | { kind: "report"; model: ReportImageModel };

export interface RankingImageModel {
  title: string;
  subtitle: string;
  rows: { rank: number; name: string; total: number; grade: string; movement: number | null }[];
  footer?: string;
}

export interface ReportImageModel {
  title: string;
  subtitle: string;
  /** Label/value lines at the top (总分, 等次, 排名…). */
  facts: [string, string][];
  /** One row per dimension. */
  rows: { name: string; score: string; max: string }[];
  /** Monthly totals, oldest first, for the trend chart. */
  trend: { label: string; value: number }[];
  footer?: string;
}

export type Channel = "lark" | "wechat";

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

/**
 * The inserts that queue a message; they run in the same batch as the state
 * change they report. On Lark one row (the card, text, or a file to render at
 * delivery); on WeChat the text rendering (cards and file messages do not exist
 * there), preceded by the image when there is one. WeChat has no threaded
 * replies: a reply is a message to the chat it answers.
 */
export function enqueueRows(db: Database, message: OutboundMessage, now: Date, channel: Channel = "lark") {
  return outboxRows(message, now, channel).map((values) =>
    db.insert(outbox).values(values).onConflictDoNothing({ target: outbox.key }),
  );
}

/** The values of one outbox row, as `enqueueRows` inserts them. */
type QueuedRow = Required<
  Pick<
    typeof outbox.$inferInsert,
    | "key"
    | "channel"
    | "receiveIdType"
    | "receiveId"
    | "paceKey"
    | "msgType"
    | "content"
    | "nextAttemptAt"
    | "subjectKind"
    | "subjectId"
    | "createdAt"
  >
>;

const insertQueued = preparedWrite<QueuedRow>((db) =>
  db
    .insert(outbox)
    .values({
      key: sql.placeholder("key"),
      channel: sql.placeholder("channel"),
      receiveIdType: sql.placeholder("receiveIdType"),
      receiveId: sql.placeholder("receiveId"),
      paceKey: sql.placeholder("paceKey"),
      msgType: sql.placeholder("msgType"),
      content: sql.placeholder("content"),
      nextAttemptAt: sql.placeholder("nextAttemptAt"),
      subjectKind: sql.placeholder("subjectKind"),
      subjectId: sql.placeholder("subjectId"),
      createdAt: sql.placeholder("createdAt"),
    })
    .onConflictDoNothing({ target: outbox.key })
    .prepare(),
);

/**
 * The same rows as `enqueueRows`, as prepared writes (src/db/prepared.ts) for a commit batch: every
 * answer the bot gives is queued through here (src/outbox/queue.ts), and building the insert anew
 * cost more than running it. Only for `db.batch`; `enqueueRows` gives awaitable builders.
 */
export function queuedRows(db: Database, message: OutboundMessage, now: Date, channel: Channel = "lark") {
  return outboxRows(message, now, channel).map((values) => insertQueued(db, values));
}

/** What `enqueueRows` and `queuedRows` insert for one message. */
function outboxRows(message: OutboundMessage, now: Date, channel: Channel): QueuedRow[] {
  const to =
    channel === "wechat" && message.to.type === "reply"
      ? { type: "chat_id" as const, id: message.to.chatId }
      : message.to;
  const row = (key: string, msgType: OutboxRow["msgType"], content: unknown): QueuedRow => ({
    key,
    channel,
    receiveIdType: to.type,
    receiveId: to.id,
    paceKey: paceKeyOf(to),
    msgType,
    content: JSON.stringify(content),
    nextAttemptAt: now,
    subjectKind: message.subject?.kind ?? null,
    subjectId: message.subject?.id ?? null,
    createdAt: now,
  });
  if (channel === "lark") {
    if (message.file) return [row(message.key, "file", { pending: message.file.source, file_name: message.file.name })];
    const interactive = message.card !== undefined;
    return [
      row(message.key, interactive ? "interactive" : "text", interactive ? message.card : { text: message.text }),
    ];
  }
  const text = row(message.key, "text", { text: message.text });
  return message.image ? [row(`${message.key}:image`, "image", message.image), text] : [text];
}

/** The one insert that queues a message on Lark (a card, text or file). */
export function enqueue(db: Database, message: OutboundMessage, now: Date) {
  return enqueueRows(db, message, now, "lark")[0]!;
}
