import { and, eq } from "drizzle-orm";
import { myPlaceCard, rankingBroadcastCard } from "../../cards/ranking-broadcast";
import { computeMonth } from "../app/scores";
import type { Database } from "../db/database";
import { groups, members, type Group } from "../db/schema";
import { previousMonth } from "../domain/periods";
import { indexScheme } from "../domain/scheme";
import type { OutboundMessage } from "../outbox/message";

/** What one run computes once and shares between groups: each tenant's best group of a month. */
export interface RunCache {
  redFlags: Map<string, Promise<{ groupId: string; groupName: string; average: number } | undefined>>;
}

export const newRunCache = (): RunCache => ({ redFlags: new Map() });

const average = (totals: number[]) => (totals.length ? totals.reduce((a, b) => a + b, 0) / totals.length : 0);

/** Only people who were scored at all take part in averages and the red flag. */
function scored(month: Awaited<ReturnType<typeof computeMonth>>) {
  const leaves = indexScheme(month.inForce.scheme).leaves.length;
  return month.result.members.filter((m) => m.total > 0 || m.missing.length < leaves);
}

/** 流动红旗: among a tenant's groups, the one whose people averaged best (only with several groups). */
function redFlag(db: Database, tenantKey: string, month: string, now: Date, cache: RunCache) {
  const key = `${tenantKey}|${month}`;
  let hit = cache.redFlags.get(key);
  if (!hit) {
    hit = (async () => {
      const all = await db.select().from(groups).where(and(eq(groups.tenantKey, tenantKey), eq(groups.active, true)));
      if (all.length < 2) return undefined;
      let best: { groupId: string; groupName: string; average: number } | undefined;
      for (const g of all) {
        const people = scored(await computeMonth(db, g, month, now));
        if (!people.length) continue;
        const avg = average(people.map((m) => m.total));
        if (!best || avg > best.average) best = { groupId: g.id, groupName: g.name, average: avg };
      }
      return best;
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
export async function monthlyRanking(db: Database, group: Group, month: string, now: Date, cache: RunCache): Promise<OutboundMessage[]> {
  const current = await computeMonth(db, group, month, now);
  const { inForce, result } = current;
  if (!scored(current).length) return [];
  const earlierRank = new Map(scored(await computeMonth(db, group, previousMonth(month), now)).map((m) => [m.id, m.rank]));
  const movement = (id: string, rank: number) => (earlierRank.has(id) ? earlierRank.get(id)! - rank : null);
  const flag = await redFlag(db, group.tenantKey, month, now, cache);
  const rows = result.members.map((m) => ({ rank: m.rank, name: m.name, total: m.total, grade: m.grade, movement: movement(m.id, m.rank) }));
  const groupCard = rankingBroadcastCard({
    groupName: group.name,
    month,
    visibility: inForce.scheme.rankingVisibility,
    rows,
    headcount: result.headcount,
    average: average(result.members.map((m) => m.total)),
    ...(flag ? { redFlag: { groupName: flag.groupName, average: flag.average, isThisGroup: flag.groupId === group.id } } : {}),
    lang: "zh",
  });
  const userOf = new Map((await db.select().from(members).where(eq(members.groupId, group.id))).map((m) => [m.id, m.userId]));
  const personal: OutboundMessage[] = result.members.flatMap((m) => {
    const userId = userOf.get(m.id);
    if (!userId) return [];
    const rendered = myPlaceCard({ name: m.name, month, rank: m.rank, headcount: result.headcount, total: m.total, grade: m.grade, movement: movement(m.id, m.rank), lang: "zh" });
    return [{ key: `ranking:${month}:${m.id}`, to: { type: "open_id" as const, id: userId }, ...rendered }];
  });
  return [{ key: `ranking:${month}:${group.chatId}`, to: { type: "chat_id", id: group.chatId }, ...groupCard }, ...personal];
}
