import { and, eq } from "drizzle-orm";
import type { Database } from "../db/database";
import { currentGroupId } from "../db/ids";
import { groups, members, type Group, type Member } from "../db/schema";

/**
 * The group a card button names and the person who clicked, as a command would get them: the group
 * only within the clicker's own tenant, the member only while active in it.
 */
export async function actionScope(
  db: Database,
  groupId: string,
  tenantKey: string,
  userId: string,
): Promise<{ group: Group; member: Member | undefined } | undefined> {
  const [group] = await db
    .select()
    .from(groups)
    .where(eq(groups.id, currentGroupId(groupId)))
    .limit(1);
  if (!group || group.tenantKey !== tenantKey) return undefined;
  const [member] = await db
    .select()
    .from(members)
    .where(and(eq(members.groupId, group.id), eq(members.userId, userId), eq(members.active, true)))
    .limit(1);
  return { group, member };
}
