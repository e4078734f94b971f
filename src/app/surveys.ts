/**
 * 群众/社会评价 (issue 14 item 2): surveys of the public or the people served, answered on the survey
 * page with one-use codes or imported as vote totals, feeding one leaf of the scheme.
 *
 * Codes: issued as a batch when the survey opens (printed slips, or per-respondent links), one answer
 * each. A batch, rather than a code minted per visit, because a per-visit code only stops the same
 * browser answering twice: clearing cookies or opening another browser would vote again. A printed
 * slip is what offices already hand out with a paper 测评表, and its count is the most answers there
 * can be.
 *
 * The hook into scoring is small on purpose: a closed survey with enough answers becomes one rating
 * of the "public" (群众) rater group on its leaf for each person it covers (rater id `survey:<id>`),
 * so the engine scores it by its usual rule 1. A survey below its minimum writes nothing, and 成绩
 * marks the dimension instead (surveyLines).
 */
import { and, asc, eq, inArray, isNull, like, max, or, sql } from "drizzle-orm";
import type { BatchItem, Database } from "../db/database";
import { newId } from "../db/ids";
import { members, ratings, surveyCodes, surveys, type Group, type Member, type Survey } from "../db/schema";
import type { IsoMonth } from "../domain/dates";
import { findDimension, indexScheme, type Scheme } from "../domain/scheme";
import {
  CHOICES,
  codeFromBytes,
  CODE_LENGTH,
  surveyRaterId,
  surveyResult,
  type ChoiceKey,
  type SurveyResult,
  type VoteCounts,
} from "../domain/survey";
import { auditWrite } from "./audit";
import { displayName } from "./scores";
import { schemeForMonth } from "./schemes";

export type { Survey };

/** The rater group a survey's result is entered as (labelled 群众 in cards). */
export const PUBLIC_RATER = "public";
/** Rater ids of survey results: `survey:<survey id>`. */
const raterOf = surveyRaterId;

/** Rows per insert statement: 5 columns each, far inside SQLite's bound-parameter limit. */
const CODE_ROWS_PER_INSERT = 400;

const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));
/** 128 random bits as 32 hex characters: the page's address and the print page's key. */
export const randomKey = () => [...randomBytes(16)].map((b) => b.toString(16).padStart(2, "0")).join("");

export type DimensionProblem =
  | { code: "no-public-rater" }
  | { code: "unknown-dimension" }
  | { code: "ambiguous-dimension"; candidates: string[] }
  | { code: "not-a-leaf"; name: string }
  | { code: "computed-leaf"; name: string };

/** The leaf a survey is about: rated by people (not computed), in a scheme with a 群众 rater group. */
export function surveyLeaf(
  scheme: Scheme,
  query: string,
): { code: "ok"; key: string; name: string } | DimensionProblem {
  if (!(PUBLIC_RATER in scheme.raters)) return { code: "no-public-rater" };
  const found = findDimension(scheme, query);
  if (found.kind === "none") return { code: "unknown-dimension" };
  if (found.kind === "ambiguous")
    return { code: "ambiguous-dimension", candidates: found.candidates.map((d) => d.name) };
  const node = found.dimension;
  if (node.children?.length) return { code: "not-a-leaf", name: node.name };
  if (node.source) return { code: "computed-leaf", name: node.name };
  return { code: "ok", key: node.key, name: node.name };
}

export async function nextSurveySeq(db: Database, group: Group): Promise<number> {
  const [row] = await db
    .select({ last: max(surveys.seq) })
    .from(surveys)
    .where(eq(surveys.groupId, group.id));
  return (row?.last ?? 0) + 1;
}

export type OpenSurveyResult =
  | { code: "ok"; survey: Survey; codes: string[]; dimensionName: string; writes: BatchItem[] }
  | { code: "already-open"; seq: number }
  | DimensionProblem;

