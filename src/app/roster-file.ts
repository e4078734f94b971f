/**
 * 花名册导入 from a file: which files are rosters to answer, and reading, checking and planning one.
 * Codes only; cards/roster-import-reply.ts says them.
 */
import type { Database } from "../db/database";
import type { Group, Member } from "../db/schema";
import { CsvDecodeError, decodeCsv, parseCsv } from "../domain/csv";
import { localDate } from "../domain/dates";
import { parseRoster, type RosterCell } from "../domain/roster";
import { readFirstSheet, XlsxReadError } from "../domain/xlsx/read";
import { isLeader } from "./authority";
import type { FileDownloader } from "./ports";
import { isAdmin, listAdmins } from "./roles";
import { planRosterImport, type RosterPlan } from "./roster";

/** A roster of 20,000 people is well under this; anything larger is not a roster. */
export const MAX_ROSTER_FILE_BYTES = 10 * 1024 * 1024;

export type RosterKind = "xlsx" | "csv";
const kindOf = (name: string): RosterKind | undefined =>
  /\.xlsx$/i.test(name) ? "xlsx" : /\.csv$/i.test(name) ? "csv" : undefined;

/** Whether a file shared in a group comes from the office (or from a leader who would become it). */
export async function isOfficeSender(db: Database, group: Group, member: Member, userId: string): Promise<boolean> {
  if (await isAdmin(db, group, userId)) return true;
  return isLeader(member) && (await listAdmins(db, group)).length === 0;
}

export type RosterFileCheck =
  | { ok: true; kind: RosterKind }
  | { ok: false; code: "ignored" | "xls" | "not-spreadsheet" };

/** Whether a file is a roster to import (answered), one to ignore (shared in a group), or the wrong kind. */
export async function rosterFileCheck(
  db: Database,
  input: { group: Group; member: Member; userId: string; fileName: string; inGroupChat: boolean },
): Promise<RosterFileCheck> {
  const kind = kindOf(input.fileName);
  // In a group people share all sorts of files: only a spreadsheet from the office is a roster.
  if (input.inGroupChat && (!kind || !(await isOfficeSender(db, input.group, input.member, input.userId))))
    return { ok: false, code: "ignored" };
  if (!kind) return { ok: false, code: /\.xls$/i.test(input.fileName) ? "xls" : "not-spreadsheet" };
  return { ok: true, kind };
}

export type RosterFileResult =
  | { ok: false; code: "no-files" | "download-failed" | "too-big" | "unreadable-xlsx" | "unreadable-csv" }
  | ({ ok: false; code: "problems" } & RosterPlan)
  | ({ ok: true; code: "imported" } & RosterPlan);

function readRows(kind: RosterKind, bytes: Uint8Array): RosterCell[][] | "unreadable-xlsx" | "unreadable-csv" {
  try {
    return kind === "xlsx" ? readFirstSheet(bytes) : parseCsv(decodeCsv(bytes));
  } catch (error) {
    if (error instanceof XlsxReadError) return "unreadable-xlsx";
    if (error instanceof CsvDecodeError) return "unreadable-csv";
    throw error;
  }
}

/** Downloads, reads and plans a roster: every row checked, all applied together or none. */
export async function importRosterFile(
  deps: {
    db: Database;
    files?: FileDownloader;
    platform: Group["platform"];
    log: { warn(message: string, fields?: Record<string, unknown>): void };
  },
  input: { group: Group; kind: RosterKind; messageId: string; fileKey: string; by: string; now: Date },
): Promise<RosterFileResult> {
  if (!deps.files) return { ok: false, code: "no-files" };
  const got = await deps.files.download(input.messageId, input.fileKey);
  if (!got.ok) {
    deps.log.warn("roster download failed", { messageId: input.messageId, error: got.error });
    return { ok: false, code: "download-failed" };
  }
  if (got.bytes.length > MAX_ROSTER_FILE_BYTES) return { ok: false, code: "too-big" };
  const rows = readRows(input.kind, got.bytes);
  if (typeof rows === "string") return { ok: false, code: rows };
  const plan = await planRosterImport(deps.db, {
    platform: deps.platform,
    tenantKey: input.group.tenantKey,
    parsed: parseRoster(rows),
    by: input.by,
    now: input.now,
    today: localDate(input.now, input.group.timezone),
  });
  return plan.problems.length ? { ok: false, code: "problems", ...plan } : { ok: true, code: "imported", ...plan };
}
