import { and, eq, gte, isNull, lte, max, ne } from "drizzle-orm";
import type { BatchItem, Database } from "../db/database";
import { newId } from "../db/ids";
import { groups, leaveDecisions, leaves, members, type Group, type Member } from "../db/schema";
import type { LeaveKind } from "../domain/attendance";
import { createWorkCalendar, type WorkCalendar } from "../domain/calendar";
import { addDays, type IsoDate } from "../domain/dates";
import { charCount, MAX_REASON_CHARS } from "../domain/text";
import type { OutboundMessage } from "../outbox/message";
import type { MessageBody } from "./ports";
import { isLocked } from "./publications";
import { isAdmin, listAdmins } from "./roles";
import { auditWrite } from "./audit";

/** The months a span of dates touches, in order. */
function monthsBetween(from: IsoDate, to: IsoDate): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); ) {
    out.push(m);
    const [y, mo] = m.split("-").map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
  }
  return out;
}

/** The national calendar with the unit's own days off and extra workdays on top. */
export function groupCalendar(group: Pick<Group, "settings">): WorkCalendar {
  return createWorkCalendar({ holidays: group.settings.holidays ?? [], workdays: group.settings.workdays ?? [] });
}

export type Leave = typeof leaves.$inferSelect;

/** Who decides someone's leave: the group's other leaders, or where there are none the organisation's admins. */
async function approversOf(db: Database, group: Group, requester: string): Promise<{ userId: string; name: string }[]> {
  const leaders = await db
    .select({ userId: members.userId, name: members.name })
    .from(members)
    .where(
      and(
        eq(members.groupId, group.id),
        eq(members.role, "leader"),
        eq(members.active, true),
        ne(members.userId, requester),
      ),
    );
  if (leaders.length) return leaders;
  return (await listAdmins(db, group)).filter((a) => a.userId !== requester);
}

/**
 * 请假 is a request (issue 13 item 9): it is stored pending with its kind,
 * and goes to those who decide it. Until approved it does not reduce the
 * days a record is due; the reminder already skips it (a reminder is a
 * courtesy, not a score).
 */
export async function requestLeave(
  db: Database,
  input: { group: Group; member: Member; from: IsoDate; to: IsoDate; kind: LeaveKind; reason?: string; now: Date },
): Promise<{ leave: Leave; writes: BatchItem[]; approvers: { userId: string; name: string }[] }> {
  const { group, member, now } = input;
  const [last] = await db
    .select({ no: max(leaves.no) })
    .from(leaves)
    .where(eq(leaves.groupId, group.id));
  const leave: Leave = {
    id: newId("lv", now.getTime()),
    groupId: group.id,
    memberId: member.id,
    from: input.from,
    to: input.to,
    reason: input.reason ?? null,
    cancelledAt: null,
    createdAt: now,
    kind: input.kind,
    status: "pending",
    no: (last?.no ?? 0) + 1,
  };
  return {
    leave,
    approvers: await approversOf(db, group, member.userId),
    writes: [
      db.insert(leaves).values(leave),
      auditWrite(db, {
        groupId: group.id,
        by: member.userId,
        action: "leave.request",
        subjectId: leave.id,
        detail: { from: input.from, to: input.to, kind: input.kind, no: leave.no },
        now,
      }),
    ],
  };
}

/** A leave's id from its number in a group (reply commands). */
export async function leaveIdByNo(db: Database, groupId: string, no: number): Promise<string | undefined> {
  const [row] = await db
    .select({ id: leaves.id })
    .from(leaves)
    .where(and(eq(leaves.groupId, groupId), eq(leaves.no, no)))
    .limit(1);
  return row?.id;
}

/** The group a leave request belongs to (a card button names only the leave). */
export async function leaveGroupId(db: Database, leaveId: string): Promise<string | undefined> {
  const [row] = await db.select({ groupId: leaves.groupId }).from(leaves).where(eq(leaves.id, leaveId)).limit(1);
  return row?.groupId;
}

export type LeaveDecisionCase =
  | { ok: false; code: "not-found" }
  | { ok: false; code: "not-approver" | "already-decided" | "locked"; leave: Leave; group: Group; requester: Member }
  | {
      ok: true;
      code: "approved" | "rejected";
      leave: Leave;
      group: Group;
      requester: Member;
      /** The decider's name as their group (or the admin list) has it. */
      decider: string;
      writes: BatchItem[];
    };

/**
 * 批准 / 驳回 a leave, once (the decision's primary key is the leave): by a
 * leader of the requester's group or an admin of its organisation, never by
 * the requester. Someone of another organisation learns nothing of it.
 */
