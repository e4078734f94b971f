import { and, asc, eq, gt, inArray, lte, or, sql } from "drizzle-orm";
import type { Database } from "../db/database";
import { groups, jobFailures, outbox, type Group, type JobFailure } from "../db/schema";
import { newRunCache } from "./monthly-ranking";
import { runGroupJobs, type JobDeps, type JobRun } from "./run";

/**
 * Past one invocation: on Workers the cron tick does not run every group's
 * jobs itself (about 30 database round trips per group on the 1st). It pages
 * through the active groups and puts one message per group on the jobs
 * queue; each consumer invocation runs one group's jobs and asks the delivery
 * queue for as many bounded drains as it queued messages. Every invocation
 * does a bounded amount of work whatever the number of groups: the tick pages
 * at most PAGES_PER_INVOCATION pages and hands the rest on as a message.
 */

/** Groups read (and job messages sent, one sendBatch) per page; a sendBatch takes at most 100. */
export const GROUPS_PER_PAGE = 100;
/** Pages one invocation fans out before handing the rest on: 3 subrequests a page. */
export const PAGES_PER_INVOCATION = 10;
/** Messages one delivery invocation sends: about 4 subrequests each (claim, pacer, send, mark sent). */
export const MESSAGES_PER_DRAIN = 10;

export type JobMessage =
  /** Fan out the active groups after `after` (by id), as of `at`. */
  | { kind: "fan-out"; at: string; after?: string }
  /** Run one group's jobs due at `at`; its failing jobs ride along so the consumer need not read them. */
  | { kind: "group"; at: string; group: Group; failures: JobFailure[] };

/** A bounded drain of the outbox: the tokens are interchangeable. */
export type DeliverMessage = { kind: "deliver" };

/** The two queues, as the Worker's bindings (or anything with sendBatch) provide them. */
export interface WorkQueues {
  jobs: { sendBatch(messages: { body: JobMessage }[]): Promise<unknown> };
  deliver: { sendBatch(messages: { body: DeliverMessage }[]): Promise<unknown> };
}

/** One page of the active groups after a cursor, with their failing jobs: two round trips. */
async function page(db: Database, after: string | undefined): Promise<{ list: Group[]; failures: JobFailure[] }> {
  const list = await db
    .select()
    .from(groups)
    .where(after ? and(eq(groups.active, true), gt(groups.id, after)) : eq(groups.active, true))
    .orderBy(asc(groups.id))
    .limit(GROUPS_PER_PAGE);
  const failures = list.length
    ? await db
        .select()
        .from(jobFailures)
        .where(
          inArray(
            jobFailures.groupId,
            list.map((g) => g.id),
          ),
        )
    : [];
  return { list, failures };
}

/**
 * Fans out up to PAGES_PER_INVOCATION pages of groups from `after`; when more
 * remain, one "fan-out" message carries the cursor to the next invocation.
 * Returns how many group messages were sent.
 */
export async function fanOut(db: Database, queues: WorkQueues, at: Date, after?: string): Promise<number> {
  let sent = 0;
  let cursor = after;
  for (let p = 0; p < PAGES_PER_INVOCATION; p++) {
    const { list, failures } = await page(db, cursor);
    if (!list.length) return sent;
    await queues.jobs.sendBatch(
      list.map((group) => ({
        body: { kind: "group", at: at.toISOString(), group, failures: failures.filter((f) => f.groupId === group.id) },
      })),
    );
    sent += list.length;
    cursor = list.at(-1)!.id;
    if (list.length < GROUPS_PER_PAGE) return sent;
  }
  await queues.jobs.sendBatch([{ body: { kind: "fan-out", at: at.toISOString(), after: cursor } }]);
  return sent;
}

/** Asks for enough bounded drains to send `messages` messages (at most 100 tokens per call). */
export async function requestDrains(queues: WorkQueues, messages: number): Promise<void> {
  const tokens = Math.min(100, Math.ceil(messages / MESSAGES_PER_DRAIN));
  if (tokens > 0)
    await queues.deliver.sendBatch(Array.from({ length: tokens }, () => ({ body: { kind: "deliver" as const } })));
}

/** How many messages are due for sending now (retries whose time has come included): one round trip. */
export async function dueCount(db: Database, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(outbox)
    .where(
      or(
        and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)),
        and(eq(outbox.status, "sending"), lte(outbox.leaseUntil, now)),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Subrequests one send may take: claim, pacer, send, mark sent. */
export const SUBREQUESTS_PER_SEND = 4;

/** What a consumer invocation can still afford (the Worker's meter), and a bounded drain. */
export interface InvocationBudget {
  remaining(): number;
  drain(limit: number): Promise<{ sent: number; retried: number; parked: number }>;
}

/**
 * A "group" message: that group's due jobs. What they queued is sent in the
 * same invocation as far as its subrequest budget goes (a group's ranking is
 * usually a handful of messages: one invocation instead of two); drains are
 * requested for the rest.
 */
export async function runJobMessage(
  deps: JobDeps,
  queues: WorkQueues,
  message: Extract<JobMessage, { kind: "group" }>,
  budget?: InvocationBudget,
): Promise<JobRun[]> {
  const runs = await runGroupJobs(deps, message.group, new Date(message.at), {
    cache: newRunCache(),
    failures: message.failures,
  });
  let queued = runs.reduce((n, r) => n + r.queued, 0);
  // Keep 3 back: the drain's read, a token fetch, and the sendBatch for what is left.
  const affordable = budget
    ? Math.min(MESSAGES_PER_DRAIN, Math.floor((budget.remaining() - 3) / SUBREQUESTS_PER_SEND))
    : 0;
  if (queued > 0 && affordable > 0) {
    const done = await budget!.drain(affordable);
    queued = done.sent + done.retried + done.parked < affordable ? 0 : Math.max(1, queued - affordable);
  }
  await requestDrains(queues, queued);
  return runs;
}
