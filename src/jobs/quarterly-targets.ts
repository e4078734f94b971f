import { targetBulletinCard } from "../../cards/target-bulletin";
import { quarterBulletin } from "../app/goal-bulletin";
import type { Database } from "../db/database";
import type { Group } from "../db/schema";
import type { OutboundMessage } from "../outbox/message";

/**
 * 季度通报: on the first workday of a quarter, the group hears how each of its targets stood at the end of the
 * quarter before (篇9 line 192 「每季度通报主要经济社会发展指标完成情况」). Nothing for a group without targets then.
 */
export async function quarterlyTargets(db: Database, group: Group, quarter: string): Promise<OutboundMessage[]> {
  const rows = await quarterBulletin(db, group, quarter);
  if (!rows.length) return [];
  const rendered = targetBulletinCard({ groupName: group.name, quarter, rows, lang: "zh" });
  return [{ key: `targets:${quarter}:${group.chatId}`, to: { type: "chat_id", id: group.chatId }, ...rendered }];
}
