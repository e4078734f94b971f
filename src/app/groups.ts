import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/database";
import { currentGroupId, groupIdFor, memberIdFor } from "../db/ids";
import { preparedPer } from "../db/prepared";
import { groups, members, records, type Group, type Member } from "../db/schema";
import { localDate } from "../domain/dates";
import type { ChatDirectory } from "./ports";
import { auditWrite } from "./audit";
import { absenceWrite } from "./membership";

/** The group and member rows as the use cases hand them to commands and cards. */
export type { Group, Member };

export interface GroupKey {
  platform: "lark" | "wechat";
  tenantKey: string;
  chatId: string;
}

export async function findGroup(db: Database, key: Omit<GroupKey, "tenantKey">): Promise<Group | undefined> {
  const [g] = await db
    .select()
    .from(groups)
    .where(and(eq(groups.platform, key.platform), eq(groups.chatId, key.chatId)))
    .limit(1);
  return g;
}

/**
 * The writes that register a group (or re-activate it when the bot is added
 * back). Returns the id the group will have once the batch commits.
 */
export function registerGroup(db: Database, key: GroupKey, opts: { timezone: string; now: Date; existing?: Group }) {
  const id = opts.existing?.id ?? groupIdFor(key.platform, key.chatId);
  const write = db
    .insert(groups)
    .values({ id, ...key, timezone: opts.timezone, createdAt: opts.now })
    .onConflictDoUpdate({ target: [groups.platform, groups.chatId], set: { active: true, tenantKey: key.tenantKey } });
  // The row as it will read once the batch commits, for the rest of the update to use.
  const group: Group = opts.existing
    ? { ...opts.existing, ...key, active: true }
    : {
        id,
        ...key,
        name: "",
        timezone: opts.timezone,
        settings: {},
        syncedAt: null,
        active: true,
        createdAt: opts.now,
      };
  return { id, write, group };
}

export function deactivateGroup(db: Database, groupId: string) {
  return db.update(groups).set({ active: false }).where(eq(groups.id, groupId));
}

/** A person seen before the member list was read (e.g. a message right after the bot joined). */
export function addMember(db: Database, groupId: string, userId: string, now: Date) {
  const id = memberIdFor(groupId, userId);
  const member: Member = {
    id,
    groupId,
    userId,
    name: "",
    role: "staff",
    coefficient: 1,
    position: null,
    active: true,
    leftOn: null,
    movedTo: null,
    joinedOn: null,
    createdAt: now,
  };
  return {
    id,
    member,
    write: db.insert(members).values({ id, groupId, userId, createdAt: now }).onConflictDoNothing(),
  };
}

/** The group of a chat and the sender's membership in it, in one query (the hot path of every message). */
/** Every message in a group asks this first: prepared once (src/db/prepared.ts). */
const groupAndMemberOfChat = preparedPer((db) =>
  db
    .select({ group: groups, member: members })
    .from(groups)
    .leftJoin(members, and(eq(members.groupId, groups.id), eq(members.userId, sql.placeholder("userId"))))
    .where(and(eq(groups.platform, sql.placeholder("platform")), eq(groups.chatId, sql.placeholder("chatId"))))
    .limit(1)
    .prepare(),
);

export async function findGroupAndMember(db: Database, platform: GroupKey["platform"], chatId: string, userId: string) {
  const [row] = await groupAndMemberOfChat(db).all({ platform, chatId, userId });
  return row;
}

/**
 * A group by its id (ids of before migration 0009 too, as old card buttons carry them) and
 * someone's membership in it, active or not: what a card click is about and who clicked.
 */
export async function groupAndMember(db: Database, groupId: string, userId: string) {
  const [row] = await groupAndMemberById(db).all({ groupId: currentGroupId(groupId), userId });
  return row && { group: row.group, member: row.member ?? undefined };
}

/** Every card click asks this first: prepared once (src/db/prepared.ts). */
const groupAndMemberById = preparedPer((db) =>
  db
    .select({ group: groups, member: members })
    .from(groups)
    .leftJoin(members, and(eq(members.groupId, groups.id), eq(members.userId, sql.placeholder("userId"))))
    .where(eq(groups.id, sql.placeholder("groupId")))
    .limit(1)
    .prepare(),
);

