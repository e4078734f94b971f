import type { Database } from "../db/database";
import type { Goal, Group, Member } from "../db/schema";
import {
  defaultGoalPeriod,
  monthsOfGoalPeriod,
  parseGoalText,
  resolveGoalPeriod,
  type GoalPeriod,
  type GoalText,
} from "../domain/goals";
import type { IsoMonth } from "../domain/dates";
import { authorityOf } from "./authority";
import type { Mention } from "./ports";
import { MAX_TARGETS, resolveTargets, type TargetProblem } from "./targets";
import { findDimension, indexScheme } from "../domain/scheme";
import type { Writes } from "./audit";
import {
  cancelGoalWrites,
  findGoal,
  goalOwners,
  goalProgress,
  goalsCovering,
  nextGoalSeq,
  setGoalWrites,
} from "./goals";
import { schemeInForce } from "./schemes";

/** One target as the 目标 view lists it: names resolved, progress counted. */
export interface GoalView {
  seq: number;
  period: string;
  who: string | null;
  dimension: string | null;
  title: string;
  planned: number;
  unit: string;
  done: number;
  direction: "at_least" | "at_most";
  /** In an approved 目标计划书 (only then does it score a bound indicator). */
  approved: boolean;
}

/** 目标 (view): the group's targets covering a period, with how far each has got. */
export async function viewGoals(
  deps: { db: Database },
  input: { group: Group; period: GoalPeriod },
): Promise<GoalView[]> {
  const { db } = deps;
  const list = await goalsCovering(db, input.group, monthsOfGoalPeriod(input.period));
  const [done, owners, { scheme }] = await Promise.all([
    goalProgress(db, input.group, list),
    goalOwners(db, list),
    schemeInForce(db, input.group.id),
  ]);
  const names = new Map(indexScheme(scheme).nodes.map((n) => [n.node.key, n.node.name]));
  return list.map((g) => ({
    seq: g.seq,
    period: g.period,
    who: g.memberId ? (owners.get(g.memberId) ?? "—") : null,
    dimension: g.dimension ? (names.get(g.dimension) ?? g.dimension) : null,
    title: g.title,
    planned: g.planned,
    unit: g.unit,
    done: done.get(g.id) ?? 0,
    direction: g.direction,
    approved: g.planId !== null,
  }));
}

export type CancelGoalResult =
  | { ok: false; code: "not_found" }
  | { ok: true; code: "cancelled"; goal: Goal; writes: Writes };

/** 目标 取消 N: a target still standing is cancelled (kept, marked, logged). */
export async function cancelGoal(
  deps: { db: Database },
  input: { group: Group; seq: number; by: string; now: Date },
): Promise<CancelGoalResult> {
  const goal = await findGoal(deps.db, input.group, input.seq);
  if (!goal || goal.cancelledAt) return { ok: false, code: "not_found" };
  return { ok: true, code: "cancelled", goal, writes: cancelGoalWrites(deps.db, { ...input, goal }) };
}

export type PlanGoalResult =
  | { ok: false; code: "no_planned"; text: string }
  | { ok: true; dimension: { key: string; name: string } | null; text: GoalText };

/** What a target says: the first word names a dimension when the scheme has one by that name; a planned number. */
export async function planGoal(
  deps: { db: Database },
  input: { group: Group; words: string[] },
): Promise<PlanGoalResult> {
  const words = [...input.words];
  let dimension: { key: string; name: string } | null = null;
  if (words.length > 1) {
    const { scheme } = await schemeInForce(deps.db, input.group.id);
    const found = findDimension(scheme, words[0]!);
    if (found.kind === "found") {
      dimension = found.dimension;
      words.shift();
    }
  }
  const text = parseGoalText(words.join(" "));
  if (!text) return { ok: false, code: "no_planned", text: words.join(" ") };
  return { ok: true, dimension, text };
}

export type SetGoalsResult =
  | { ok: false; code: "year_full"; year: string; held: number; max: number }
  | { ok: true; code: "set"; goals: { goal: Goal; member: Member | null }[]; writes: Writes };

/**
 * 目标分解: naming several people gives each the same target, numbered one after another; no
 * one named is a target for the whole group. A year holds at most `maxPerYear` targets.
 */
