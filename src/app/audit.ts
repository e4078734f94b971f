import { sql } from "drizzle-orm";
import type { BatchItem, Database } from "../db/database";
import { newId } from "../db/ids";
import { auditLog } from "../db/schema";

/**
 * The one writer of the audit log. Every rule that changes something records who, what, on
 * what and when through it, so the 审计记录 sheet reads the same shape from every door.
 */

/** What a batch of writes is: drizzle builders committed together (no `unknown[]`, no `as never[]`). */
export type Writes = BatchItem[];

/** Every action the app audits; export-audit.ts gives each its Chinese label. */
export type AuditAction =
  | "rating.set"
  | "adjustment.bonus"
  | "adjustment.deduction"
  | "award.add"
  | `claim.${"award" | "bonus" | "backfill" | "approved" | "rejected" | "adjusted" | "decide"}`
  | "scheme.set"
  | `appeal.${"open" | "decide" | "upheld" | "amended"}`
  | `publication.${"final" | "correct" | "amend"}`
  | "record.withdraw"
  | `leave.${"add" | "request" | "approve" | "reject"}`
  | `scheme.${"propose" | "reject"}`
  | `survey.${"open" | "close" | "import"}`
  | "grades.confirm"
  | "grade.override"
  | `followup.${"add" | "close"}`
  | "group.settings"
  | "group.sync"
  | `member.${"join" | "leave"}`
  | "review.submit"
  | "roster.import"
  | "roster.move"
  | "goal.set"
  | "goal.cancel"
  | `goal.plan.${"propose" | "approve" | "reject"}`
  | "department.score"
  | `unit.${"scheme" | "rating" | "pool"}`
  | `role.${"admin" | "leader"}.${"add" | "remove"}`
  | `link.${"room" | "person" | "failed"}`
  | `link.code.${"room" | "person"}`;

export interface AuditEntry {
  /** The group it happened in; null for what belongs to no group yet (a failed 绑定). */
  groupId: string | null;
  /** Who did it (the platform user id); null for the bot itself. */
  by: string | null;
  action: AuditAction;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
  now: Date;
  /**
   * A fixed id (e.g. from the update's event id) makes the row idempotent: a retried update
   * writes it once, the second insert doing nothing.
   */
  id?: string;
}

/** One audit row, as a write to commit with the change it records. */
export function auditWrite(db: Database, entry: AuditEntry): BatchItem {
  const insert = db.insert(auditLog).values({
    id: entry.id ?? newId("aud", entry.now.getTime()),
    groupId: entry.groupId,
    actorUserId: entry.by,
    action: entry.action,
    ...(entry.subjectId !== undefined ? { subjectId: entry.subjectId } : {}),
    ...(entry.detail !== undefined ? { detail: entry.detail } : {}),
    at: entry.now,
  });
  return entry.id === undefined ? insert : insert.onConflictDoNothing();
}

/**
 * One audit row that is written only if the write just before it in the same batch changed a row
 * (SQLite's `changes()`): for an update that may find nothing left to change, such as a record two
 * racing clicks withdraw, so the log follows what the update did rather than what was read before it.
 */
export function auditWriteIfChanged(db: Database, entry: AuditEntry): BatchItem {
  const columns = [
    auditLog.id,
    auditLog.groupId,
    auditLog.actorUserId,
    auditLog.action,
    auditLog.subjectId,
    auditLog.detail,
    auditLog.at,
  ];
  const values = [
    newId("aud", entry.now.getTime()),
    entry.groupId,
    entry.by,
    entry.action,
    entry.subjectId ?? null,
    entry.detail === undefined ? null : JSON.stringify(entry.detail),
    entry.now.getTime(),
  ];
  const names = sql.join(
    columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  const row = sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
  return db.run(sql`insert into ${auditLog} (${names}) select ${row} where changes() = 1`);
}