/** 问卷 开: a page survey for a month, with `codes` one-use respondent codes. */
export async function openSurvey(
  db: Database,
  input: {
    group: Group;
    month: IsoMonth;
    dimension: string;
    member: Member | null;
    codes: number;
    minSample: number;
    by: string;
    now: Date;
  },
): Promise<OpenSurveyResult> {
  const { group, month, member, now } = input;
  const { scheme } = await schemeForMonth(db, group, month, now);
  const leaf = surveyLeaf(scheme, input.dimension);
  if (leaf.code !== "ok") return leaf;
  const [open] = await db
    .select({ seq: surveys.seq })
    .from(surveys)
    .where(
      and(
        eq(surveys.groupId, group.id),
        eq(surveys.period, month),
        eq(surveys.dimension, leaf.key),
        member ? eq(surveys.memberId, member.id) : isNull(surveys.memberId),
        eq(surveys.status, "open"),
      ),
    )
    .limit(1);
  if (open) return { code: "already-open", seq: open.seq };
  const codes = new Set<string>();
  while (codes.size < input.codes) codes.add(codeFromBytes(randomBytes(CODE_LENGTH)));
  const survey: Survey = {
    id: newId("svy", now.getTime()),
    groupId: group.id,
    seq: await nextSurveySeq(db, group),
    period: month,
    dimension: leaf.key,
    memberId: member?.id ?? null,
    title: `${member ? displayName(member) : group.name || "本单位"} · ${leaf.name}`,
    source: "page",
    minSample: input.minSample,
    publicKey: randomKey(),
    printKey: randomKey(),
    votes: null,
    status: "open",
    sample: null,
    score: null,
    byUserId: input.by,
    closedAt: null,
    createdAt: now,
  };
  const list = [...codes];
  const writes: BatchItem[] = [db.insert(surveys).values(survey)];
  for (let i = 0; i < list.length; i += CODE_ROWS_PER_INSERT)
    writes.push(
      db
        .insert(surveyCodes)
        .values(list.slice(i, i + CODE_ROWS_PER_INSERT).map((code) => ({ surveyId: survey.id, code }))),
    );
  writes.push(
    auditWrite(db, {
      groupId: group.id,
      by: input.by,
      action: "survey.open",
      subjectId: survey.id,
      detail: { ...pick(survey), codes: list.length },
      now,
    }),
  );
  return { code: "ok", survey, codes: list, dimensionName: leaf.name, writes };
}

export const pick = (s: Survey) => ({
  seq: s.seq,
  month: s.period,
  dimension: s.dimension,
  member: s.memberId,
  minSample: s.minSample,
});

export async function findSurvey(db: Database, group: Group, seq: number): Promise<Survey | undefined> {
  const [row] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.groupId, group.id), eq(surveys.seq, seq)))
    .limit(1);
  return row;
}

export async function surveyByKey(db: Database, publicKey: string): Promise<Survey | undefined> {
  const [row] = await db.select().from(surveys).where(eq(surveys.publicKey, publicKey)).limit(1);
  return row;
}

/** The group's surveys of these months (and, with alsoOpen, any still open from before), in number order. */
export async function surveysOf(
  db: Database,
  group: Group,
  months: readonly IsoMonth[],
  o: { alsoOpen?: boolean } = {},
): Promise<Survey[]> {
  if (!months.length) return [];
  const inMonths = inArray(surveys.period, [...months]);
  return db
    .select()
    .from(surveys)
    .where(and(eq(surveys.groupId, group.id), o.alsoOpen ? or(inMonths, eq(surveys.status, "open")) : inMonths))
    .orderBy(asc(surveys.seq));
}

/** Answers so far: page surveys count their answered codes; imported ones carry their totals. */
export async function countVotes(db: Database, survey: Survey): Promise<VoteCounts> {
  const counts = Object.fromEntries(CHOICES.map((c) => [c.key, 0])) as VoteCounts;
  if (survey.source === "import") {
    for (const c of CHOICES) counts[c.key] = survey.votes?.[c.key] ?? 0;
    return counts;
  }
  const rows = await db
    .select({ choice: surveyCodes.choice, n: sql<number>`count(*)` })
    .from(surveyCodes)
    .where(eq(surveyCodes.surveyId, survey.id))
    .groupBy(surveyCodes.choice);
  for (const r of rows) if (r.choice) counts[r.choice] = Number(r.n);
  return counts;
}

export type AnswerCode = "ok" | "no-survey" | "closed" | "unknown-code" | "used-code";

/**
 * One answer on the page. The code is spent by one UPDATE that also requires it unspent and the
 * survey open, so two submissions racing with one code (or an answer racing the close) cannot
 * both count: SQLite runs each statement whole.
 */
