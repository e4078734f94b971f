import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../db/database";
import { DataError } from "../domain/data-error";
import { newId } from "../db/ids";
import { adjustments, awards, members, ratings, type Group, type Member } from "../db/schema";
import { daysInMonth, type IsoMonth } from "../domain/dates";
import { inGroupDuring, withTermsOn, type Term } from "../domain/roster";
import { indexScheme, type Scheme } from "../domain/scheme";
import { computePeriod, parsePeriodInputs, type PeriodInputsJson, type PeriodResult } from "../domain/scoring";
import type { Attendance } from "../domain/attendance";
import { ATTENDANCE_RATER, attendanceFrom, attendanceRowsOf, type AttendanceRows } from "./attendance";
import { schemeForMonth, type SchemeInForce } from "./schemes";
import { auditWrite, type AuditAction, type Writes } from "./audit";
import { absencesOf, termsOf, withAbsences, type Stay } from "./roster";
import { UNIT_RATER, unitMonths } from "./unit-results";
import { boundLeafScores, hasTargetLeaf, type BoundGoal, type BoundLeafScore } from "../domain/targets/bound";
import { boundGoalsOf } from "./goal-scores";

const lastDayOfMonth = (month: IsoMonth) => `${month}-${String(daysInMonth(month)).padStart(2, "0")}`;

/** The columns the engine's inputs are made from: decoding rows is most of a large export's reading, so no more than these. */
export const ratingColumns = {
  groupId: ratings.groupId,
  period: ratings.period,
  memberId: ratings.memberId,
  dimension: ratings.dimension,
  raterGroup: ratings.raterGroup,
  raterUserId: ratings.raterUserId,
  score: ratings.score,
};
export const adjustmentColumns = {
  groupId: adjustments.groupId,
  period: adjustments.period,
  memberId: adjustments.memberId,
  dimension: adjustments.dimension,
  points: adjustments.points,
  reason: adjustments.reason,
};
export const awardColumns = {
  groupId: awards.groupId,
  period: awards.period,
  memberId: awards.memberId,
  level: awards.level,
  reason: awards.reason,
};
type Columns<T extends Record<string, { _: { data: unknown; notNull: boolean } }>> = {
  [K in keyof T]: T[K]["_"]["notNull"] extends true ? T[K]["_"]["data"] : T[K]["_"]["data"] | null;
};
type Rating = Columns<typeof ratingColumns>;
type Adjustment = Columns<typeof adjustmentColumns>;
type Award = Columns<typeof awardColumns>;

import { displayName } from "../domain/names";

export { displayName };

/**
 * The engine's inputs for a group's month, from the database: active
 * members, each rater's latest rating per leaf, live adjustments and awards.
 * Items that no longer exist in the scheme in force (a dimension renamed in a
 * later version) are left out rather than failing the whole month.
 */
/** Peer ratings count only where at least this many colleagues rated (anonymity, and fairness). */
export const PEER_MINIMUM = 3;

export async function monthInputs(
  db: Database,
  group: Group,
  month: IsoMonth,
  scheme: Scheme,
  now?: Date,
): Promise<PeriodInputsJson> {
  return (await loadMonth(db, group, month, scheme, now)).inputs;
}

export interface MonthData {
  inputs: PeriodInputsJson;
  /** Distinct colleagues who rated each member (peer group), whether or not enough to count. */
  peerRaters: Map<string, number>;
  /** Where the scheme has an attendance leaf: each appraised person's attendance. */
  attendance: Map<string, Attendance>;
  /** Where the scheme has leaves bound to targets: each appraised person's bound leaves (absent: none applies). */
  targets?: Map<string, BoundLeafScore[]>;
}

/**
 * `now` decides which of the month's workdays are past for computed
 * (attendance) leaves; without it the whole month is.
 */
export async function loadMonth(
  db: Database,
  group: Group,
  month: IsoMonth,
  scheme: Scheme,
  now?: Date,
): Promise<MonthData> {
  const rows = await fetchMonthRows(db, group, month, hasComputedLeaf(scheme));
  if (hasUnitLeaf(scheme) && rows.people.length)
    rows.unitScore = (await unitMonths(db, [group], [month])).get(`${group.id}|${month}`)?.result.total ?? null;
  if (hasTargetLeaf(scheme) && rows.people.length) rows.targetRows = await boundGoalsOf(db, group, month);
  return assembleMonth(group, month, scheme, rows, now);
}

