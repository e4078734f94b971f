import { eq } from "drizzle-orm";
import { reviewMessages } from "./monthly-review";
import { reviewCards } from "../../cards/review";
import { schemeForMonth } from "../app/schemes";
import type { Logger } from "../bot/deps";
import type { BatchItem, Database } from "../db/database";
import { groups, type Group, type JobFailure } from "../db/schema";
import { isDataError } from "../domain/data-error";
import {
  clearFailure,
  failureReport,
  failuresOf,
  markReported,
  recordFailure,
  REPORT_AFTER_FAILURES,
} from "./failures";
import { dueJobs, type DueJob, type JobKind } from "../domain/schedule";
import type { OutboundMessage } from "../outbox/message";
import { queueFor } from "../outbox/queue";
import { groupCalendar } from "../app/leaves";
import { finalizeDue } from "../app/publications";
import { monthlyRanking, newRunCache, sourceFor, type RunCache } from "./monthly-ranking";
import { monthsOfQuarter, previousMonth, periodLabel } from "../domain/periods";
import { periodSource } from "../app/period-data";
import { annualSummary } from "./annual-summary";
import { pendingDigest } from "./pending-digest";
import { quarterlyReport } from "./quarterly-report";
import { quarterlyTargets } from "./quarterly-targets";
import { semesterReport } from "./semester-report";
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
  "quarterly-report": (deps, group, job, now, cache) =>
    quarterlyReport(deps.db, group, job.period, now, sourceFor(cache, group, ...monthsOfQuarter(job.period))),
  "quarterly-targets": (deps, group, job) => quarterlyTargets(deps.db, group, job.period),
  "annual-summary": (deps, group, job, now, cache) =>
    annualSummary(deps.db, group, job.period, now, sourceFor(cache, group, ...monthsOfYear(job.period))),
  "semester-report": (deps, group, job, now) => semesterReport(deps.db, group, job.period, now),
  finalize: async (deps, group, job, now) =>
    (await finalizeDue(deps.db, group, job.period, now)).map((p) => ({
      key: `final:${p.period}:${group.chatId}`,
      to: { type: "chat_id" as const, id: group.chatId },
      text: `${periodLabel(p.period, "zh")}考核结果公示期满，已定稿。此后的更改需由负责人更正并记录。`,
    })),
  "pending-digest": (deps, group, job) => pendingDigest(deps.db, group, job.period),
  "monthly-review": async (deps, group, job, now) => {
    const { scheme } = await schemeForMonth(deps.db, group, job.period, now);
    return (await reviewMessages(deps.db, group, job.period, scheme, reviewCards)).map((m) => ({
      key: m.key,
      to: m.to,
      ...m.rendered,
    }));
  },
};

const monthsOfYear = (year: string) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);

/** The months a job scores (the ranking compares with the month before). */
function monthsScored(job: DueJob): string[] {
  if (job.kind === "monthly-ranking") return [job.period, previousMonth(job.period)];
  if (job.kind === "quarterly-report") return monthsOfQuarter(job.period);
  if (job.kind === "annual-summary") return monthsOfYear(job.period);
  return [];
}

export interface JobRun {
  group: string;
  kind: JobKind;
  period: string;
  queued: number;
  /** Set when the job failed this time; the next tick tries again. */
  error?: string;
}

export interface GroupRunOptions {
  only?: JobKind;
  cache?: RunCache;
  /** The group's failing jobs as read before the run (one read for every group, or carried in a queue message). */
  failures?: readonly JobFailure[];
}

/** Queues messages (and any writes that go with them) in one batch; returns how many rows are new. */
async function queueAll(
  deps: JobDeps,
  group: Group,
  messages: OutboundMessage[],
  writes: BatchItem[],
): Promise<number> {
  // What the group is told unprompted: routed to its chat, linked WeChat rooms and contacts (src/outbox/queue.ts).
  const items = [...(await queueFor(deps.db, group, messages, deps.clock.now())), ...writes];
  if (!items.length) return 0;
  const results = await deps.db.batch(items as unknown as [BatchItem, ...BatchItem[]]);
  // Keys already queued by an earlier run insert nothing: count what is new.
  return (results as { rowsAffected?: number }[])
    .slice(0, items.length - writes.length)
    .reduce((n, r) => n + (r.rowsAffected ?? 0), 0);
}

