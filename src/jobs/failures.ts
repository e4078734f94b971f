import { and, eq, sql } from "drizzle-orm";
import { activeLeaders } from "../app/claims";
import { DATA_ERROR_TEXT, isDataError } from "../domain/data-error";
import type { Database } from "../db/database";
import { jobFailures, type Group, type JobFailure } from "../db/schema";
import type { DueJob, JobKind } from "../domain/schedule";
import type { OutboundMessage } from "../outbox/message";

/** After this many failed ticks in a row, the group's leaders hear about it (once). */
export const REPORT_AFTER_FAILURES = 3;

const JOB_LABELS: Record<JobKind, string> = {
  reminder: "每日记录提醒",
  "pending-digest": "待审批汇总",
  "monthly-review": "月度评议卡片",
  "monthly-ranking": "月度考核排名",
  "quarterly-report": "季度成绩单",
  "quarterly-targets": "季度目标完成情况通报",
  "annual-summary": "年度总结",
  "semester-report": "学期成绩单",
  finalize: "公示期满定稿",
};

/** A group's failing jobs, read once per run (or carried in a queue message). */
export async function failuresOf(db: Database, groupId?: string): Promise<JobFailure[]> {
  return db
    .select()
    .from(jobFailures)
    .where(groupId ? eq(jobFailures.groupId, groupId) : undefined);
}

/** The write that clears a job's failure count once it has succeeded. */
export function clearFailure(db: Database, group: Group, job: DueJob) {
  return db
    .delete(jobFailures)
    .where(and(eq(jobFailures.groupId, group.id), eq(jobFailures.kind, job.kind), eq(jobFailures.period, job.period)));
}

/** Counts one more failed tick of a job; returns the row as it now stands. */
export async function recordFailure(
  db: Database,
  group: Group,
  job: DueJob,
  error: unknown,
  now: Date,
): Promise<JobFailure> {
  const lastError = (isDataError(error) ? `data error: ${error.detail}` : String(error)).slice(0, 2000);
  const [row] = await db
    .insert(jobFailures)
    .values({
      groupId: group.id,
      kind: job.kind,
      period: job.period,
      failures: 1,
      lastError,
      firstAt: now,
      lastAt: now,
    })
    .onConflictDoUpdate({
      target: [jobFailures.groupId, jobFailures.kind, jobFailures.period],
      set: { failures: sql`${jobFailures.failures} + 1`, lastError, lastAt: now },
    })
    .returning();
  return row!;
}

/**
 * The private message to each active leader of the group once a job has failed
 * REPORT_AFTER_FAILURES ticks in a row: what failed, for which period, and what
 * to do. Keys name the group, job, period and leader: the outbox sends each once.
 */
export async function failureReport(
  db: Database,
  group: Group,
  failure: JobFailure,
  error: unknown,
): Promise<OutboundMessage[]> {
  if (failure.failures < REPORT_AFTER_FAILURES || failure.reportedAt) return [];
  const what = `「${group.name || "本群"}」的${JOB_LABELS[failure.kind as JobKind] ?? failure.kind}（${failure.period}）已连续 ${failure.failures} 次没有完成。`;
  const todo = isDataError(error)
    ? DATA_ERROR_TEXT.zh
    : "系统会在之后的每次定时任务中继续重试，成功后照常发出，不会重复；若到明天仍未收到，请联系管理员（日志里搜 job failed 和本群）。";
  return (await activeLeaders(db, group.id)).map((leader) => ({
    key: `jobfail:${failure.kind}:${failure.period}:${group.id}:${leader.userId}`,
    to: { type: "open_id" as const, id: leader.userId },
    text: `${what}${todo}`,
  }));
}

/** Marks a failure as reported, in the same batch as the report's messages. */
export function markReported(db: Database, failure: JobFailure, now: Date) {
  return db
    .update(jobFailures)
    .set({ reportedAt: now })
    .where(
      and(
        eq(jobFailures.groupId, failure.groupId),
        eq(jobFailures.kind, failure.kind),
        eq(jobFailures.period, failure.period),
      ),
    );
}
