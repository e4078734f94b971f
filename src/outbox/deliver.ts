import { and, asc, eq, gt, gte, lt, lte, ne, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Database } from "../db/database";
import { outbox, type OutboxRow } from "../db/schema";
import { parkedFileNotice, resolveFile, type FileRenderer } from "./file";
import type { Channel } from "./message";
import type { Pacer, Slot } from "./pacer";
import type { MessageSender, SendResult } from "./sender";

export interface DeliverOptions {
  /** Rows read per round; a drain reads rounds until nothing due is left. */
  batchSize?: number;
  /** Targets sent to at the same time (each target's messages stay in order). */
  concurrency?: number;
  /** After this many failed attempts a message is parked for a person to look at. */
  maxAttempts?: number;
  /** How long a claimed row stays ours before another drainer may take it over. */
  leaseMs?: number;
  now?: () => number;
  random?: () => number;
  /** Keeps sends within the platform's rate limits; without one, sends go out back to back. */
  pacer?: Pacer;
  /** Stops between messages (shutdown): what is left stays queued for the next run. */
  signal?: AbortSignal;
  /** Renders the files of `file` messages (exports); without it they are parked. */
  files?: FileRenderer;
  /** The channel this drainer sends on (default lark): each channel's process drains its own rows. */
  channel?: Channel;
  /**
   * Read one batch only (at most `batchSize` sends, no files), for a Worker invocation's
   * subrequest budget (src/jobs/fan-out.ts); by default a drain reads batches until nothing is due.
   */
  once?: boolean;
  /**
   * How long the channel drops a repeated send of the same key (Lark's `uuid`: one hour; default
   * for lark). A row first tried longer ago than this is not sent again blindly (see deliver()).
   */
  dedupeWindowMs?: number;
}

export interface DrainResult {
  sent: number;
  retried: number;
  parked: number;
}

const DEFAULTS = { batchSize: 200, concurrency: 8, maxAttempts: 8, leaseMs: 60_000 };

/** im/v1/message/create: "持有相同 uuid 的请求，在 1 小时内至多成功发送一条消息". */
export const LARK_UUID_WINDOW_MS = 60 * 60 * 1000;
/** Our clock against Lark's, and the pacer's wait between the check and the request. */
const WINDOW_MARGIN_MS = 5 * 60 * 1000;

function windowNote(firstAttemptAt: Date): string {
  return `可能已送达，未自动重发：首次发送于 ${firstAttemptAt.toISOString()}，已超过飞书 uuid 去重的 1 小时，再发可能重复。确认对方没收到再用「重发」。(first attempt over 1 h ago; Lark no longer dedupes the uuid)`;
}

/** Exponential backoff with full jitter: 1 s, 2 s, 4 s … capped at 10 minutes. */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(600_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function due(now: number, channel: Channel) {
  return and(
    eq(outbox.channel, channel),
    or(
      and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, new Date(now))),
      // A sender that died mid-send left its claim; once the lease lapses it is ours.
      and(eq(outbox.status, "sending"), lt(outbox.leaseUntil, new Date(now))),
    ),
  );
}

const earlier = alias(outbox, "earlier");

/**
 * Messages to one target keep their order across drains: a row waits while an
 * earlier row of its target is backing off (a retry not yet due) or is being
 * sent by another drainer. A parked row no longer holds its target up.
 */
function notBehindEarlier(db: Database, now: number) {
  return notExists(
    db
      .select({ one: sql`1` })
      .from(earlier)
      .where(
        and(
          eq(earlier.channel, outbox.channel),
          eq(earlier.paceKey, outbox.paceKey),
          lt(earlier.id, outbox.id),
          or(
            and(eq(earlier.status, "pending"), gt(earlier.nextAttemptAt, new Date(now))),
            and(eq(earlier.status, "sending"), gte(earlier.leaseUntil, new Date(now))),
          ),
        ),
      ),
  );
}

/** Claims one row; false when another drainer got there first. The first claim dates the first attempt. */
async function claim(db: Database, row: OutboxRow, now: number, leaseMs: number): Promise<boolean> {
  const result = await db
    .update(outbox)
    .set({
      status: "sending",
      leaseUntil: new Date(now + leaseMs),
      firstAttemptAt: sql`coalesce(${outbox.firstAttemptAt}, ${now})`,
    })
    .where(and(eq(outbox.id, row.id), due(now, row.channel)));
  return result.rowsAffected === 1;
}

/** Rows of one target (chat or user), oldest first: they go out in order, one at a time. */
function partitionByTarget(rows: OutboxRow[]): OutboxRow[][] {
  const byTarget = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const key = row.paceKey ?? `row:${row.id}`;
    const list = byTarget.get(key);
    if (list) list.push(row);
    else byTarget.set(key, [row]);
  }
  return [...byTarget.values()];
}

/**
 * Sends what is due. Safe to run from several places at once (a request's
 * waitUntil, a cron tick, the Node loop): each row is claimed with a
 * conditional update before it is sent, and the key goes to Lark as `uuid`,
 * so a send retried after a crash is still delivered once.
 *
 * Messages to one chat or person go out in order, one at a time; different
 * targets are sent `concurrency` at a time, all under the pacer's app-wide
 * limits. It keeps taking batches until nothing due is left.
 */