/**
 * Runs the jobs due at `now` for one group, in its own time zone. A job that
 * fails is logged with the group and period, counted, and tried again on the
 * next tick; after REPORT_AFTER_FAILURES ticks in a row its leaders are told
 * once. One job's failure does not stop the group's other jobs.
 */
export async function runGroupJobs(
  deps: JobDeps,
  group: Group,
  now: Date,
  opts: GroupRunOptions = {},
): Promise<JobRun[]> {
  const runs: JobRun[] = [];
  const cache = opts.cache ?? newRunCache();
  const schedule = { timezone: group.timezone, reminderAt: group.settings.reminderAt };
  const due = dueJobs(now, schedule, groupCalendar(group)).filter(
    (job) => JOBS[job.kind] && (!opts.only || job.kind === opts.only),
  );
  const months = [...new Set(due.flatMap(monthsScored))].sort();
  if (months.length && !cache.sources.has(group.id))
    cache.sources.set(group.id, { months: new Set(months), source: periodSource(deps.db, [group], months, now) });
  for (const job of due) {
    const run = JOBS[job.kind]!;
    const failing = opts.failures?.some(
      (f) => f.groupId === group.id && f.kind === job.kind && f.period === job.period,
    );
    try {
      const messages = await run(deps, group, job, now, cache);
      const queued = await queueAll(
        deps,
        group,
        messages,
        failing ? [clearFailure(deps.db, group, job) as unknown as BatchItem] : [],
      );
      runs.push({ group: group.id, kind: job.kind, period: job.period, queued });
    } catch (error) {
      runs.push({ group: group.id, kind: job.kind, period: job.period, queued: 0, error: String(error) });
      await reportFailure(deps, group, job, error, now).catch((e) =>
        deps.log.error("job failure not recorded", {
          group: group.id,
          kind: job.kind,
          period: job.period,
          error: String(e),
        }),
      );
    }
  }
  return runs;
}

async function reportFailure(deps: JobDeps, group: Group, job: DueJob, error: unknown, now: Date): Promise<void> {
  const where = { group: group.id, kind: job.kind, period: job.period };
  if (isDataError(error)) deps.log.error("data error", { ...where, during: "job", ...error.fields });
  else deps.log.error("job failed", { ...where, error: String(error) });
  const failure = await recordFailure(deps.db, group, job, error, deps.clock.now());
  const report = await failureReport(deps.db, group, failure, error);
  if (failure.failures >= REPORT_AFTER_FAILURES && !failure.reportedAt) {
    if (!report.length)
      deps.log.warn("job failing and the group has no leader to tell", { ...where, failures: failure.failures });
    await queueAll(deps, group, report, [markReported(deps.db, failure, deps.clock.now()) as unknown as BatchItem]);
  }
}

/** The active groups, for a run over all of them. */
export function activeGroups(db: Database): Promise<Group[]> {
  return db.select().from(groups).where(eq(groups.active, true));
}

/**
 * Runs every job due at `now` for every active group, in the group's own time
 * zone (Node's in-process loop, the WeChat bridge, the admin route). Each
 * message carries an idempotency key derived from its period, and the outbox
 * ignores keys it already holds: a second run, a catch-up after an outage or
 * two ticks at once send nothing twice. On Workers the cron tick fans the
 * groups out through a queue instead (src/jobs/fan-out.ts).
 */
export async function runDueJobs(deps: JobDeps, now: Date, only?: JobKind): Promise<JobRun[]> {
  const runs: JobRun[] = [];
  const cache = newRunCache();
  const failures = await failuresOf(deps.db);
  for (const group of await activeGroups(deps.db))
    runs.push(...(await runGroupJobs(deps, group, now, { only, cache, failures })));
  return runs;
}