/**
 * The group a private message is about: the person's group where they last
 * recorded, else the one they joined first. Tenants are kept apart.
 */
export async function homeGroup(db: Database, platform: GroupKey["platform"], tenantKey: string, userId: string) {
  // max(date) per member is answered from the records_member_date index, not a scan.
  const lastRecord = sql<
    string | null
  >`(select max(${records.date}) from ${records} where ${records.memberId} = ${members.id})`;
  const [row] = await db
    .select({ group: groups, member: members })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(
      and(
        eq(members.userId, userId),
        eq(members.active, true),
        eq(groups.active, true),
        eq(groups.platform, platform),
        eq(groups.tenantKey, tenantKey),
      ),
    )
    .orderBy(desc(lastRecord), asc(members.createdAt))
    .limit(1);
  return row;
}

/**
 * Reads the chat's owner and members from the platform and brings the
 * members table in line: new people are added, names refreshed, people who
 * left are deactivated (their records stay), and the owner is a leader.
 */
export async function syncGroupMembers(db: Database, directory: ChatDirectory, group: Group, now: Date) {
  const [chat, people] = await Promise.all([directory.getChat(group.chatId), directory.listMembers(group.chatId)]);
  const present = new Map(people.map((p) => [p.userId, p.name]));
  if (chat.ownerId && !present.has(chat.ownerId)) present.set(chat.ownerId, "");
  const existing = await db.select().from(members).where(eq(members.groupId, group.id));
  const known = new Map(existing.map((m) => [m.userId, m]));

  const writes = [];
  for (const [userId, name] of present) {
    const role = userId === chat.ownerId ? "leader" : undefined;
    const row = known.get(userId);
    if (!row) {
      writes.push(
        db
          .insert(members)
          .values({
            id: memberIdFor(group.id, userId),
            groupId: group.id,
            userId,
            name,
            role: role ?? "staff",
            createdAt: now,
          })
          .onConflictDoUpdate({
            target: [members.groupId, members.userId],
            set: { name, active: true, leftOn: null, ...(role ? { role } : {}) },
          }),
      );
    } else if (!row.active && row.movedTo) {
      // Moved to another department by the roster while still in this chat: stays moved.
    } else if (row.name !== name || !row.active || (role && row.role !== role)) {
      // Someone back in the chat after leaving it is the same member again, their leave day cleared
      // (as a 用户进群 event does, src/app/membership.ts); the months before it stay as scored.
      writes.push(
        db
          .update(members)
          .set({ name: name || row.name, active: true, leftOn: null, ...(role ? { role } : {}) })
          .where(eq(members.id, row.id)),
        // Their time away is remembered (member_absences), as a 用户进群 event remembers it.
        ...(row.active ? [] : absenceWrite(db, row.id, row.leftOn, localDate(now, group.timezone), now)),
      );
    }
  }
  const gone = existing.filter((m) => m.active && !present.has(m.userId)).map((m) => m.id);
  // The day they left is kept: the months before it still count them (岗变酬变).
  if (gone.length)
    writes.push(
      db
        .update(members)
        .set({ active: false, leftOn: localDate(now, group.timezone) })
        .where(inArray(members.id, gone)),
    );
  writes.push(
    db
      .update(groups)
      .set({ name: chat.name || group.name, syncedAt: now })
      .where(eq(groups.id, group.id)),
  );
  writes.push(
    auditWrite(db, {
      groupId: group.id,
      by: null,
      action: "group.sync",
      detail: { members: present.size, owner: chat.ownerId ?? null, left: gone.length },
      now: now,
    }),
  );
  await db.batch(writes as [(typeof writes)[number], ...typeof writes]);
  return { members: present.size, ownerId: chat.ownerId, left: gone.length };
}

/** A tenant's (organisation's) active groups, by name: what the office sees, ranks and exports together. */
export async function tenantGroups(db: Database, tenant: Pick<Group, "platform" | "tenantKey">): Promise<Group[]> {
  return db
    .select()
    .from(groups)
    .where(and(eq(groups.platform, tenant.platform), eq(groups.tenantKey, tenant.tenantKey), eq(groups.active, true)))
    .orderBy(asc(groups.name), asc(groups.id));
}
