import type { BatchItem, Database } from "../db/database";
import type { Group } from "../db/schema";
import { periodKind } from "../domain/periods";
import type { Work } from "../bot/work";
import { queueFor } from "../outbox/queue";
import { annualSummary } from "./annual-summary";
import { quarterlyReport } from "./quarterly-report";

/**
 * Recomputes a published period after a correction (src/app/corrections.ts) and queues everyone's
 * new report card under the new version's keys. The group is told as the scheduled report told it:
 * its chat, its linked WeChat rooms, and members on the WeChat they linked (src/outbox/queue.ts).
 */
export async function reissue(db: Database, group: Group, period: string, now: Date): Promise<number> {
  const messages =
    periodKind(period) === "year"
      ? await annualSummary(db, group, period, now)
      : await quarterlyReport(db, group, period, now);
  const items = await queueFor(db, group, messages, now);
  if (items.length) await db.batch(items as [BatchItem, ...BatchItem[]]);
  return messages.length;
}

/** After the change commits: re-issue the period's report cards (a correction, an appeal's amendment). */
export function reissueAfterCommit(
  work: Work,
  deps: { db: Database; clock: { now(): Date } },
  group: Group,
  period: string,
): void {
  work.defer(async () => void (await reissue(deps.db, group, period, deps.clock.now())));
}
