import { eq } from "drizzle-orm";
import { reviewMessages } from "../app/reviews";
import { schemeForMonth } from "../app/schemes";
import type { Logger } from "../bot/deps";
import type { BatchItem, Database } from "../db/database";
import { groups, type Group } from "../db/schema";
import { dueJobs, type DueJob, type JobKind } from "../domain/schedule";
import { enqueueRows, type Channel, type OutboundMessage } from "../outbox/message";
import { linkedContacts, linkedRooms } from "../app/links";
import { quarterLabel } from "../../cards/report-card";
import { groupCalendar } from "../app/leaves";
import { finalizeDue } from "../app/publications";
import { monthlyRanking, newRunCache, type RunCache } from "./monthly-ranking";
import { annualSummary } from "./annual-summary";
import { pendingDigest } from "./pending-digest";
import { quarterlyReport } from "./quarterly-report";
import { dailyReminder } from "./reminder";

export interface JobDeps {
  db: Database;
  /** Messages are queued at the real time even when a job runs "as of" another. */
  clock: { now(): Date };
  log: Logger;
}

type Job = (deps: JobDeps, group: Group, job: DueJob, now: Date, cache: RunCache) => Promise<OutboundMessage[]>;

/** The jobs this build runs; a due kind without an entry here is skipped. */
const JOBS: Partial<Record<JobKind, Job>> = {
  reminder: (deps, group, job) => dailyReminder(deps.db, group, job.period),
  "monthly-ranking": (deps, group, job, now, cache) => monthlyRanking(deps.db, group, job.period, now, cache),
  "quarterly-report": (deps, group, job, now) => quarterlyReport(deps.db, group, job.period, now),
  "annual-summary": (deps, group, job, now) => annualSummary(deps.db, group, job.period, now),
  finalize: async (deps, group, job, now) =>
    (await finalizeDue(deps.db, group, job.period, now)).map((p) => ({
      key: `final:${p.period}:${group.chatId}`,
      to: { type: "chat_id" as const, id: group.chatId },
      text: `${quarterLabel(p.period, "zh")}考核结果公示期满，已定稿。此后的更改需由负责人更正并记录。`,
    })),
  "pending-digest": (deps, group, job) => pendingDigest(deps.db, group, job.period),
  "monthly-review": async (deps, group, job, now) => {
    const { scheme } = await schemeForMonth(deps.db, group, job.period, now);
    return (await reviewMessages(deps.db, group, job.period, scheme)).map((m) => ({ key: m.key, to: m.to, ...m.rendered }));
  },
};

/**
 * 绑定: where a job's messages go. A group served by WeChat rooms (linked
 * rooms) speaks to its members where they are: someone who linked their own
 * WeChat hears personal messages (own place, report card, reminders) on
 * WeChat instead of Lark, under the same key, so once; what is said to the
 * group's chat goes to each linked room too. Everyone else, and every group
 * without a linked room, stays on the group's own platform.
 */
async function toChannels(db: Database, group: Group, messages: OutboundMessage[]): Promise<{ message: OutboundMessage; channel: Channel }[]> {
  const own = messages.map((message) => ({ message, channel: group.platform as Channel }));
  if (group.platform === "wechat" || !messages.length) return own;
  const rooms = await linkedRooms(db, group.id);
  if (!rooms.length) return own;
  const contacts = messages.some((m) => m.to.type === "open_id") ? await linkedContacts(db, group.id) : new Map<string, string>();
  const personal = own.map(({ message, channel }) => {
    const contact = message.to.type === "open_id" ? contacts.get(message.to.id) : undefined;
    return contact ? { message: { ...message, to: { type: "open_id" as const, id: contact } }, channel: "wechat" as const } : { message, channel };
  });
  const toRooms = messages
    .filter((m) => m.to.type === "chat_id" && m.to.id === group.chatId)
    .flatMap((m) => rooms.map((room) => ({ message: { ...m, key: `${m.key}:wx:${room}`, to: { type: "chat_id" as const, id: room } }, channel: "wechat" as const })));
  return [...personal, ...toRooms];
}

export interface JobRun {
  group: string;
  kind: JobKind;
  period: string;
  queued: number;
}

/**
 * Runs every job due at `now` for every active group, in the group's own time
 * zone. Each message carries an idempotency key derived from its period, and
 * the outbox ignores keys it already holds: a second run, a catch-up after an
 * outage or two cron ticks at once send nothing twice.
 */
export async function runDueJobs(deps: JobDeps, now: Date, only?: JobKind): Promise<JobRun[]> {
  const runs: JobRun[] = [];
  const cache = newRunCache();
  for (const group of await deps.db.select().from(groups).where(eq(groups.active, true))) {
    const schedule = { timezone: group.timezone, reminderAt: group.settings.reminderAt };
    for (const job of dueJobs(now, schedule, groupCalendar(group))) {
      const run = JOBS[job.kind];
      if (!run || (only && job.kind !== only)) continue;
      try {
        const messages = await run(deps, group, job, now, cache);
        const queue = await toChannels(deps.db, group, messages);
        const results = queue.length
          ? await deps.db.batch(queue.flatMap((q) => enqueueRows(deps.db, q.message, deps.clock.now(), q.channel)) as unknown as [BatchItem, ...BatchItem[]])
          : [];
        // Keys already queued by an earlier run insert nothing: count what is new.
        const queued = (results as { rowsAffected?: number }[]).reduce((n, r) => n + (r.rowsAffected ?? 0), 0);
        runs.push({ group: group.id, kind: job.kind, period: job.period, queued });
      } catch (error) {
        // One group's failure must not stop the others; the next tick tries again.
        deps.log.error("job failed", { group: group.id, kind: job.kind, period: job.period, error: String(error) });
      }
    }
  }
  return runs;
}
