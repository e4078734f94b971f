import { eq } from "drizzle-orm";
import { TOP_N } from "../../cards/ranking";
import { myPlaceCard, rankingBroadcastCards } from "../../cards/ranking-broadcast";
import { tenantGroups } from "../app/groups";
import { organisationMonth } from "../app/organisation";
import { unitRedFlag } from "../app/units";
import type { TenantRef } from "../app/roles";
import { computeMonth } from "../app/scores";
import type { Database } from "../db/database";
import { members, type Group } from "../db/schema";
import { previousMonth } from "../domain/periods";
import type { OutboundMessage } from "../outbox/message";
import type { PeriodSource } from "../app/period-data";
import { rankingImage } from "../app/images";
import { gradeGate, withFinalGrades } from "./grade-gate";

type MonthScores = Awaited<ReturnType<typeof computeMonth>>;

/**
 * What one run computes once and shares between groups: each group's month
 * (the red flag needs every group's, and each group's own job needs it again)
 * and each tenant's best group of a month.
 */
export interface RunCache {
  months: Map<string, Promise<MonthScores>>;
  redFlags: Map<
    string,
    Promise<{ groupId: string; groupName: string; average: number; byUnitScore: boolean } | undefined>
  >;
  /**
   * Per group, every month its due jobs score, read in one go (a handful of
   * queries for all of them, see src/app/period-data.ts) rather than several
   * queries per month: on Workers a group's jobs run within one invocation's
   * subrequest budget.
   */
  sources: Map<string, { months: ReadonlySet<string>; source: PeriodSource }>;
}

export const newRunCache = (): RunCache => ({ months: new Map(), redFlags: new Map(), sources: new Map() });

/** The group's period source for a run, when the run prepared one covering `month`. */
export function sourceFor(cache: RunCache, group: Group, ...months: string[]): PeriodSource | undefined {
  const hit = cache.sources.get(group.id);
  return hit && months.every((m) => hit.months.has(m)) ? hit.source : undefined;
}

function monthOf(db: Database, group: Group, month: string, now: Date, cache: RunCache): Promise<MonthScores> {
  const key = `${group.id}|${month}`;
  let hit = cache.months.get(key);
  if (!hit)
    cache.months.set(
      key,
      (hit = sourceFor(cache, group, month)?.month(group, month) ?? computeMonth(db, group, month, now)),
    );
  return hit;
}

/** A month's member as the grade gate reads it: top-level dimension scores 0–100. */
const monthPerson = (m: MonthScores["result"]["members"][number]) => ({
  ...m,
  dimensions: Object.fromEntries(Object.entries(m.dimensions).map(([k, f]) => [k, f.score])),
});

const average = (totals: number[]) => (totals.length ? totals.reduce((a, b) => a + b, 0) / totals.length : 0);

/**
 * 流动红旗: among a tenant's groups, the best unit score where groups are
 * appraised as units; otherwise the first in 部门排名 (only with several
 * groups): the best average, after department calibration where it applies.
 */
function redFlag(db: Database, tenant: TenantRef, month: string, now: Date, cache: RunCache) {
  const key = `${tenant.platform}|${tenant.tenantKey}|${month}`;
  let hit = cache.redFlags.get(key);
  if (!hit) {
    hit = (async () => {
      const all = await tenantGroups(db, tenant);
      if (all.length < 2) return undefined;
      // Where the office appraises groups as units (考核单位, issue 14 item 3), the best unit score holds the flag
      // (篇9 line 184 「流动红旗科室」月评选): the office's own result for the group, not its people's average.
      const unit = await unitRedFlag(db, all, month);
      if (unit) return { groupId: unit.groupId, groupName: unit.groupName, average: unit.total, byUnitScore: true };
      // A month's result holds only the people appraised in it (see loadMonth). The tenant's groups
      // are read a chunk at a time (a handful of queries per 20 groups, not several per group): on
      // Workers each group's job runs in its own invocation, within its subrequest budget.
      const org = await organisationMonth(db, all, month, now);
      const best = org.ranking.departments[0];
      return best
        ? { groupId: best.groupId, groupName: best.groupName, average: best.average, byUnitScore: false }
        : undefined;
    })();
    cache.redFlags.set(key, hit);
  }
  return hit;
}

