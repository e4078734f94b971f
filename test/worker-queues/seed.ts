import { drizzle } from "drizzle-orm/libsql/web";
import type { Client } from "@libsql/client/web";
import { groupIdFor, memberIdFor, newId } from "../../src/db/ids";
import * as schema from "../../src/db/schema";
import { larkChatId, larkOpenId, larkTenantKey } from "../support/ids";

export interface SeededGroup {
  groupId: string;
  chatId: string;
  leader: { openId: string; name: string };
  member: { openId: string; name: string };
}

/**
 * Groups as the bot leaves them after a month of use, written straight into
 * the database (registering 1,110 groups through the webhook would take the
 * test's whole time): one leader and one staff member each, the member rated
 * by the leader on the default scheme's three dimensions in `month`. Each
 * group is its own tenant (a unit with one appraisal group), inactive until
 * its scale is run. Member row ids are derived from the platform ids (memberIdFor),
 * as a real registration makes them.
 */
export async function seedGroups(client: Client, count: number, scale: number, month: string): Promise<SeededGroup[]> {
  const db = drizzle(client, { schema });
  const created = new Date(`${month}-02T01:00:00Z`);
  const seeded: SeededGroup[] = Array.from({ length: count }, (_, i) => {
    const chatId = larkChatId(`fan-out-${scale}-${i}`);
    return {
      groupId: groupIdFor("lark", chatId),
      chatId,
      leader: { openId: larkOpenId(`fan-out-leader-${scale}-${i}`), name: `科长${scale}-${i}` },
      member: { openId: larkOpenId(`fan-out-member-${scale}-${i}`), name: `科员${scale}-${i}` },
    };
  });
  for (let i = 0; i < seeded.length; i += 50) {
    const part = seeded.slice(i, i + 50);
    const statements = part.flatMap((g) => {
      // The ids the bot derives from the platform's, as a real registration makes them.
      const leaderId = memberIdFor(g.groupId, g.leader.openId);
      const memberId = memberIdFor(g.groupId, g.member.openId);
      return [
        db.insert(schema.groups).values({
          id: g.groupId,
          platform: "lark",
          tenantKey: larkTenantKey(g.chatId),
          chatId: g.chatId,
          name: `第${scale}批${i}组`,
          timezone: "Asia/Shanghai",
          active: false,
          createdAt: created,
        }),
        db.insert(schema.members).values({
          id: leaderId,
          groupId: g.groupId,
          userId: g.leader.openId,
          name: g.leader.name,
          role: "leader",
          createdAt: created,
        }),
        db.insert(schema.members).values({
          id: memberId,
          groupId: g.groupId,
          userId: g.member.openId,
          name: g.member.name,
          createdAt: created,
        }),
        ...["village", "business", "conduct"].map((dimension, d) =>
          db.insert(schema.ratings).values({
            id: newId("rat", created.getTime()),
            groupId: g.groupId,
            period: month,
            memberId,
            dimension,
            raterGroup: "leader",
            raterUserId: g.leader.openId,
            score: 80 + d,
            createdAt: created,
          }),
        ),
      ];
    });
    await db.batch(statements as never);
  }
  return seeded;
}