export async function setGoals(
  deps: { db: Database },
  input: {
    group: Group;
    period: GoalPeriod;
    dimension: { key: string } | null;
    text: GoalText;
    deadline?: string | null;
    standard?: string | null;
    people: (Member | null)[];
    maxPerYear: number;
    by: string;
    now: Date;
  },
): Promise<SetGoalsResult> {
  const { db } = deps;
  const year = input.period.slice(0, 4);
  const held = (await goalsCovering(db, input.group, monthsOfGoalPeriod(year))).length;
  if (held + input.people.length > input.maxPerYear)
    return { ok: false, code: "year_full", year, held, max: input.maxPerYear };
  let seq = await nextGoalSeq(db, input.group);
  const goals: { goal: Goal; member: Member | null }[] = [];
  const writes: Writes = [];
  for (const member of input.people) {
    const set = setGoalWrites(db, {
      group: input.group,
      seq: seq++,
      period: input.period,
      member,
      dimension: input.dimension?.key ?? null,
      text: input.text,
      deadline: input.deadline ?? null,
      standard: input.standard ?? null,
      by: input.by,
      now: input.now,
    });
    goals.push({ goal: set.goal, member });
    writes.push(...set.writes);
  }
  return { ok: true, code: "set", goals, writes };
}

export type SetGoalCase =
  | { ok: false; code: "not-allowed" }
  | { ok: false; code: "too-many-people"; max: number }
  | { ok: false; code: "who"; problems: TargetProblem[] }
  | Extract<PlanGoalResult, { ok: false }>
  | Extract<SetGoalsResult, { ok: false }>
  | (Extract<SetGoalsResult, { ok: true }> & {
      period: GoalPeriod;
      dimension: { key: string; name: string } | null;
      text: GoalText;
    });

/**
 * 目标 @张三 业务 完成12个项目 [本季] [截止…] [标准 …]: a leader of the group, or the office for any group
 * (目标分解 from the top), sets a target for each person named, or for the group. The quarter by default.
 */
export async function setGoalCase(
  deps: { db: Database },
  input: {
    group: Group;
    member: Member;
    userId: string;
    names: readonly string[];
    mentions: readonly Mention[];
    words: readonly string[];
    deadline: string | null;
    standard: string | null;
    current: IsoMonth;
    maxPerYear: number;
    now: Date;
  },
): Promise<SetGoalCase> {
  const { db } = deps;
  const { leader, admin } = await authorityOf(db, input.group, input.member, input.userId);
  if (!leader && !admin) return { ok: false, code: "not-allowed" };
  let period = defaultGoalPeriod(input.current);
  const words: string[] = [];
  for (const w of input.words) {
    const p = resolveGoalPeriod(w, input.current);
    if (p) period = p;
    else words.push(w);
  }
  const plan = await planGoal(deps, { group: input.group, words });
  if (!plan.ok) return plan;
  let people: (Member | null)[] = [null];
  if (input.names.length) {
    if (input.names.length > MAX_TARGETS) return { ok: false, code: "too-many-people", max: MAX_TARGETS };
    const found = await resolveTargets(db, input.group, input.names, input.mentions);
    if (!found.ok) return { ok: false, code: "who", problems: found.problems };
    people = found.members;
  }
  const done = await setGoals(deps, {
    group: input.group,
    period,
    dimension: plan.dimension,
    text: plan.text,
    deadline: input.deadline,
    standard: input.standard,
    people,
    maxPerYear: input.maxPerYear,
    by: input.userId,
    now: input.now,
  });
  if (!done.ok) return done;
  return { ...done, period, dimension: plan.dimension, text: plan.text };
}

export type CancelGoalCase = { ok: false; code: "not-allowed" } | CancelGoalResult;

/** 目标 取消 N, by a leader of the group or the office. */
export async function cancelGoalCase(
  deps: { db: Database },
  input: { group: Group; member: Member; userId: string; seq: number; now: Date },
): Promise<CancelGoalCase> {
  const { leader, admin } = await authorityOf(deps.db, input.group, input.member, input.userId);
  if (!leader && !admin) return { ok: false, code: "not-allowed" };
  return cancelGoal(deps, { group: input.group, seq: input.seq, by: input.userId, now: input.now });
}
