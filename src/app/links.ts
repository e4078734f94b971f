import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../db/database";
import { newId } from "../db/ids";
import { auditLog, chatLinks, groups, linkCodes, members, type Group, type Member } from "../db/schema";
import { auditWrite, type Writes } from "./audit";
import { deactivateGroup } from "./groups";
import { isLeader } from "./authority";

/** How long a 绑定 code stays valid: long enough to switch apps, short enough not to leak. */
export const LINK_CODE_TTL_MS = 10 * 60_000;

export type LinkKind = "room" | "person";

/** A 6-digit code a person can read out and type. */
function randomCode(): string {
  const [n] = crypto.getRandomValues(new Uint32Array(1));
  return String(n! % 1_000_000).padStart(6, "0");
}

/** The writes that issue a code: for a group's chat (a leader) or for one member (themself). */
export function issueLinkCode(db: Database, input: { kind: LinkKind; group: Group; member: Member; now: Date }) {
  const code = randomCode();
  const expiresAt = new Date(input.now.getTime() + LINK_CODE_TTL_MS);
  return {
    code,
    expiresAt,
    writes: [
      db.insert(linkCodes).values({
        code,
        kind: input.kind,
        groupId: input.group.id,
        memberId: input.kind === "person" ? input.member.id : null,
        issuedBy: input.member.userId,
        expiresAt,
      }),
      auditWrite(db, {
        groupId: input.group.id,
        by: input.member.userId,
        action: `link.code.${input.kind}`,
        detail: { expiresAt: expiresAt.toISOString() },
        now: input.now,
      }),
    ],
  };
}

/** A valid, unused code of the given kind, with its group (and member for a person code). */
async function findLinkCode(db: Database, code: string, kind: LinkKind, now: Date) {
  const [row] = await db
    .select({ code: linkCodes, group: groups, member: members })
    .from(linkCodes)
    .innerJoin(groups, eq(groups.id, linkCodes.groupId))
    .leftJoin(members, eq(members.id, linkCodes.memberId))
    .where(
      and(eq(linkCodes.code, code), eq(linkCodes.kind, kind), isNull(linkCodes.usedAt), gt(linkCodes.expiresAt, now)),
    )
    .limit(1);
  return row;
}

/**
 * The writes that link a WeChat room or contact: the code is spent (only an
 * unused one: a second use of the same code changes nothing), any earlier
 * link of that room or contact is replaced, and the change is audited.
 */
export function linkWrites(
  db: Database,
  input: {
    kind: LinkKind;
    code: string;
    externalId: string;
    group: Group;
    member?: Member | null;
    by: string;
    now: Date;
  },
): Writes {
  return [
    db
      .update(linkCodes)
      .set({ usedAt: input.now })
      .where(and(eq(linkCodes.code, input.code), isNull(linkCodes.usedAt))),
    db
      .insert(chatLinks)
      .values({
        id: newId("lnk", input.now.getTime()),
        kind: input.kind,
        externalId: input.externalId,
        groupId: input.group.id,
        memberId: input.member?.id ?? null,
        createdBy: input.by,
        createdAt: input.now,
      })
      .onConflictDoUpdate({
        target: [chatLinks.platform, chatLinks.kind, chatLinks.externalId],
        set: { groupId: input.group.id, memberId: input.member?.id ?? null, createdBy: input.by, createdAt: input.now },
      }),
    auditWrite(db, {
      groupId: input.group.id,
      by: input.by,
      action: `link.${input.kind}`,
      subjectId: input.externalId,
      detail: { platform: "wechat", member: input.member?.id ?? null },
      now: input.now,
    }),
  ];
}

/** The group a linked WeChat room serves, if any. */
export async function linkedGroupOfRoom(db: Database, roomId: string): Promise<Group | undefined> {
  const [row] = await db
    .select({ group: groups })
    .from(chatLinks)
    .innerJoin(groups, eq(groups.id, chatLinks.groupId))
    .where(and(eq(chatLinks.kind, "room"), eq(chatLinks.externalId, roomId)))
    .limit(1);
  return row?.group;
}

/** The member a WeChat contact is linked to in `groupId` (or in any group, when none is given). */
export async function linkedMember(
  db: Database,
  contactId: string,
  groupId?: string,
): Promise<{ group: Group; member: Member } | undefined> {
  const [row] = await db
    .select({ group: groups, member: members })
    .from(chatLinks)
    .innerJoin(members, eq(members.id, chatLinks.memberId))
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(
      and(
        eq(chatLinks.kind, "person"),
        eq(chatLinks.externalId, contactId),
        ...(groupId ? [eq(members.groupId, groupId)] : []),
      ),
    )
    .limit(1);
  return row;
}

/** WeChat rooms that serve a group: its broadcasts go there too. */
export async function linkedRooms(db: Database, groupId: string): Promise<string[]> {
  const rows = await db
    .select({ id: chatLinks.externalId })
    .from(chatLinks)
    .where(and(eq(chatLinks.kind, "room"), eq(chatLinks.groupId, groupId)));
  return rows.map((r) => r.id);
}

/** The group's members linked by 绑定 to a WeChat contact: Lark user id → WeChat contact id. */
export async function linkedContacts(db: Database, groupId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ userId: members.userId, contact: chatLinks.externalId })
    .from(chatLinks)
    .innerJoin(members, eq(members.id, chatLinks.memberId))
    .where(and(eq(chatLinks.kind, "person"), eq(chatLinks.groupId, groupId)));
  return new Map(rows.map((r) => [r.userId, r.contact]));
}

