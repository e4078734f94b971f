import { and, asc, desc, eq, lt, max, ne, or, gte, inArray } from "drizzle-orm";
import type { BatchItem, Database } from "../db/database";
import { newId } from "../db/ids";
import { followUps, members, publications, type FollowUp, type Group, type Member } from "../db/schema";
import { auditWrite } from "./audit";
import { isLeader } from "./authority";

/**
 * 整改清单 (issue 14 item 5; 篇3 line 57 「建立问题、措施、责任、时限“四项清单”，依单推进，逐项逐条核实
 * 销号」): a person whose result fell below the scheme's line gets items, each with its problem, measure,
 * who answers for it and by when; a leader closes each off (销号). Open items, and those closed since the
 * person's last report card, show on the next one.
 */

/** The period a new item follows up: the group's latest published result (a quarter or a year). */
export async function latestPublishedPeriod(db: Database, groupId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ period: publications.period })
    .from(publications)
    .where(eq(publications.groupId, groupId))
    .orderBy(desc(publications.publishedAt))
    .limit(1);
  return row?.period;
}

export type AddOutcome =
  | { code: "added"; item: FollowUp; writes: BatchItem[] }
  | { code: "no-period" }
  | { code: "past-due"; today: string };

/** A new item for a member, numbered in the group (整改 3), logged. */
export async function addFollowUp(
  db: Database,
  input: {
    group: Group;
    member: Member;
    problem: string;
    measure: string;
    owner: string;
    due: string;
    today: string;
    by: string;
    now: Date;
  },
): Promise<AddOutcome> {
  if (input.due < input.today) return { code: "past-due", today: input.today };
  const period = await latestPublishedPeriod(db, input.group.id);
  if (!period) return { code: "no-period" };
  const [last] = await db
    .select({ n: max(followUps.no) })
    .from(followUps)
    .where(eq(followUps.groupId, input.group.id));
  const item: FollowUp = {
    id: newId("fup", input.now.getTime()),
    groupId: input.group.id,
    no: (last?.n ?? 0) + 1,
    memberId: input.member.id,
    period,
    problem: input.problem,
    measure: input.measure,
    owner: input.owner,
    due: input.due,
    status: "open",
    createdBy: input.by,
    createdAt: input.now,
    closedBy: null,
    closedAt: null,
    closingNote: null,
  };
  const writes = [
    // The unique (group, no) index makes the later of two racing additions fail rather than share a number.
    db.insert(followUps).values(item),
    auditWrite(db, {
      groupId: input.group.id,
      by: input.by,
      action: "followup.add",
      subjectId: item.id,
      detail: {
        period,
        member: input.member.id,
        seq: item.no,
        problem: item.problem,
        measure: item.measure,
        responsible: item.owner,
        due: item.due,
      },
      now: input.now,
    }),
  ] as BatchItem[];
  return { code: "added", item, writes };
}

export type CloseOutcome =
  | { code: "closed"; item: FollowUp; writes: BatchItem[] }
  | { code: "not-found" }
  | { code: "already-closed"; item: FollowUp };

/** 销号: a leader closes an item once, with what was done; logged. */
export async function closeFollowUp(
  db: Database,
  input: { group: Group; no?: number; id?: string; note: string; by: string; now: Date },
): Promise<CloseOutcome> {
  const [item] = await db
    .select()
    .from(followUps)
    .where(
      and(
        eq(followUps.groupId, input.group.id),
        input.id !== undefined ? eq(followUps.id, input.id) : eq(followUps.no, input.no ?? -1),
      ),
    )
    .limit(1);
  if (!item) return { code: "not-found" };
  if (item.status === "closed") return { code: "already-closed", item };
  const closed: FollowUp = {
    ...item,
    status: "closed",
    closedBy: input.by,
    closedAt: input.now,
    closingNote: input.note || null,
  };
  const writes = [
    db
      .update(followUps)
      .set({ status: "closed", closedBy: input.by, closedAt: input.now, closingNote: closed.closingNote })
      .where(and(eq(followUps.id, item.id), eq(followUps.status, "open"))),
    auditWrite(db, {
      groupId: input.group.id,
      by: input.by,
      action: "followup.close",
      subjectId: item.id,
      detail: { period: item.period, member: item.memberId, seq: item.no, comment: closed.closingNote },
      now: input.now,
    }),
  ] as BatchItem[];
  return { code: "closed", item: closed, writes };
}

/** A group's items, open first, then by number; one member's only when `memberId` is given. */
export async function followUpsOf(
  db: Database,
  groupId: string,
  opts: { memberId?: string; openOnly?: boolean } = {},
): Promise<FollowUp[]> {
  return db
    .select()
    .from(followUps)
    .where(
      and(
        eq(followUps.groupId, groupId),
        ...(opts.memberId ? [eq(followUps.memberId, opts.memberId)] : []),
        ...(opts.openOnly ? [eq(followUps.status, "open")] : []),
      ),
    )
    .orderBy(desc(followUps.status), asc(followUps.no));
}

/**
 * What a report card for `period` shows of each member's items: those still open, and those closed
 * since the group's publication before this one (all closed ones when there was none). Items raised on
 * this very period's result belong to the next card.
 */
export async function followUpsForCard(
  db: Database,
  group: Group,
  period: string,
  memberIds: readonly string[],
): Promise<Map<string, FollowUp[]>> {
  if (!memberIds.length) return new Map();
  const [current] = await db
    .select({ publishedAt: publications.publishedAt })
    .from(publications)
    .where(and(eq(publications.groupId, group.id), eq(publications.period, period)))
    .limit(1);
  const [before] = current
    ? await db
        .select({ publishedAt: publications.publishedAt })
        .from(publications)
        .where(and(eq(publications.groupId, group.id), lt(publications.publishedAt, current.publishedAt)))
        .orderBy(desc(publications.publishedAt))
        .limit(1)
    : [];
  const rows = await db
    .select()
    .from(followUps)
    .where(
      and(
        eq(followUps.groupId, group.id),
        inArray(followUps.memberId, [...memberIds]),
        ne(followUps.period, period),
        before ? or(eq(followUps.status, "open"), gte(followUps.closedAt, before.publishedAt)) : undefined,
      ),
    )
    .orderBy(desc(followUps.status), asc(followUps.no));
  const out = new Map<string, FollowUp[]>();
  for (const r of rows) out.set(r.memberId, [...(out.get(r.memberId) ?? []), r]);
  return out;
}

/** Everyone of the group, former members too: an item names who it is about and who closed it. */
export function groupPeople(db: Database, groupId: string): Promise<Member[]> {
  return db.select().from(members).where(eq(members.groupId, groupId));
}

/** 整改 alone: a leader sees everyone's items and may close them; anyone else sees their own. */
export async function followUpList(db: Database, input: { group: Group; member: Member }) {
  const canClose = isLeader(input.member);
  const people = await groupPeople(db, input.group.id);
  const items = await followUpsOf(db, input.group.id, canClose ? {} : { memberId: input.member.id });
  return { items, people, canClose };
}