export async function drainOutbox(
  db: Database,
  sender: MessageSender,
  options: DeliverOptions = {},
): Promise<DrainResult> {
  const o = { ...DEFAULTS, ...options };
  const now = o.now ?? Date.now;
  const random = o.random ?? Math.random;
  const channel = o.channel ?? "lark";
  const dedupeWindowMs = o.dedupeWindowMs ?? (channel === "lark" ? LARK_UUID_WINDOW_MS : undefined);
  const result: DrainResult = { sent: 0, retried: 0, parked: 0 };

  /**
   * A row tried before, longer ago than the channel's dedupe window: an earlier attempt may have
   * landed (a timeout, a crash mid-send) and a resend would no longer be dropped as a duplicate.
   * It is parked with a note for a leader's 重发 rather than risking a second copy. Card updates
   * (PATCH) are idempotent by nature and exempt.
   */
  function pastWindow(row: OutboxRow, at: number): boolean {
    if (dedupeWindowMs === undefined || row.receiveIdType === "update" || !row.firstAttemptAt) return false;
    return at - row.firstAttemptAt.getTime() >= dedupeWindowMs - WINDOW_MARGIN_MS;
  }

  /** Sends one row; true when its target's next row may follow (it was sent, or parked for good). */
  async function deliver(row: OutboxRow): Promise<boolean> {
    if (!(await claim(db, row, now(), o.leaseMs))) return false;
    if (pastWindow(row, now())) {
      await db
        .update(outbox)
        .set({ status: "parked", leaseUntil: null, lastError: windowNote(row.firstAttemptAt!) })
        .where(eq(outbox.id, row.id));
      result.parked++;
      return true;
    }
    let slot: Slot | undefined;
    try {
      slot = await o.pacer?.take(row.paceKey);
    } catch (error) {
      // Shutdown while waiting for a slot: the row goes back to the queue untouched.
      if (!o.signal?.aborted) throw error;
      await db.update(outbox).set({ status: "pending", leaseUntil: null }).where(eq(outbox.id, row.id));
      return false;
    }
    let sent: SendResult;
    try {
      const file = row.msgType === "file" ? await resolveFile(db, row, sender, o.files, now()) : undefined;
      if (file && !file.ok) {
        slot?.release(); // no message was sent
        sent = file;
      } else {
        sent = await sender.send({
          key: row.key,
          receiveIdType: row.receiveIdType,
          receiveId: row.receiveId,
          msgType: row.msgType,
          content: file?.content ?? row.content,
        });
      }
    } finally {
      slot?.answered(); // also when it threw: the request may have reached Lark
    }
    if (!sent.ok && sent.inFlight) {
      // Lark is still sending our earlier attempt (230049): not a failure, so no attempt is spent;
      // the uuid window bounds how long this can go on.
      await db
        .update(outbox)
        .set({
          status: "pending",
          nextAttemptAt: new Date(now() + (sent.retryAfterMs ?? 1000)),
          leaseUntil: null,
          lastError: sent.error,
        })
        .where(eq(outbox.id, row.id));
      result.retried++;
      return false;
    }
    const attempts = row.attempts + 1;
    if (sent.ok) {
      await db
        .update(outbox)
        .set({
          status: "sent",
          attempts,
          sentMessageId: sent.messageId,
          sentAt: new Date(now()),
          leaseUntil: null,
          lastError: null,
        })
        .where(eq(outbox.id, row.id));
      result.sent++;
      return true;
    }
    if (sent.retry && attempts < o.maxAttempts) {
      if (sent.rateLimited) slot?.release(); // Lark did not count it
      const wait = Math.max(sent.retryAfterMs ?? 0, backoffMs(attempts, random));
      await db
        .update(outbox)
        .set({
          status: "pending",
          attempts,
          nextAttemptAt: new Date(now() + wait),
          leaseUntil: null,
          lastError: sent.error,
        })
        .where(eq(outbox.id, row.id));
      result.retried++;
      return false;
    }
    await db.batch([
      db
        .update(outbox)
        .set({ status: "parked", attempts, leaseUntil: null, lastError: sent.error })
        .where(eq(outbox.id, row.id)),
      ...parkedFileNotice(db, row, sent.error, new Date(now())),
    ]);
    result.parked++;
    return true;
  }

  let prepared = false;
  for (;;) {
    // A bounded drain leaves files (exports: the whole organisation read and rendered) to full drains.
    const kinds = o.once ? ne(outbox.msgType, "file") : undefined;
    const rows = await db
      .select()
      .from(outbox)
      .where(and(due(now(), channel), notBehindEarlier(db, now()), kinds))
      .orderBy(asc(outbox.id))
      .limit(o.batchSize);
    if (rows.length && !prepared) {
      prepared = true;
      await sender.prepare?.().catch(() => undefined); // a failure here shows up, and is handled, on the sends
    }
    const done = result.sent + result.parked;
    const queue = partitionByTarget(rows);
    const worker = async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        for (const row of part) {
          if (o.signal?.aborted) return;
          // A row that must be retried, or that another drainer is sending, holds back the rest of
          // its target: they follow it, in order (this drainer or that one takes them next).
          if (!(await deliver(row))) break;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, queue.length) }, worker));
    // Another batch while this one moved something: what waited behind a sent row is due now.
    if (o.once || o.signal?.aborted || (rows.length < o.batchSize && result.sent + result.parked === done))
      return result;
  }
}

/** How many messages wait to be sent (for health output and tests), on every channel or one. */
export async function pendingCount(db: Database, channel?: Channel): Promise<number> {
  const waiting = or(eq(outbox.status, "pending"), eq(outbox.status, "sending"));
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(outbox)
    .where(channel ? and(eq(outbox.channel, channel), waiting) : waiting);
  return Number(row?.n ?? 0);
}