/** Wrong 绑定 codes allowed per WeChat contact or room in the window before it must wait. */
export const LINK_ATTEMPTS = 5;
const LINK_ATTEMPT_WINDOW_MS = 10 * 60_000;

export type LinkAttempt =
  | { kind: "found"; found: NonNullable<Awaited<ReturnType<typeof findLinkCode>>> }
  | { kind: "invalid"; left: number }
  | { kind: "locked"; minutes: number; attempts: number };

/**
 * One 绑定 attempt by a WeChat contact or room (`who`): a 6-digit code could
 * be guessed, so after LINK_ATTEMPTS wrong codes within the window the code is
 * not even looked up until the oldest of them leaves the window. Wrong codes
 * are written to the audit log at once, keyed by the message, so the same
 * message counts once however often it is looked at.
 */
export async function attemptLinkCode(
  db: Database,
  input: { code: string; kind: LinkKind; who: string; eventId: string; now: Date },
): Promise<LinkAttempt> {
  const own = `aud_linkfail_${input.eventId}`;
  const since = new Date(input.now.getTime() - LINK_ATTEMPT_WINDOW_MS);
  const failures = () =>
    db
      .select({ id: auditLog.id, at: auditLog.at })
      .from(auditLog)
      .where(
        and(
          isNull(auditLog.groupId),
          eq(auditLog.action, "link.failed"),
          eq(auditLog.actorUserId, input.who),
          gt(auditLog.at, since),
        ),
      )
      .orderBy(asc(auditLog.at));
  const earlier = (await failures()).filter((f) => f.id !== own);
  if (earlier.length >= LINK_ATTEMPTS) {
    const freeAt = earlier[earlier.length - LINK_ATTEMPTS]!.at.getTime() + LINK_ATTEMPT_WINDOW_MS;
    const minutes = Math.max(1, Math.ceil((freeAt - input.now.getTime()) / 60_000));
    return { kind: "locked", minutes, attempts: LINK_ATTEMPTS };
  }
  const found = await findLinkCode(db, input.code, input.kind, input.now);
  if (found) return { kind: "found", found };
  await auditWrite(db, {
    id: own,
    groupId: null,
    by: input.who,
    action: "link.failed",
    subjectId: input.kind,
    detail: { code: input.code },
    now: input.now,
  });
  return { kind: "invalid", left: Math.max(0, LINK_ATTEMPTS - earlier.length - 1) };
}

export type LinkChatResult =
  | Exclude<LinkAttempt, { kind: "found" }>
  | { kind: "linked"; group: Group; member: Member | null; writes: Writes };

/**
 * 绑定 from WeChat: a room (`room`) or a contact links to the group the code was issued for.
 * A room that had its own WeChat-only group stops running that group's jobs: the linked
 * group speaks for it now.
 */
export async function linkChat(
  deps: { db: Database },
  input: { code: string; room: boolean; who: string; by: string; current: Group; eventId: string; now: Date },
): Promise<LinkChatResult> {
  const { db } = deps;
  const kind: LinkKind = input.room ? "room" : "person";
  const attempt = await attemptLinkCode(db, {
    code: input.code,
    kind,
    who: input.who,
    eventId: input.eventId,
    now: input.now,
  });
  if (attempt.kind !== "found") return attempt;
  const { found } = attempt;
  const writes = linkWrites(db, {
    kind,
    code: found.code.code,
    externalId: input.who,
    group: found.group,
    member: found.member,
    by: input.by,
    now: input.now,
  });
  if (input.room && input.current.platform === "wechat" && input.current.id !== found.group.id)
    writes.push(deactivateGroup(db, input.current.id));
  return { kind: "linked", group: found.group, member: found.member, writes };
}

export type LinkCodeRequest =
  | { ok: false; code: "not_lark" | "not_leader" }
  | { ok: true; code: "issued"; kind: LinkKind; linkCode: string; minutes: number; writes: Writes };

/**
 * 绑定码: codes are issued in Lark only (the WeChat side redeems them); in a group a leader's,
 * for the room, and privately anyone's, for themself.
 */
export function requestLinkCode(
  db: Database,
  input: { platform: Group["platform"]; inGroupChat: boolean; group: Group; member: Member; now: Date },
): LinkCodeRequest {
  if (input.platform !== "lark") return { ok: false, code: "not_lark" };
  if (input.inGroupChat && !isLeader(input.member)) return { ok: false, code: "not_leader" };
  const kind: LinkKind = input.inGroupChat ? "room" : "person";
  const issued = issueLinkCode(db, { kind, group: input.group, member: input.member, now: input.now });
  const minutes = LINK_CODE_TTL_MS / 60_000;
  return { ok: true, code: "issued", kind, linkCode: issued.code, minutes, writes: issued.writes };
}

/** 绑定 as typed: only WeChat redeems a code; elsewhere the answer is where to send it. */
export async function linkFromChat(
  deps: { db: Database },
  input: Parameters<typeof linkChat>[1] & { platform: Group["platform"] },
): Promise<LinkChatResult | { kind: "not_wechat" }> {
  if (input.platform !== "wechat") return { kind: "not_wechat" };
  return linkChat(deps, input);
}