/** The rows a group's month is scored from; the batched loader (period-data.ts) gives the same for many groups at once. */
export interface MonthRows {
  /** Active members, by user id, with the spans they were away where they came back. */
  people: Stay[];
  /** Live ratings, adjustments and awards of the month, in the order they were written. */
  rated: Rating[];
  adjusted: Adjustment[];
  awarded: Award[];
  /** Only where the scheme has a computed (attendance) leaf. */
  attendanceRows?: AttendanceRows;
  /** Only where the scheme has leaves bound to targets: the month's approved bound targets and their progress. */
  targetRows?: BoundGoal[];
  /** Each member's coefficients and posts by the day they take effect (岗变酬变); absent: the members' own. */
  terms?: ReadonlyMap<string, readonly Term[]>;
  /** Only where the scheme binds people to their unit (捆绑考核): the unit's score, null until fully rated. */
  unitScore?: number | null;
}

export const hasComputedLeaf = (scheme: Scheme) =>
  indexScheme(scheme).leaves.some((l) => l.node.source === "attendance");

/** 捆绑考核 (篇6 line 117 「将对教师个体的考核和对学校的考核“捆绑”进行」): a leaf scored by the unit's own result. */
export const hasUnitLeaf = (scheme: Scheme) => indexScheme(scheme).leaves.some((l) => l.node.source === "unit");

async function fetchMonthRows(
  db: Database,
  group: Group,
  month: IsoMonth,
  withAttendance: boolean,
): Promise<MonthRows> {
  // Those who have left stay in the months before they left (a roster move rewrites no past month).
  const [all, away] = await Promise.all([
    db
      .select()
      .from(members)
      .where(and(eq(members.groupId, group.id), or(eq(members.active, true), isNotNull(members.leftOn))))
      .orderBy(asc(members.userId)),
    absencesOf(db, [group.id]),
  ]);
  const people = withAbsences(all, away).filter((m) => inGroupDuring(m, month));
  if (!people.length) return { people, rated: [], adjusted: [], awarded: [] };
  const [rated, adjusted, awarded, attendanceRows, terms] = await Promise.all([
    db
      .select(ratingColumns)
      .from(ratings)
      .where(and(eq(ratings.groupId, group.id), eq(ratings.period, month), isNull(ratings.supersededAt)))
      .orderBy(ROWID),
    db
      .select(adjustmentColumns)
      .from(adjustments)
      .where(and(eq(adjustments.groupId, group.id), eq(adjustments.period, month), isNull(adjustments.revokedAt)))
      .orderBy(ROWID),
    db
      .select(awardColumns)
      .from(awards)
      .where(and(eq(awards.groupId, group.id), eq(awards.period, month), isNull(awards.revokedAt)))
      .orderBy(ROWID),
    withAttendance ? attendanceRowsOf(db, [group.id], [month]) : undefined,
    termsOf(db, [group.id]),
  ]);
  return { people, rated, adjusted, awarded, terms, ...(attendanceRows ? { attendanceRows } : {}) };
}

/** Insertion order, so the engine sees the same rows in the same order however they were read. */
export const ROWID = sql`rowid`;

