import { and, asc, eq, inArray } from "drizzle-orm";
import { digestCard } from "../../cards/digest";
import { activeLeaders } from "../app/claims";
import { displayName } from "../app/scores";
import type { Database } from "../db/database";
import { claims, members, type Group } from "../db/schema";
import { localDate } from "../domain/dates";
import type { OutboundMessage } from "../outbox/message";

const KIND = { award: "申报奖励", bonus: "申报加分", backfill: "补报日报" } as const;

/** One digest card per leader with pending claims in the group, once a day. */
export async function pendingDigest(db: Database, group: Group, date: string): Promise<OutboundMessage[]> {
  const pending = await db
    .select()
    .from(claims)
    .where(and(eq(claims.groupId, group.id), eq(claims.status, "pending")))
    .orderBy(asc(claims.createdAt));
  if (!pending.length) return [];
  const who = await db
    .select()
    .from(members)
    .where(inArray(members.id, [...new Set(pending.map((c) => c.memberId))]));
  const items = pending.map((c) => ({
    who: displayName(who.find((m) => m.id === c.memberId) ?? { name: "", userId: c.memberId }),
    what: `${KIND[c.kind]}${c.detail.points ? ` +${c.detail.points}` : ""}`,
    since: localDate(c.createdAt, group.timezone).slice(5),
  }));
  const rendered = digestCard({ groupName: group.name, items, lang: "zh" });
  return (await activeLeaders(db, group.id)).map((leader) => ({
    key: `digest:${date}:${group.id}:${leader.userId}`,
    to: { type: "open_id", id: leader.userId },
    ...rendered,
  }));
}