export async function decideLeaveCase(
  db: Database,
  input: {
    leaveId: string;
    tenant: Pick<Group, "platform" | "tenantKey">;
    by: string;
    decision: "approve" | "reject";
    now: Date;
  },
): Promise<LeaveDecisionCase> {
  const [row] = await db
    .select({ leave: leaves, group: groups, requester: members })
    .from(leaves)
    .innerJoin(groups, eq(groups.id, leaves.groupId))
    .innerJoin(members, eq(members.id, leaves.memberId))
    .where(eq(leaves.id, input.leaveId))
    .limit(1);
  if (!row || row.group.platform !== input.tenant.platform || row.group.tenantKey !== input.tenant.tenantKey)
    return { ok: false, code: "not-found" };
  const { leave, group, requester } = row;
  const [decider] = await db
    .select({ role: members.role, name: members.name })
    .from(members)
    .where(and(eq(members.groupId, group.id), eq(members.userId, input.by), eq(members.active, true)))
    .limit(1);
  const allowed = input.by !== requester.userId && (decider?.role === "leader" || (await isAdmin(db, group, input.by)));
  if (!allowed) return { ok: false, code: "not-approver", leave, group, requester };
  if (leave.status !== "pending" || leave.cancelledAt)
    return { ok: false, code: "already-decided", leave, group, requester };
  // Approving would change a final (published and closed) month: that is a 更正's job, which is logged.
  if (input.decision === "approve")
    for (const month of monthsBetween(leave.from, leave.to))
      if (await isLocked(db, group.id, month)) return { ok: false, code: "locked", leave, group, requester };
  const status = input.decision === "approve" ? ("approved" as const) : ("rejected" as const);
  const admin = decider?.name ? undefined : (await listAdmins(db, group)).find((a) => a.userId === input.by);
  return {
    ok: true,
    code: status,
    leave: { ...leave, status },
    group,
    requester,
    decider: decider?.name || admin?.name || `成员${input.by.slice(-4)}`,
    writes: [
      db.insert(leaveDecisions).values({
        leaveId: leave.id,
        decision: status,
        byUserId: input.by,
        decidedAt: input.now,
      }),
      db.update(leaves).set({ status }).where(eq(leaves.id, leave.id)),
      auditWrite(db, {
        groupId: group.id,
        by: input.by,
        action: `leave.${input.decision}`,
        subjectId: leave.id,
        detail: { from: leave.from, to: leave.to, kind: leave.kind, no: leave.no },
        now: input.now,
      }),
    ],
  };
}

/** Who decided a leave and when, for a card showing it decided. */
export async function leaveDecisionOf(db: Database, leaveId: string) {
  const [row] = await db.select().from(leaveDecisions).where(eq(leaveDecisions.leaveId, leaveId)).limit(1);
  return row;
}

/** Members of the group away on a date: leave requested or approved (a rejected one is not). */
export async function onLeave(db: Database, groupId: string, date: IsoDate): Promise<Set<string>> {
  const rows = await db
    .select({ memberId: leaves.memberId })
    .from(leaves)
    .where(
      and(
        eq(leaves.groupId, groupId),
        lte(leaves.from, date),
        gte(leaves.to, date),
        isNull(leaves.cancelledAt),
        ne(leaves.status, "rejected"),
      ),
    );
  return new Set(rows.map((r) => r.memberId));
}

/** Longest leave one message may record. */
export const MAX_LEAVE_DAYS = 90;
/** How far ahead a leave may start: a year covers any planned leave. */
export const MAX_LEAVE_AHEAD_DAYS = 366;

export type LeaveRequestResult =
  | { ok: false; code: "too_far_ahead"; max: number }
  | { ok: false; code: "out_of_order" }
  | { ok: false; code: "too_long"; max: number }
  | { ok: false; code: "reason_too_long"; max: number; got: number }
  | {
      ok: true;
      code: "requested";
      leave: Leave;
      approvers: { userId: string; name: string }[];
      writes: BatchItem[];
      messages: OutboundMessage[];
    };

/**
 * 请假 from chat: the span and the reason checked (how far ahead, in order, how long), then the
 * request stored and its card sent to each approver (rendered by `card`, in Chinese).
 */
export async function requestLeaveChecked(
  deps: { db: Database; card: (leave: Leave, requester: string) => MessageBody },
  input: {
    group: Group;
    member: Member;
    from: IsoDate;
    to: IsoDate;
    kind: LeaveKind;
    reason?: string;
    /** Shown to approvers when the member has no name. */
    requester: string;
    today: IsoDate;
    now: Date;
  },
): Promise<LeaveRequestResult> {
  const { from, to, reason } = input;
  if (from > addDays(input.today, MAX_LEAVE_AHEAD_DAYS))
    return { ok: false, code: "too_far_ahead", max: MAX_LEAVE_AHEAD_DAYS };
  if (to < from) return { ok: false, code: "out_of_order" };
  if (addDays(from, MAX_LEAVE_DAYS) < to) return { ok: false, code: "too_long", max: MAX_LEAVE_DAYS };
  if (reason && charCount(reason) > MAX_REASON_CHARS)
    return { ok: false, code: "reason_too_long", max: MAX_REASON_CHARS, got: charCount(reason) };
  const { group, member, kind, now } = input;
  const { leave, writes, approvers } = await requestLeave(deps.db, {
    group,
    member,
    from,
    to,
    kind,
    ...(reason ? { reason } : {}),
    now,
  });
  const body = deps.card(leave, input.requester);
  const messages: OutboundMessage[] = approvers.map((a) => ({
    key: `leave:${leave.id}:${a.userId}`,
    to: { type: "open_id", id: a.userId },
    ...body,
  }));
  return { ok: true, code: "requested", leave, approvers, writes, messages };
}
