import { and, desc, eq, isNull } from "drizzle-orm";
import type { BatchItem, Database } from "../db/database";
import { records, type Member, type RecordRow } from "../db/schema";
import { monthOf, type IsoDate } from "../domain/dates";
import { countRecordsOfMonth, getRecord, withdrawRecord } from "./records";

export type WithdrawResult =
  | {
      ok: true;
      code: "withdrawn";
      record: RecordRow /** Live records left in its month. */;
      left: number;
      writes: BatchItem[];
    }
  | { ok: false; code: "already_withdrawn"; record: RecordRow }
  | { ok: false; code: "not_found" | "not_author" | "nothing_live" };

async function withdraw(db: Database, record: RecordRow, actorUserId: string, now: Date): Promise<WithdrawResult> {
  const writes = withdrawRecord(db, record, actorUserId, now);
  const left = (await countRecordsOfMonth(db, record.memberId, monthOf(record.date))) - 1;
  return { ok: true, code: "withdrawn", record, left, writes };
}

/** The 撤回 button on a receipt: only the record's author takes it back, once. */
export async function withdrawOwnRecord(
  db: Database,
  input: { recordId: string; operator: Member | undefined; operatorUserId: string; now: Date },
): Promise<WithdrawResult> {
  const record = await getRecord(db, input.recordId);
  if (!record) return { ok: false, code: "not_found" };
  if (input.operator?.id !== record.memberId) return { ok: false, code: "not_author" };
  if (record.withdrawnAt) return { ok: false, code: "already_withdrawn", record };
  return withdraw(db, record, input.operatorUserId, input.now);
}

/** 撤回 as a command: the member's latest live record, or that day's latest. */
export async function withdrawLatest(
  db: Database,
  input: { member: Member; date?: IsoDate; actorUserId: string; now: Date },
): Promise<WithdrawResult> {
  const [record] = await db
    .select()
    .from(records)
    .where(
      and(
        eq(records.memberId, input.member.id),
        isNull(records.withdrawnAt),
        ...(input.date ? [eq(records.date, input.date)] : []),
      ),
    )
    .orderBy(desc(records.date), desc(records.createdAt))
    .limit(1);
  if (!record) return { ok: false, code: "nothing_live" };
  return withdraw(db, record, input.actorUserId, input.now);
}

/** The group a record belongs to (what a click on its receipt is about). */
export async function recordGroupId(db: Database, recordId: string): Promise<string | undefined> {
  return (await getRecord(db, recordId))?.groupId;
}