export async function answerSurvey(
  db: Database,
  input: { publicKey: string; code: string; choice: ChoiceKey; comment: string | null; now: Date },
): Promise<AnswerCode> {
  const survey = await surveyByKey(db, input.publicKey);
  if (!survey || survey.source !== "page") return "no-survey";
  if (survey.status !== "open") return "closed";
  const spent = await db
    .update(surveyCodes)
    .set({ choice: input.choice, comment: input.comment, answeredAt: input.now })
    .where(
      and(
        eq(surveyCodes.surveyId, survey.id),
        eq(surveyCodes.code, input.code),
        isNull(surveyCodes.answeredAt),
        sql`exists (select 1 from ${surveys} where ${surveys.id} = ${survey.id} and ${surveys.status} = 'open')`,
      ),
    );
  if (spent.rowsAffected === 1) return "ok";
  const [row] = await db
    .select({ answeredAt: surveyCodes.answeredAt })
    .from(surveyCodes)
    .where(and(eq(surveyCodes.surveyId, survey.id), eq(surveyCodes.code, input.code)))
    .limit(1);
  if (!row) return "unknown-code";
  if (row.answeredAt) return "used-code";
  return "closed"; // the code was free, so the survey closed in between
}

/** Whether a code may still answer (the page shows the form only then). */
export async function codeState(db: Database, survey: Survey, code: string): Promise<"free" | "used" | "unknown"> {
  const [row] = await db
    .select({ answeredAt: surveyCodes.answeredAt })
    .from(surveyCodes)
    .where(and(eq(surveyCodes.surveyId, survey.id), eq(surveyCodes.code, code)))
    .limit(1);
  return !row ? "unknown" : row.answeredAt ? "used" : "free";
}

/** The codes of a page survey with whether each is spent, for the printable slips. */
export async function surveyCodeList(db: Database, survey: Survey): Promise<{ code: string; used: boolean }[]> {
  const rows = await db
    .select({ code: surveyCodes.code, answeredAt: surveyCodes.answeredAt })
    .from(surveyCodes)
    .where(eq(surveyCodes.surveyId, survey.id))
    .orderBy(asc(surveyCodes.code));
  return rows.map((r) => ({ code: r.code, used: r.answeredAt !== null }));
}

/** Who a survey's result is entered for: its person, or everyone active in the group. */
async function coveredMembers(db: Database, survey: Pick<Survey, "groupId" | "memberId">): Promise<Member[]> {
  return db
    .select()
    .from(members)
    .where(
      survey.memberId
        ? eq(members.id, survey.memberId)
        : and(eq(members.groupId, survey.groupId), eq(members.active, true)),
    );
}

/**
 * The result's ratings: one 群众 rating per person covered, replacing the live rating of any earlier
 * survey on the same leaf and month for that person (the latest survey counts, never an average of
 * surveys). Nothing when the sample is below the minimum.
 */
export async function resultWrites(
  db: Database,
  survey: Survey,
  result: SurveyResult,
  now: Date,
): Promise<BatchItem[]> {
  if (!result.counted || result.score === null) return [];
  const people = await coveredMembers(db, survey);
  if (!people.length) return [];
  const writes: BatchItem[] = [
    db
      .update(ratings)
      .set({ supersededAt: now })
      .where(
        and(
          eq(ratings.groupId, survey.groupId),
          eq(ratings.period, survey.period),
          eq(ratings.dimension, survey.dimension),
          eq(ratings.raterGroup, PUBLIC_RATER),
          like(ratings.raterUserId, "survey:%"),
          inArray(
            ratings.memberId,
            people.map((p) => p.id),
          ),
          isNull(ratings.supersededAt),
        ),
      ),
  ];
  const comment = `问卷${survey.seq} 样本 ${result.sample} 份`;
  for (let i = 0; i < people.length; i += CODE_ROWS_PER_INSERT / 2)
    writes.push(
      db.insert(ratings).values(
        people.slice(i, i + CODE_ROWS_PER_INSERT / 2).map((p) => ({
          id: newId("rat", now.getTime()),
          groupId: survey.groupId,
          period: survey.period,
          memberId: p.id,
          dimension: survey.dimension,
          raterGroup: PUBLIC_RATER,
          raterUserId: raterOf(survey.id),
          score: result.score!,
          comment,
          createdAt: now,
        })),
      ),
    );
  return writes;
}