/**
 * The month's ranking: a card to the group (as the scheme's visibility
 * allows), movement since the month before, a chart, the red flag, and each
 * member's own place privately. Nothing is sent for a month nobody was scored in.
 */
export async function monthlyRanking(
  db: Database,
  group: Group,
  month: string,
  now: Date,
  cache: RunCache,
): Promise<OutboundMessage[]> {
  const { inForce, result: computed } = await monthOf(db, group, month, now, cache);
  if (!computed.members.length) return [];
  // 等次确认: held back until the office confirms, where the scheme asks for it (src/jobs/grade-gate.ts).
  const gate = await gradeGate(db, group, month, inForce.scheme, computed.members.map(monthPerson), now);
  if ("wait" in gate) return gate.wait;
  const result = withFinalGrades(computed, gate.grades);
  const earlier = await monthOf(db, group, previousMonth(month), now, cache);
  const earlierRank = new Map(earlier.result.members.map((m) => [m.id, m.rank]));
  const movement = (id: string, rank: number) => (earlierRank.has(id) ? earlierRank.get(id)! - rank : null);
  const flag = await redFlag(db, group, month, now, cache);
  const rows = result.members.map((m) => ({
    rank: m.rank,
    name: m.name,
    total: m.total,
    grade: m.grade,
    movement: movement(m.id, m.rank),
  }));
  const groupAverage = average(result.members.map((m) => m.total));
  const groupCards = rankingBroadcastCards({
    groupName: group.name,
    month,
    visibility: inForce.scheme.rankingVisibility,
    rows,
    headcount: result.headcount,
    average: groupAverage,
    ...(flag
      ? {
          redFlag: {
            groupName: flag.groupName,
            average: flag.average,
            isThisGroup: flag.groupId === group.id,
            ...(flag.byUnitScore ? { byUnitScore: true } : {}),
          },
        }
      : {}),
    lang: "zh",
  });
  const userOf = new Map(
    (await db.select().from(members).where(eq(members.groupId, group.id))).map((m) => [m.id, m.userId]),
  );
  const personal: OutboundMessage[] = result.members.flatMap((m) => {
    const userId = userOf.get(m.id);
    if (!userId) return [];
    const rendered = myPlaceCard({
      name: m.name,
      month,
      rank: m.rank,
      headcount: result.headcount,
      total: m.total,
      grade: m.grade,
      movement: movement(m.id, m.rank),
      lang: "zh",
    });
    return [{ key: `ranking:${month}:${m.id}`, to: { type: "open_id" as const, id: userId }, ...rendered }];
  });
  const visibility = inForce.scheme.rankingVisibility;
  const shown = visibility === "full" ? rows : visibility === "top" ? rows.slice(0, TOP_N) : [];
  // Channels that send pictures (WeChat) get the table as an image first; the text follows.
  const image = rankingImage({
    groupName: group.name,
    month,
    headcount: result.headcount,
    average: groupAverage,
    rows: shown,
    ...(flag
      ? {
          footer: `流动红旗：${flag.groupId === group.id ? "本群" : flag.groupName}（${flag.byUnitScore ? "单位得分" : "平均"} ${flag.average.toFixed(2)} 分）`,
        }
      : {}),
  });
  // A group too large for one card gets several, in order; the first keeps the key it always had.
  const broadcast: OutboundMessage[] = groupCards.map((rendered, i) => ({
    key: `ranking:${month}:${group.chatId}${i ? `:${i + 1}` : ""}`,
    to: { type: "chat_id", id: group.chatId },
    ...rendered,
    ...(image && !i ? { image } : {}),
  }));
  return [...broadcast, ...personal];
}