/** The engine's inputs from a month's rows (pure). */
export function assembleMonth(group: Group, month: IsoMonth, scheme: Scheme, rows: MonthRows, now?: Date): MonthData {
  const { rated, adjusted, awarded } = rows;
  // A month is scored with the coefficients in force on its last day, as with schemes (篇9 line 218 岗变酬变).
  const people = rows.terms ? withTermsOn(rows.people, rows.terms, lastDayOfMonth(month)) : rows.people;
  const known = new Set(people.map((m) => m.id));
  const index = indexScheme(scheme);
  const leaves = new Set(index.leaves.map((l) => l.node.key));
  const topKeys = new Set(scheme.dimensions.map((d) => d.key));
  const allKeys = new Set(index.nodes.map((n) => n.node.key));

  // Peer ratings are held back for a member+item until enough colleagues have rated it.
  const peersPerItem = new Map<string, Set<string>>();
  const peerRaters = new Map<string, Set<string>>();
  for (const r of rated) {
    if (r.raterGroup !== "peer") continue;
    const item = `${r.memberId}|${r.dimension}`;
    peersPerItem.set(item, (peersPerItem.get(item) ?? new Set()).add(r.raterUserId));
    peerRaters.set(r.memberId, (peerRaters.get(r.memberId) ?? new Set()).add(r.raterUserId));
  }
  const counts = (r: (typeof rated)[number]) =>
    r.raterGroup !== "peer" || (peersPerItem.get(`${r.memberId}|${r.dimension}`)?.size ?? 0) >= PEER_MINIMUM;

  // Computed leaves (attendance) are not rated by people: a rating typed for one is left out.
  const computed = index.leaves.filter((l) => l.node.source === "attendance").map((l) => l.node.key);
  // 捆绑考核: a leaf bound to the unit's score is not rated by people either.
  const unitLeaves = index.leaves.filter((l) => l.node.source === "unit").map((l) => l.node.key);
  // A leaf bound to targets is computed for the people a target applies to, and rated for the others.
  const targets = rows.targetRows?.length
    ? boundLeafScores(
        scheme,
        rows.targetRows,
        people.map((m) => m.id),
      )
    : undefined;
  const byTarget = (r: { memberId: string; dimension: string }) =>
    targets?.get(r.memberId)?.some((b) => b.leaf === r.dimension) ?? false;
  const ratingInputs = rated
    .filter(
      (r) =>
        known.has(r.memberId) &&
        leaves.has(r.dimension) &&
        !computed.includes(r.dimension) &&
        !unitLeaves.includes(r.dimension) &&
        !byTarget(r) &&
        r.raterGroup in scheme.raters &&
        counts(r),
    )
    .map((r) => ({
      member: r.memberId,
      dimension: r.dimension,
      rater: r.raterGroup,
      score: r.score,
      by: r.raterUserId,
    }));
  const adjustmentInputs = adjusted
    .filter((a) => known.has(a.memberId) && (topKeys.has(a.dimension) || allKeys.has(a.dimension)))
    .map((a) => ({ member: a.memberId, dimension: a.dimension, points: a.points, reason: a.reason }));
  const awardInputs = awarded
    .filter((a) => known.has(a.memberId) && a.level in scheme.awards)
    .map((a) => ({ member: a.memberId, level: a.level, reason: a.reason }));
  // Only people appraised this month take part: someone nobody has rated yet is not "last with 0",
  // and does not count toward percentage quotas.
  const appraised = new Set([...ratingInputs, ...adjustmentInputs, ...awardInputs].map((x) => x.member));
  const attendance =
    computed.length && rows.attendanceRows
      ? attendanceFrom(
          group,
          month,
          people.filter((m) => appraised.has(m.id)),
          rows.attendanceRows,
          now,
        )
      : new Map<string, Attendance>();
  // Every rater group gets the same computed score, so the leaf scores exactly it whatever the weights.
  const computedInputs = [...attendance].flatMap(([member, a]) =>
    a.score === null
      ? []
      : computed.flatMap((leaf) =>
          Object.keys(scheme.raters).map((rater) => ({
            member,
            dimension: leaf,
            rater,
            score: a.score!,
            by: ATTENDANCE_RATER,
          })),
        ),
  );
  // 捆绑考核: the unit's score is every appraised person's score on a leaf bound to it, whatever the rater weights.
  const unitScore = rows.unitScore;
  const unitInputs =
    unitScore === null || unitScore === undefined
      ? []
      : [...appraised].sort().flatMap((member) =>
          unitLeaves.flatMap((leaf) =>
            Object.keys(scheme.raters).map((rater) => ({
              member,
              dimension: leaf,
              rater,
              score: unitScore,
              by: UNIT_RATER,
            })),
          ),
        );
  const target = targetInputs(scheme, targets, appraised);
  const inputs: PeriodInputsJson = {
    members: people
      .filter((m) => appraised.has(m.id))
      .map((m) => ({ id: m.id, name: displayName(m), coefficient: m.coefficient })),
    ratings: [...ratingInputs, ...computedInputs, ...unitInputs, ...target.ratings],
    adjustments: [...adjustmentInputs, ...target.adjustments],
    awards: awardInputs,
  };
  const peers = new Map([...peerRaters].map(([k, v]) => [k, v.size]));
  return { inputs, peerRaters: peers, attendance, ...(target.scores.size ? { targets: target.scores } : {}) };
}

/**
 * Bound leaves as the engine takes them: every rater group gives the curve's score (so the leaf scores exactly it,
 * as with attendance), and a bonus above 100% is an adjustment on the leaf, under its dimension's cap. Only for
 * people appraised this month, like every computed score.
 */
function targetInputs(
  scheme: Scheme,
  targets: Map<string, BoundLeafScore[]> | undefined,
  appraised: ReadonlySet<string>,
) {
  const scores = new Map([...(targets ?? [])].filter(([member]) => appraised.has(member)));
  const ratings: PeriodInputsJson["ratings"] = [];
  const adjustments: NonNullable<PeriodInputsJson["adjustments"]> = [];
  for (const [member, leaves] of scores)
    for (const b of leaves) {
      for (const rater of Object.keys(scheme.raters))
        ratings.push({ member, dimension: b.leaf, rater, score: b.score, by: TARGET_RATER });
      if (b.bonusPoints > 0) {
        const reason = b.goals.map((g) => `#目标${g.seq} ${g.point.rate ?? 0}%`).join(" ");
        adjustments.push({ member, dimension: b.leaf, points: b.bonusPoints, reason });
      }
    }
  return { scores, ratings, adjustments };
}

