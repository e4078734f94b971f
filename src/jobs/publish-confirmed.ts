import type { Group } from "../app/model";
import type { BotDeps } from "../bot/deps";
import type { Work } from "../bot/work";
import type { BatchItem } from "../db/database";
import { periodKind } from "../domain/periods";
import type { JobKind } from "../domain/schedule";
import type { OutboundMessage } from "../outbox/message";
import { queueFor } from "../outbox/queue";
import { annualSummary } from "./annual-summary";
import { monthlyRanking, newRunCache } from "./monthly-ranking";
import { quarterlyReport } from "./quarterly-report";
import { runGroupJobs } from "./run";

/** The job that publishes a period's grades. */
export const jobOf = (period: string): JobKind =>
  periodKind(period) === "year" ? "annual-summary" : period.includes("-Q") ? "quarterly-report" : "monthly-ranking";

/**
 * After a confirmation commits, the job that was holding the period back runs for this group at once
 * (its messages' keys are the ones it always uses, so a later tick sends nothing twice).
 */
export function publishAfter(deps: BotDeps, work: Work, group: Group, period: string, now: Date): void {
  work.defer(async () => {
    const runs = await runGroupJobs({ db: deps.db, clock: deps.clock, log: deps.log }, group, now, {
      only: jobOf(period),
    });
    for (const r of runs.filter((r) => r.error))
      deps.log.error("publishing confirmed grades failed", { group: group.id, period, error: r.error });
    if (runs.some((r) => r.period === period)) return;
    // Confirmed after its job stopped being due (a quarter confirmed in the next one): published here,
    // as a re-issue is, under the keys the job uses.
    // Routed like every outbound message: linked WeChat rooms and contacts get theirs too.
    const items = await queueFor(deps.db, group, await lateJob(deps, group, period, now), now);
    if (items.length) await deps.db.batch(items as [BatchItem, ...BatchItem[]]);
  });
}

function lateJob(deps: BotDeps, group: Group, period: string, now: Date): Promise<OutboundMessage[]> {
  const kind = jobOf(period);
  if (kind === "annual-summary") return annualSummary(deps.db, group, period, now);
  if (kind === "quarterly-report") return quarterlyReport(deps.db, group, period, now);
  return monthlyRanking(deps.db, group, period, now, newRunCache());
}
