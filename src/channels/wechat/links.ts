import { and, eq } from "drizzle-orm";
import { addMember, homeGroup } from "../../app/groups";
import { linkRefusal } from "../../../cards/link-reply";
import { attemptLinkCode, linkedGroupOfRoom, linkedMember } from "../../app/links";
import type { BotDeps } from "../../bot/deps";
import type { Database } from "../../db/database";
import { chatLinks, groups, members } from "../../db/schema";

/**
 * 绑定 on the WeChat side: a linked room's messages belong to the group it
 * serves (a Lark group), a linked contact is that group's member. Where the
 * answers go is src/outbox/queue.ts's to say.
 */
export function wechatLinks(db: Database): Pick<BotDeps, "linkedScope"> {
  return {
    async linkedScope(update, work, now) {
      if (update.chatType === "p2p") {
        const linked = await linkedMember(db, update.senderId);
        if (linked) return linked;
        // Someone not yet known here binding themself: the code names the group and member.
        const code = /^(?:绑定|link)\s*(\d{6})$/iu.exec(update.text.trim())?.[1];
        if (!code) return undefined;
        const attempt = await attemptLinkCode(db, {
          code,
          kind: "person",
          who: update.senderId,
          eventId: update.eventId,
          now,
        });
        if (attempt.kind === "found")
          return attempt.found.member ? { group: attempt.found.group, member: attempt.found.member } : undefined;
        // Someone in no group at all hears why here; a member's 绑定 command answers for itself.
        if (!(await homeGroup(db, "wechat", update.tenantKey, update.senderId))) {
          work.send(
            { type: "open_id", id: update.senderId },
            linkRefusal(attempt, false, /^link/iu.test(update.text.trim()) ? "en" : "zh"),
            `linkfail:${update.eventId}`,
          );
        }
        return undefined;
      }
      const group = await linkedGroupOfRoom(db, update.chatId);
      if (!group) return undefined;
      const person = await linkedMember(db, update.senderId, group.id);
      if (person) return person;
      const [member] = await db
        .select()
        .from(members)
        .where(and(eq(members.groupId, group.id), eq(members.userId, update.senderId)))
        .limit(1);
      if (member) return { group, member };
      const added = addMember(db, group.id, update.senderId, now);
      work.write(added.write);
      return { group, member: added.member };
    },
  };
}
