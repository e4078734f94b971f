import { and, eq, inArray } from "drizzle-orm";
import type { BatchItem, Database } from "../db/database";
import { chatLinks, members, type Group } from "../db/schema";
import { queuedRows, type Channel, type OutboundMessage } from "./message";

/** One message on the channel it leaves on (its recipient rewritten for that channel when needed). */
export interface Routed {
  message: OutboundMessage;
  channel: Channel;
}

/**
 * Where each message goes — the one routing of outbound messages (绑定: a Lark group may be served
 * by linked WeChat rooms, and its members may link their own WeChat):
 * - an update changes a card in place, which only Lark has;
 * - a reply lands in the chat it answers, on the channel the update came from (`origin`);
 * - what is said to the group's own chat goes there, and to each linked WeChat room as a copy
 *   (its own key, so each is sent once);
 * - a message to a linked room goes to WeChat;
 * - a private message to someone who linked their WeChat goes to that contact, unless a Lark action
 *   caused it (origin Lark: the person asked on Lark and hears on Lark); a private message to
 *   someone not of the group (a WeChat contact binding themself) goes back where the update came from;
 * - everything else stays on the group's own platform.
 * `group` is the group the messages are about; without one (nobody known yet) all go to `origin`.
 * `origin` is absent for what the group is told unprompted (jobs, a re-issued report card).
 */
export async function route(
  db: Database,
  group: Group | undefined,
  messages: readonly OutboundMessage[],
  origin?: Channel,
): Promise<Routed[]> {
  if (!messages.length) return [];
  const home: Channel = origin ?? group?.platform ?? "lark";
  if (!group) return messages.map((message) => ({ message, channel: message.to.type === "update" ? "lark" : home }));
  const own = group.platform as Channel;
  // Links matter only for messages to a chat, or to a person when no Lark action caused it: most answers
  // are replies, and read nothing here.
  const linkable = messages.some((m) => m.to.type === "chat_id" || (m.to.type === "open_id" && origin !== "lark"));
  const links =
    own === "lark" && linkable ? await linksOf(db, group.id) : { rooms: [], contacts: new Map<string, string>() };
  const strangers = origin && origin !== own ? await notMembers(db, group.id, messages) : new Set<string>();
  return messages.flatMap((message): Routed[] => {
    const to = message.to;
    switch (to.type) {
      case "update":
        return [{ message, channel: "lark" }];
      case "reply":
        return [{ message, channel: home }];
      case "open_id": {
        const contact = origin === "lark" ? undefined : links.contacts.get(to.id);
        if (contact) return [{ message: { ...message, to: { type: "open_id", id: contact } }, channel: "wechat" }];
        return [{ message, channel: origin && strangers.has(to.id) ? origin : own }];
      }
      case "chat_id": {
        if (links.rooms.includes(to.id)) return [{ message, channel: "wechat" }];
        if (to.id !== group.chatId) return [{ message, channel: home }];
        const copies = links.rooms.map(
          (room): Routed => ({
            message: { ...message, key: `${message.key}:wx:${room}`, to: { type: "chat_id", id: room } },
            channel: "wechat",
          }),
        );
        return [{ message, channel: own }, ...copies];
      }
    }
  });
}

/**
 * The inserts that queue `messages` for `group`, routed (see `route`); they go in the same batch
 * as the state change they report. Every producer of outbound messages — the bot's updates, the
 * scheduled jobs, a re-issued report card — queues through here.
 */
export async function queueFor(
  db: Database,
  group: Group | undefined,
  messages: readonly OutboundMessage[],
  now: Date,
  origin?: Channel,
): Promise<BatchItem[]> {
  const routed = await route(db, group, messages, origin);
  return routed.flatMap((r) => queuedRows(db, r.message, now, r.channel));
}

/** A Lark group's linked WeChat rooms, and its members linked to a WeChat contact (user id → contact). */
async function linksOf(db: Database, groupId: string) {
  const rows = await db
    .select({ kind: chatLinks.kind, externalId: chatLinks.externalId, userId: members.userId })
    .from(chatLinks)
    .leftJoin(members, eq(members.id, chatLinks.memberId))
    .where(eq(chatLinks.groupId, groupId));
  return {
    rooms: rows.filter((r) => r.kind === "room").map((r) => r.externalId),
    contacts: new Map(rows.flatMap((r) => (r.kind === "person" && r.userId ? [[r.userId, r.externalId]] : []))),
  };
}

/** The private recipients among `messages` who are not members of the group. */
async function notMembers(db: Database, groupId: string, messages: readonly OutboundMessage[]): Promise<Set<string>> {
  const ids = [...new Set(messages.flatMap((m) => (m.to.type === "open_id" ? [m.to.id] : [])))];
  if (!ids.length) return new Set();
  const known = await db
    .select({ userId: members.userId })
    .from(members)
    .where(and(eq(members.groupId, groupId), inArray(members.userId, ids)));
  const found = new Set(known.map((k) => k.userId));
  return new Set(ids.filter((id) => !found.has(id)));
}