export type CloseSurveyResult =
  | { code: "ok"; survey: Survey; result: SurveyResult; counts: VoteCounts; covered: number; writes: BatchItem[] }
  | { code: "already-closed"; survey: Survey };

/**
 * 问卷 结束: no more answers; the result is fixed and, with enough answers, feeds the leaf. The survey
 * is closed first, on its own, so the answers counted next are all there will ever be; the result
 * goes in the update's batch. A retry after a crash in between finds it closed without a result
 * (sample null) and finishes the job.
 */
export async function closeSurvey(
  db: Database,
  input: { survey: Survey; by: string; now: Date },
): Promise<CloseSurveyResult> {
  const { now } = input;
  let survey = input.survey;
  if (survey.status === "closed" && survey.sample !== null) return { code: "already-closed", survey };
  if (survey.status === "open") {
    await db
      .update(surveys)
      .set({ status: "closed", closedAt: now })
      .where(and(eq(surveys.id, survey.id), eq(surveys.status, "open")));
    survey = { ...survey, status: "closed", closedAt: survey.closedAt ?? now };
  }
  const counts = await countVotes(db, survey);
  const result = surveyResult(counts, survey.minSample);
  const fed = await resultWrites(db, survey, result, now);
  survey = { ...survey, sample: result.sample, score: result.score };
  const writes: BatchItem[] = [
    db.update(surveys).set({ sample: result.sample, score: result.score }).where(eq(surveys.id, survey.id)),
    ...fed,
    auditWrite(db, {
      groupId: survey.groupId,
      by: input.by,
      action: "survey.close",
      subjectId: survey.id,
      detail: { ...pick(survey), ...counts, ...result },
      now,
    }),
  ];
  return { code: "ok", survey, result, counts, covered: fed.length ? await countCovered(db, survey) : 0, writes };
}

const countCovered = async (db: Database, survey: Survey) => (await coveredMembers(db, survey)).length;

/** Where one survey stands, for the line beside a dimension's score (worded in cards/survey-lines.ts). */
export interface SurveyStatus {
  seq: number;
  /** The rater id its result is entered under (`survey:<id>`), so the explanation names its sample. */
  rater: string;
  month: IsoMonth;
  dimensionName: string;
  /**
   * open: still answering; pending: closed, its result not yet written (close again); counted: fed the
   * leaf; short: below its minimum sample, not counted; unscored: enough answers, but the scheme in
   * force has no 群众 rater group, so nothing counts.
   */
  state: "open" | "pending" | "counted" | "short" | "unscored";
  sample: number;
  minSample: number;
  score: number | null;
}

/** A period's surveys, per person: those covering them (whole-group ones for everyone), in number order. */
export async function surveyStatuses(
  db: Database,
  group: Group,
  months: readonly IsoMonth[],
  scheme: Scheme,
): Promise<(memberId: string) => SurveyStatus[]> {
  const list = await surveysOf(db, group, months);
  const names = new Map(indexScheme(scheme).nodes.map((n) => [n.node.key, n.node.name]));
  const all: { memberId: string | null; status: SurveyStatus }[] = [];
  for (const s of list) all.push({ memberId: s.memberId, status: await statusOf(db, s, names, scheme) });
  return (memberId) => all.filter((x) => x.memberId === null || x.memberId === memberId).map((x) => x.status);
}

async function statusOf(
  db: Database,
  s: Survey,
  names: ReadonlyMap<string, string>,
  scheme: Scheme,
): Promise<SurveyStatus> {
  const base = {
    seq: s.seq,
    rater: raterOf(s.id),
    month: s.period as IsoMonth,
    dimensionName: names.get(s.dimension) ?? s.dimension,
  };
  const min = s.minSample;
  if (s.status === "open") {
    const r = surveyResult(await countVotes(db, s), min);
    return { ...base, state: "open", sample: r.sample, minSample: min, score: r.score };
  }
  if (s.sample === null) return { ...base, state: "pending", sample: 0, minSample: min, score: null };
  const counted = s.sample >= min && s.score !== null;
  const state = !counted ? "short" : PUBLIC_RATER in scheme.raters ? "counted" : "unscored";
  return { ...base, state, sample: s.sample, minSample: min, score: s.score };
}
