import type { BatchItem, Database } from "../db/database";
import type { Group, Member, RecordRow } from "../db/schema";
import { localDate, monthOf } from "../domain/dates";
import { addMember, findGroup } from "./groups";
import { addRecord, countRecordsOfMonth, getRecord, recordIdFromMessage } from "./records";

/** What the 「记为日报」 button carries: the text was never stored, so the click brings it back. */
export interface Suggestion {
  message: string;
  sender: string;
  chat: string;
  date: string;
  text: string;
}

/** A filed record as its receipt shows it. */
export interface FiledRecord {
  record: Pick<RecordRow, "id" | "date" | "text" | "withdrawnAt">;
  monthCount: number;
}

export type SuggestedResult =
  | ({ ok: true; code: "filed"; writes: BatchItem[] } & FiledRecord)
  | ({ ok: false; code: "already" } & FiledRecord)
  | { ok: false; code: "not_sender" | "group_inactive" | "member_inactive" | "expired" };

/** The group a suggestion was made in. */
export async function suggestionGroupId(db: Database, platform: "lark" | "wechat", chatId: string) {
  return (await findGroup(db, { platform, chatId }))?.id;
}

/** The record a suggestion was filed as, if it was. */
export async function filedSuggestion(db: Database, messageId: string): Promise<FiledRecord | undefined> {
  const record = await getRecord(db, recordIdFromMessage(messageId));
  if (!record) return undefined;
  return { record, monthCount: await countRecordsOfMonth(db, record.memberId, monthOf(record.date)) };
}

/**
 * Files the suggested text as the sender's record of the day it was written. Only the
 * sender's click counts; a second click finds the record already there (its id derives
 * from the message, so two clicks at once cannot file it twice).
 */
export async function fileSuggestedRecord(
  db: Database,
  input: { group: Group; member: Member | undefined; operatorUserId: string; suggestion: Suggestion; now: Date },
): Promise<SuggestedResult> {
  const { group, suggestion: s, now } = input;
  if (input.operatorUserId !== s.sender) return { ok: false, code: "not_sender" };
  const filed = await filedSuggestion(db, s.message);
  if (filed) return { ok: false, code: "already", ...filed };
  if (!group.active) return { ok: false, code: "group_inactive" };
  if (input.member && !input.member.active) return { ok: false, code: "member_inactive" };
  // The day it was written: filed later, it would be a backfill, which needs a leader.
  if (localDate(now, group.timezone) !== s.date) return { ok: false, code: "expired" };
  const writes: BatchItem[] = [];
  let member = input.member;
  if (!member) {
    const added = addMember(db, group.id, s.sender, now);
    writes.push(added.write);
    member = added.member;
  }
  const before = await countRecordsOfMonth(db, member.id, monthOf(s.date));
  const id = recordIdFromMessage(s.message);
  const added = addRecord(db, { group, member, date: s.date, text: s.text, sourceMessageId: s.message, now, id });
  writes.push(...added.writes);
  return {
    ok: true,
    code: "filed",
    record: { id, date: s.date, text: s.text, withdrawnAt: null },
    monthCount: before + 1,
    writes,
  };
}
