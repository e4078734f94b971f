/**
 * 测评票数导入 (issue 14 item 2): vote totals counted on paper, sent as a sheet. Each row becomes a
 * closed survey of source "import" with its totals and feeds its leaf exactly as a closed page survey
 * does. All rows apply together, or none and every problem is returned with its row, as codes.
 */
import { and, eq } from "drizzle-orm";
import { CsvDecodeError, decodeCsv, parseCsv } from "../domain/csv";
import { parseVoteSheet, type VoteProblem } from "../domain/survey-sheet";
import { readFirstSheet, XlsxReadError, type ReadCell } from "../domain/xlsx/read";
import { isLeader } from "./authority";
import type { FileDownloader } from "./ports";
import type { BatchItem, Database } from "../db/database";
import { newId } from "../db/ids";
import { members, surveys, type Group, type Member } from "../db/schema";
import type { IsoMonth } from "../domain/dates";
import { surveyResult, type SurveyResult } from "../domain/survey";
import { WHOLE_GROUP, type VoteRow } from "../domain/survey-sheet";
import { auditWrite } from "./audit";
import { displayName } from "./scores";
import { schemeForMonth } from "./schemes";
import {
  nextSurveySeq,
  pick,
  randomKey,
  resultWrites,
  surveyLeaf,
  type DimensionProblem,
  type Survey,
} from "./surveys";

export type ImportProblem = { row: number; name: string; dimension: string } & (
  | DimensionProblem
  | { code: "unknown-person" }
  | { code: "namesakes"; count: number }
);

export async function importVotes(
  db: Database,
  input: { group: Group; month: IsoMonth; rows: readonly VoteRow[]; by: string; now: Date },
): Promise<
  | { code: "ok"; imported: { row: VoteRow; survey: Survey; result: SurveyResult }[]; writes: BatchItem[] }
  | { code: "problems"; problems: ImportProblem[] }
> {
  const { group, month, now } = input;
  const { scheme } = await schemeForMonth(db, group, month, now);
  const people = await db
    .select()
    .from(members)
    .where(and(eq(members.groupId, group.id), eq(members.active, true)));
  const problems: ImportProblem[] = [];
  const planned: { row: VoteRow; member: Member | null; leaf: { key: string; name: string } }[] = [];
  for (const row of input.rows) {
    const at = { row: row.row, name: row.name, dimension: row.dimension };
    const leaf = surveyLeaf(scheme, row.dimension);
    if (leaf.code !== "ok") {
      problems.push({ ...at, ...leaf });
      continue;
    }
    if (row.name === WHOLE_GROUP) {
      planned.push({ row, member: null, leaf });
      continue;
    }
    // Typed names, no mentions: only an exact, unique name is a person.
    const named = people.filter((p) => p.name === row.name);
    if (named.length !== 1) {
      problems.push(
        named.length ? { ...at, code: "namesakes", count: named.length } : { ...at, code: "unknown-person" },
      );
      continue;
    }
    planned.push({ row, member: named[0]!, leaf });
  }
  if (problems.length) return { code: "problems", problems };
  let seq = await nextSurveySeq(db, group);
  const writes: BatchItem[] = [];
  const imported: { row: VoteRow; survey: Survey; result: SurveyResult }[] = [];
  for (const p of planned) {
    const result = surveyResult(p.row.counts, p.row.minSample);
    const survey: Survey = {
      id: newId("svy", now.getTime()),
      groupId: group.id,
      seq: seq++,
      period: month,
      dimension: p.leaf.key,
      memberId: p.member?.id ?? null,
      title: `${p.member ? displayName(p.member) : group.name || "本单位"} · ${p.leaf.name}`,
      source: "import",
      minSample: p.row.minSample,
      publicKey: randomKey(),
      printKey: randomKey(),
      votes: { ...p.row.counts },
      status: "closed",
      sample: result.sample,
      score: result.score,
      byUserId: input.by,
      closedAt: now,
      createdAt: now,
    };
    writes.push(
      db.insert(surveys).values(survey),
      ...(await resultWrites(db, survey, result, now)),
      auditWrite(db, {
        groupId: group.id,
        by: input.by,
        action: "survey.import",
        subjectId: survey.id,
        detail: { ...pick(survey), ...p.row.counts, row: p.row.row },
        now,
      }),
    );
    imported.push({ row: p.row, survey, result });
  }
  return { code: "ok", imported, writes };
}

