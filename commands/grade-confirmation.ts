import { t, type Lang, type Rendered } from "../cards/kit";
import { gradeConfirmationCards } from "../cards/grade-confirmation";
import { noticeCard } from "../cards/notice";
import { confirmationOf, overridesOf, type ConfirmOutcome } from "../src/app/grade-confirmations";
import { schemeInForce } from "../src/app/schemes";
import type { BotDeps } from "../src/bot/deps";
import type { Work } from "../src/bot/work";
import type { Group } from "../src/app/model";
import { runGroupJobs } from "../src/jobs/run";
import { annualSummary } from "../src/jobs/annual-summary";
import { periodKind } from "../src/domain/periods";
import { monthlyRanking, newRunCache } from "../src/jobs/monthly-ranking";
import { quarterlyReport } from "../src/jobs/quarterly-report";
import type { BatchItem } from "../src/db/database";
import { enqueueRows, type OutboundMessage } from "../src/outbox/message";
import type { JobKind } from "../src/domain/schedule";

export { PERIOD } from "../src/domain/periods";

/** The job that publishes a period's grades. */
export const jobOf = (period: string): JobKind =>
  periodKind(period) === "year" ? "annual-summary" : period.includes("-Q") ? "quarterly-report" : "monthly-ranking";

/** The office's card for a period as it stands (overrides in, confirmed or not). */
export async function confirmationCardOf(
  deps: BotDeps,
  group: Group,
  period: string,
  lang: Lang,
  opts: { confirmedBy?: string; pending?: { memberId: string; grade: string | null; reason: string } } = {},
): Promise<Rendered[]> {
  const row = await confirmationOf(deps.db, group.id, period);
  if (!row) return [];
  const { scheme } = await schemeInForce(deps.db, group.id);
  // An override written with this very reply is not committed yet: shown as it will stand.
  const overrides = new Map<string, { grade: string | null; reason: string }>(
    await overridesOf(deps.db, group.id, period),
  );
  if (opts.pending) overrides.set(opts.pending.memberId, opts.pending);
  return gradeConfirmationCards({
    groupId: group.id,
    groupName: group.name,
    period,
    rows: row.computed,
    overrides,
    dimensionNames: new Map(scheme.dimensions.map((d) => [d.key, d.name] as const)),
    ...(opts.confirmedBy ? { confirmed: { by: opts.confirmedBy } } : {}),
    lang,
  });
}

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
    const messages = await lateJob(deps, group, period, now);
    if (messages.length)
      await deps.db.batch(
        messages.flatMap((m) => enqueueRows(deps.db, m, now, group.platform)) as unknown as [BatchItem, ...BatchItem[]],
      );
  });
}

function lateJob(deps: BotDeps, group: Group, period: string, now: Date): Promise<OutboundMessage[]> {
  const kind = jobOf(period);
  if (kind === "annual-summary") return annualSummary(deps.db, group, period, now);
  if (kind === "quarterly-report") return quarterlyReport(deps.db, group, period, now);
  return monthlyRanking(deps.db, group, period, now, newRunCache());
}

/** What a confirmation outcome tells the office, in words. */
export function confirmText(outcome: ConfirmOutcome, lang: Lang): { ok: boolean; text: string } {
  switch (outcome.code) {
    case "confirmed":
      return {
        ok: true,
        text: t(
          lang,
          `已确认 ${outcome.confirmation.period} 的等次，结果随即发布到群里。`,
          `Grades for ${outcome.confirmation.period} confirmed; publishing now.`,
        ),
      };
    case "already":
      return {
        ok: false,
        text: t(
          lang,
          `${outcome.confirmation.period} 的等次已确认过了。`,
          `${outcome.confirmation.period} was already confirmed.`,
        ),
      };
    case "none-pending":
      return {
        ok: false,
        text: t(lang, "没有等待确认的等次。", "No grades await confirmation."),
      };
  }
}

export const confirmNotice = (text: string, ok: boolean, lang: Lang) =>
  noticeCard({ title: t(lang, "等次确认", "Confirm grades"), body: text, colour: ok ? "green" : "yellow" });
