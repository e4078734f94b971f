/**
 * 测评票数导入 (issue 14 item 2): vote totals counted on paper, sent as a sheet. Each row becomes a
 * closed survey of source "import" with its totals and feeds its leaf exactly as a closed page survey
 * does. All rows apply together, or none and every problem is returned with its row, as codes.
 */
import { and, eq } from "drizzle-orm";
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