/** A tally sheet is a few hundred rows; anything larger is not one. */
export const MAX_VOTE_FILE_BYTES = 2 * 1024 * 1024;

export type VoteFileResult =
  | { ok: false; code: "ignored" | "not-spreadsheet" | "not-leader" | "no-files" | "download-failed" | "too-big" }
  | { ok: false; code: "unreadable-xlsx" | "unreadable-csv" }
  | { ok: false; code: "sheet-problems"; problems: VoteProblem[] }
  | { ok: false; code: "problems"; problems: ImportProblem[] }
  | {
      ok: true;
      code: "imported";
      month: IsoMonth;
      imported: { row: VoteRow; survey: Survey; result: SurveyResult }[];
      writes: BatchItem[];
    };

/** The month a tally counts toward: one named in the file name (not later than now), else this month. */
export function voteFileMonth(fileName: string, current: IsoMonth): IsoMonth {
  const m = /(20\d\d)-(0[1-9]|1[0-2])/.exec(fileName);
  const named = m ? (`${m[1]}-${m[2]}` as IsoMonth) : undefined;
  return named && named <= current ? named : current;
}

function readRows(name: string, bytes: Uint8Array): ReadCell[][] | "unreadable-xlsx" | "unreadable-csv" {
  try {
    return /\.xlsx$/i.test(name) ? readFirstSheet(bytes) : parseCsv(decodeCsv(bytes));
  } catch (error) {
    if (error instanceof XlsxReadError) return "unreadable-xlsx";
    if (error instanceof CsvDecodeError) return "unreadable-csv";
    throw error;
  }
}

/** 测评票数导入: a leader's sheet, downloaded, read and imported whole; or why not, as a code. */
export async function importVoteFile(
  deps: {
    db: Database;
    files?: FileDownloader;
    log: { warn(message: string, fields?: Record<string, unknown>): void };
  },
  input: {
    group: Group;
    member: Member;
    inGroupChat: boolean;
    file: { name: string; key: string };
    messageId: string;
    currentMonth: IsoMonth;
    by: string;
    now: Date;
  },
): Promise<VoteFileResult> {
  const { file } = input;
  // In a group people share all sorts of files: only a leader's spreadsheet is a tally to import.
  if (input.inGroupChat && !isLeader(input.member)) return { ok: false, code: "ignored" };
  if (!/\.(xlsx|csv)$/i.test(file.name)) return { ok: false, code: "not-spreadsheet" };
  if (!isLeader(input.member)) return { ok: false, code: "not-leader" };
  if (!deps.files) return { ok: false, code: "no-files" };
  const got = await deps.files.download(input.messageId, file.key);
  if (!got.ok) {
    deps.log.warn("vote sheet download failed", { messageId: input.messageId, error: got.error });
    return { ok: false, code: "download-failed" };
  }
  if (got.bytes.length > MAX_VOTE_FILE_BYTES) return { ok: false, code: "too-big" };
  const rows = readRows(file.name, got.bytes);
  if (typeof rows === "string") return { ok: false, code: rows };
  const parsed = parseVoteSheet(rows);
  const month = voteFileMonth(file.name, input.currentMonth);
  if (parsed.problems.length) return { ok: false, code: "sheet-problems", problems: parsed.problems };
  const plan = await importVotes(deps.db, {
    group: input.group,
    month,
    rows: parsed.rows,
    by: input.by,
    now: input.now,
  });
  if (plan.code === "problems") return { ok: false, code: "problems", problems: plan.problems };
  return { ok: true, code: "imported", month, imported: plan.imported, writes: plan.writes };
}
