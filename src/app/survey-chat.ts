/**
 * 问卷 typed in chat: the month's list, opening, the codes' print page, closing. Codes only;
 * cards/survey-reply.ts says them.
 */
import type { Database } from "../db/database";
import type { Group, Member } from "../db/schema";
import type { IsoMonth } from "../domain/dates";
import { surveyResult } from "../domain/survey";
import { isLeader } from "./authority";
import type { Mention } from "./ports";
import {
  closeSurvey,
  countVotes,
  findSurvey,
  openSurvey,
  surveyCodeList,
  surveysOf,
  type CloseSurveyResult,
  type OpenSurveyResult,
  type Survey,
} from "./surveys";
import { resolveTarget, type TargetProblem } from "./targets";

/** Where people outside the chat reach the page; without one no link can be given. */
const pageBase = (publicUrl: string | undefined) => publicUrl?.replace(/\/+$/, "");

async function row(db: Database, s: Survey) {
  const counts = await countVotes(db, s);
  return {
    seq: s.seq,
    title: s.title,
    source: s.source,
    status: s.status,
    counts,
    result: surveyResult(counts, s.minSample),
    minSample: s.minSample,
  };
}

/** This month's surveys, and any still open from before; a person's own survey is for them and the leaders. */
export async function surveyList(db: Database, input: { group: Group; member: Member; month: IsoMonth }) {
  const { member } = input;
  const list = (await surveysOf(db, input.group, [input.month], { alsoOpen: true })).filter(
    (s) => isLeader(member) || s.memberId === null || s.memberId === member.id,
  );
  return Promise.all(list.map((s) => row(db, s)));
}

export type OpenFromChatResult =
  | { code: "no-page" }
  | { code: "unknown-person"; problem: TargetProblem }
  | Exclude<OpenSurveyResult, { code: "ok" }>
  | (Extract<OpenSurveyResult, { code: "ok" }> & { pageUrl: string; slipsUrl: string });

/** 问卷 开: a page survey of one leaf, for one person (named) or the whole group. */
export async function openSurveyFromChat(
  deps: { db: Database; publicUrl?: string },
  input: {
    group: Group;
    month: IsoMonth;
    dimension: string;
    name: string | null;
    mentions: readonly Mention[];
    codes: number;
    minSample: number;
    by: string;
    now: Date;
  },
): Promise<OpenFromChatResult> {
  const { db } = deps;
  const base = pageBase(deps.publicUrl);
  if (!base) return { code: "no-page" };
  let member: Member | null = null;
  if (input.name !== null) {
    const found = await resolveTarget(db, input.group, input.name, input.mentions);
    if (!found.ok) return { code: "unknown-person", problem: found.problem };
    member = found.member;
  }
  const { group, month, dimension, codes, minSample, by, now } = input;
  const opened = await openSurvey(db, { group, month, dimension, member, codes, minSample, by, now });
  if (opened.code !== "ok") return opened;
  const pageUrl = `${base}/survey/${opened.survey.publicKey}`;
  return { ...opened, pageUrl, slipsUrl: `${pageUrl}/slips?k=${opened.survey.printKey}` };
}

/** A survey by its number; answer codes exist only for a page survey. */
async function surveyNo(db: Database, group: Group, seq: number, page: boolean) {
  const s = await findSurvey(db, group, seq);
  return !s || (page && s.source !== "page") ? undefined : s;
}

export type CodesFromChatResult =
  | { code: "no-survey"; seq: number }
  | { code: "no-page" }
  | { code: "ok"; survey: Survey; codes: number; slipsUrl: string };

/** 问卷 答题码 N: the page to print the codes from. */
export async function surveyCodesFromChat(
  deps: { db: Database; publicUrl?: string },
  input: { group: Group; seq: number },
): Promise<CodesFromChatResult> {
  const s = await surveyNo(deps.db, input.group, input.seq, true);
  if (!s) return { code: "no-survey", seq: input.seq };
  const base = pageBase(deps.publicUrl);
  if (!base) return { code: "no-page" };
  const codes = (await surveyCodeList(deps.db, s)).length;
  return { code: "ok", survey: s, codes, slipsUrl: `${base}/survey/${s.publicKey}/slips?k=${s.printKey}` };
}

/** 问卷 结束 N: the result fixed and fed to its leaf. */
export async function closeSurveyFromChat(
  db: Database,
  input: { group: Group; seq: number; by: string; now: Date },
): Promise<{ code: "no-survey"; seq: number } | CloseSurveyResult> {
  const s = await surveyNo(db, input.group, input.seq, false);
  if (!s) return { code: "no-survey", seq: input.seq };
  return closeSurvey(db, { survey: s, by: input.by, now: input.now });
}