/** Who "rates" a bound leaf: the targets, not a person. */
export const TARGET_RATER = "system:target";

export interface MonthScores {
  month: IsoMonth;
  inForce: SchemeInForce;
  result: PeriodResult;
  peerRaters: Map<string, number>;
  attendance: Map<string, Attendance>;
  /** Where the scheme binds leaves to targets: each person's bound leaves (see domain/targets/bound.ts). */
  targets?: Map<string, BoundLeafScore[]>;
}

/** Scores a group's month with the scheme in force for it. */
export async function computeMonth(db: Database, group: Group, month: IsoMonth, now: Date): Promise<MonthScores> {
  const inForce = await schemeForMonth(db, group, month, now);
  const { inputs: json, peerRaters, attendance, targets } = await loadMonth(db, group, month, inForce.scheme, now);
  const parsed = parsePeriodInputs(inForce.scheme, json);
  // The inputs were filtered against this scheme above; a failure here is a bug, not user input.
  if (!parsed.ok)
    throw new DataError(
      group.id,
      month,
      `month inputs invalid: ${parsed.errors.map((e) => `${e.path} ${e.en}`).join("; ")}`,
    );
  const result = computePeriod(inForce.scheme, parsed.inputs);
  return { month, inForce, result, peerRaters, attendance, ...(targets ? { targets } : {}) };
}

function audit(
  db: Database,
  group: Group,
  by: string,
  action: AuditAction,
  subjectId: string,
  detail: Record<string, unknown>,
  now: Date,
) {
  return auditWrite(db, { groupId: group.id, by, action, subjectId, detail, now });
}

/** A leader's rating on leaves; the same leader's earlier rating on a leaf this month is superseded. */
export function rateWrites(
  db: Database,
  input: {
    group: Group;
    month: IsoMonth;
    member: Member;
    leaves: string[];
    score: number;
    raterGroup: string;
    by: string;
    comment?: string;
    now: Date;
  },
) {
  const { group, month, member, leaves, now } = input;
  const writes: Writes = [
    db
      .update(ratings)
      .set({ supersededAt: now })
      .where(
        and(
          eq(ratings.groupId, group.id),
          eq(ratings.period, month),
          eq(ratings.memberId, member.id),
          inArray(ratings.dimension, leaves),
          eq(ratings.raterUserId, input.by),
          isNull(ratings.supersededAt),
        ),
      ),
  ];
  for (const leaf of leaves) {
    const id = newId("rat", now.getTime());
    writes.push(
      db.insert(ratings).values({
        id,
        groupId: group.id,
        period: month,
        memberId: member.id,
        dimension: leaf,
        raterGroup: input.raterGroup,
        raterUserId: input.by,
        score: input.score,
        comment: input.comment,
        createdAt: now,
      }),
      audit(
        db,
        group,
        input.by,
        "rating.set",
        id,
        { member: member.id, month, dimension: leaf, score: input.score, comment: input.comment ?? null },
        now,
      ),
    );
  }
  return writes;
}

export function adjustWrites(
  db: Database,
  input: {
    group: Group;
    month: IsoMonth;
    member: Member;
    dimension: string;
    points: number;
    reason: string;
    by: string;
    now: Date;
  },
): Writes {
  const id = newId("adj", input.now.getTime());
  return [
    db.insert(adjustments).values({
      id,
      groupId: input.group.id,
      period: input.month,
      memberId: input.member.id,
      dimension: input.dimension,
      points: input.points,
      reason: input.reason,
      byUserId: input.by,
      createdAt: input.now,
    }),
    audit(
      db,
      input.group,
      input.by,
      input.points > 0 ? "adjustment.bonus" : "adjustment.deduction",
      id,
      {
        member: input.member.id,
        month: input.month,
        dimension: input.dimension,
        points: input.points,
        reason: input.reason,
      },
      input.now,
    ),
  ];
}

export function awardWrites(
  db: Database,
  input: { group: Group; month: IsoMonth; member: Member; level: string; reason: string; by: string; now: Date },
): Writes {
  const id = newId("awd", input.now.getTime());
  return [
    db.insert(awards).values({
      id,
      groupId: input.group.id,
      period: input.month,
      memberId: input.member.id,
      level: input.level,
      reason: input.reason,
      byUserId: input.by,
      createdAt: input.now,
    }),
    audit(
      db,
      input.group,
      input.by,
      "award.add",
      id,
      { member: input.member.id, month: input.month, level: input.level, reason: input.reason },
      input.now,
    ),
  ];
}
