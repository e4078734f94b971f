import { and, asc, between, count, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../db/database";
import { newId } from "../db/ids";
import { preparedPer, preparedWrite } from "../db/prepared";
import { records, type Group, type Member, type RecordRow } from "../db/schema";
import type { WorkCalendar } from "../domain/calendar";
import { monthOf, type IsoDate, type IsoMonth } from "../domain/dates";
import { auditWriteIfChanged, type Writes } from "./audit";

export { MAX_RECORD_CHARS } from "../domain/text";

export function addRecord(
  db: Database,
  input: {
    group: Group;
    member: Member;
    date: IsoDate;
    text: string;
    sourceMessageId?: string;
    now: Date;
    id?: string;
  },
) {
  const id = input.id ?? newId("rec", input.now.getTime());
  // No audit_log row: the record itself is the trail (who, when, from which message), and
  // records are never deleted, only marked withdrawn, which is logged.
  return {
    id,
    writes: [
      insertRecord(db, {
        id,
        groupId: input.group.id,
        memberId: input.member.id,
        date: input.date,
        text: input.text,
        sourceMessageId: input.sourceMessageId ?? null,
        createdAt: input.now,
      }),
    ],
  };
}

/** Every 日报 inserts one: prepared once (src/db/prepared.ts); no source message is a NULL, as the builder gives. */
const insertRecord = preparedWrite<{
  id: string;
  groupId: string;
  memberId: string;
  date: IsoDate;
  text: string;
  sourceMessageId: string | null;
  createdAt: Date;
}>((db) =>
  db
    .insert(records)
    .values({
      id: sql.placeholder("id"),
      groupId: sql.placeholder("groupId"),
      memberId: sql.placeholder("memberId"),
      date: sql.placeholder("date"),
      text: sql.placeholder("text"),
      sourceMessageId: sql.placeholder("sourceMessageId"),
      createdAt: sql.placeholder("createdAt"),
    })
    .prepare(),
);

/**
 * The id of a record filed from an earlier message (the 「记为日报」 button):
 * derived from that message, so a second click, or two at once, cannot file
 * it twice — the second insert meets the first's primary key.
 */
export function recordIdFromMessage(messageId: string): string {
  return `rec_m_${messageId}`;
}

export async function getRecord(db: Database, id: string): Promise<RecordRow | undefined> {
  const [r] = await recordById(db).all({ id });
  return r;
}

/** A click on a receipt reads its record: prepared once (src/db/prepared.ts). */
const recordById = preparedPer((db) =>
  db
    .select()
    .from(records)
    .where(eq(records.id, sql.placeholder("id")))
    .limit(1)
    .prepare(),
);

/**
 * Marks a record withdrawn; the row stays for the audit trail. Only counts if it was still live,
 * and only then is it logged: two clicks read the record live before either commits (concurrent
 * requests commit together, src/db/file-client.ts), so the audit row follows the update's own
 * outcome (`changes()`, the rows the update before it changed in the same batch), not the read.
 */
export function withdrawRecord(db: Database, record: RecordRow, actorUserId: string, now: Date): Writes {
  return [
    markWithdrawn(db, { id: record.id, withdrawnAt: now }),
    auditWriteIfChanged(db, {
      groupId: record.groupId,
      by: actorUserId,
      action: "record.withdraw",
      subjectId: record.id,
      now,
    }),
  ];
}

/** The update of 撤回: prepared once (src/db/prepared.ts). */
const markWithdrawn = preparedWrite<{ id: string; withdrawnAt: Date }>((db) =>
  db
    .update(records)
    // A placeholder bound to the column, so a Date is stored as the builder stores it (milliseconds).
    .set({ withdrawnAt: sql`${sql.param(sql.placeholder("withdrawnAt"), records.withdrawnAt)}` })
    .where(and(eq(records.id, sql.placeholder("id")), isNull(records.withdrawnAt)))
    .prepare(),
);

export async function liveRecordsOfMonth(db: Database, memberId: string, month: IsoMonth): Promise<RecordRow[]> {
  return db
    .select()
    .from(records)
    .where(
      and(
        eq(records.memberId, memberId),
        between(records.date, `${month}-01`, `${month}-31`),
        isNull(records.withdrawnAt),
      ),
    )
    .orderBy(asc(records.date), asc(records.createdAt));
}

/** How many live records a person has this month (for the receipt), without reading them. */
const countQuery = preparedPer((db) =>
  db
    .select({ n: count() })
    .from(records)
    .where(
      and(
        eq(records.memberId, sql.placeholder("memberId")),
        between(records.date, sql.placeholder("from"), sql.placeholder("to")),
        isNull(records.withdrawnAt),
      ),
    )
    .prepare(),
);

export async function countRecordsOfMonth(db: Database, memberId: string, month: IsoMonth): Promise<number> {
  const [row] = await countQuery(db).all({ memberId, from: `${month}-01`, to: `${month}-31` });
  return row?.n ?? 0;
}

export interface MonthSummary {
  month: IsoMonth;
  records: RecordRow[];
  /** Workdays of the month up to and including today. */
  workdaysSoFar: IsoDate[];
  /** Of those, the ones without a record. */
  missing: IsoDate[];
}

/** 我的: a person's month so far, and the workdays still without a record. */
export async function monthSummary(
  db: Database,
  calendar: WorkCalendar,
  memberId: string,
  today: IsoDate,
): Promise<MonthSummary> {
  const month = monthOf(today);
  const list = await liveRecordsOfMonth(db, memberId, month);
  const recorded = new Set(list.map((r) => r.date));
  const workdaysSoFar = calendar.workdaysOfMonth(month).filter((d) => d <= today);
  return { month, records: list, workdaysSoFar, missing: workdaysSoFar.filter((d) => !recorded.has(d)) };
}
