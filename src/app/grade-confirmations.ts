import { and, desc, eq } from "drizzle-orm";
import type { BatchItem, Database } from "../db/database";
import {
  gradeConfirmations,
  gradeOverrides,
  type ComputedGrade,
  type GradeConfirmation,
  type GradeOverride,
  type Group,
  type Member,
} from "../db/schema";
import { gradesWithFloor } from "../domain/grade-floor";
import type { Scheme } from "../domain/scheme";
import { auditWrite } from "./audit";
import { schemeInForce } from "./schemes";

/**
 * 等次确认 (issue 14 item 5; 篇6 line 122 「先由各处室…进行评分，再由校考核小组评定等级」): the engine
 * computes the grades, the scheme's floor applies (src/domain/grade-floor.ts), and where the scheme
 * says so the office confirms them, or overrides one with a logged reason, before the period goes
 * out. Use cases answer with codes; commands and cards say them in words.
 */

/** One person of a period as the jobs computed them; dimension scores 0–100 by top-level key. */
export interface PeriodPerson {
  id: string;
  name: string;
  total: number;
  rank: number;
  grade: string | null;
  dimensions: Readonly<Record<string, number>>;
}

/** A person's grade as published: the floor applied, then the office's override if any. */
export interface FinalGrade {
  grade: string | null;
  computed: ComputedGrade;
  override?: Pick<GradeOverride, "grade" | "computed" | "reason" | "byUserId">;
}

/** The grades after the scheme's floor, in the shape the office's card and the snapshot keep. */
export function computedGrades(scheme: Scheme, people: readonly PeriodPerson[]): ComputedGrade[] {
  const floored = gradesWithFloor(
    scheme.grades,
    scheme.gradeFloor,
    people,
    new Map(people.map((p) => [p.id, p.grade])),
  );
  return people.map((p) => {
    const f = floored.get(p.id)!;
    return {
      memberId: p.id,
      name: p.name,
      total: p.total,
      rank: p.rank,
      grade: f.grade,
      ...(f.grade !== p.grade ? { engine: p.grade } : {}),
      ...(f.blocked ? { blocked: { dimension: f.blocked.dimension, score: f.blocked.score, min: f.blocked.min } } : {}),
    };
  });
}

/** Each person's final grade: the floor, then the office's overrides for the period. */
export async function finalGrades(
  db: Database,
  group: Group,
  period: string,
  scheme: Scheme,
  people: readonly PeriodPerson[],
): Promise<Map<string, FinalGrade>> {
  // Overrides are made only while a period waits for the office: without confirmation there are none to
  // read (one query fewer per job, which counts on Workers' subrequest budget).
  const overrides = scheme.confirmGrades ? await overridesOf(db, group.id, period) : new Map<string, GradeOverride>();
  return new Map(
    computedGrades(scheme, people).map((c) => {
      const o = overrides.get(c.memberId);
      return [c.memberId, o ? { grade: o.grade, computed: c, override: o } : { grade: c.grade, computed: c }] as const;
    }),
  );
}

export async function overridesOf(db: Database, groupId: string, period: string) {
  const rows = await db
    .select()
    .from(gradeOverrides)
    .where(and(eq(gradeOverrides.groupId, groupId), eq(gradeOverrides.period, period)));
  return new Map(rows.map((r) => [r.memberId, r] as const));
}

export type Gate = { kind: "publish" } | { kind: "wait"; confirmation: GradeConfirmation };

/**
 * Whether a period may go out now. Where the scheme asks for confirmation and the office has not given
 * it, the period waits: its confirmation is recorded as pending with the grades as computed now (each
 * run refreshes them, so late ratings are what the office sees), and the job asks the office instead.
 */
export async function confirmationGate(
  db: Database,
  group: Group,
  period: string,
  scheme: Scheme,
  people: readonly PeriodPerson[],
  now: Date,
): Promise<Gate> {
  if (!scheme.confirmGrades) return { kind: "publish" };
  const existing = await confirmationOf(db, group.id, period);
  if (existing?.status === "confirmed") return { kind: "publish" };
  const computed = computedGrades(scheme, people);
  await db
    .insert(gradeConfirmations)
    .values({ groupId: group.id, period, status: "pending", requestedAt: now, computed })
    .onConflictDoUpdate({
      target: [gradeConfirmations.groupId, gradeConfirmations.period],
      set: { computed },
      setWhere: eq(gradeConfirmations.status, "pending"),
    });
  const confirmation = (await confirmationOf(db, group.id, period))!;
  return confirmation.status === "confirmed" ? { kind: "publish" } : { kind: "wait", confirmation };
}

export async function confirmationOf(db: Database, groupId: string, period: string) {
  const [row] = await db
    .select()
    .from(gradeConfirmations)
    .where(and(eq(gradeConfirmations.groupId, groupId), eq(gradeConfirmations.period, period)))
    .limit(1);
  return row;
}

/** The period a command means: the one named, or the group's latest that awaits the office. */
export async function pendingConfirmation(db: Database, groupId: string, period?: string) {
  if (period) return confirmationOf(db, groupId, period);
  const [row] = await db
    .select()
    .from(gradeConfirmations)
    .where(and(eq(gradeConfirmations.groupId, groupId), eq(gradeConfirmations.status, "pending")))
    .orderBy(desc(gradeConfirmations.requestedAt))
    .limit(1);
  return row;
}

export type ConfirmOutcome =
  | { code: "confirmed"; confirmation: GradeConfirmation; writes: BatchItem[] }
  | { code: "none-pending" }
  | { code: "already"; confirmation: GradeConfirmation };

/** The office confirms a period's grades (with any overrides): logged, then the jobs publish it. */
export async function confirmGrades(
  db: Database,
  input: { group: Group; period?: string; by: string; now: Date },
): Promise<ConfirmOutcome> {
  const row = await pendingConfirmation(db, input.group.id, input.period);
  if (!row) return { code: "none-pending" };
  if (row.status === "confirmed") return { code: "already", confirmation: row };
  const overrides = await overridesOf(db, input.group.id, row.period);
  const writes = [
    db
      .update(gradeConfirmations)
      .set({ status: "confirmed", confirmedBy: input.by, confirmedAt: input.now })
      .where(
        and(
          eq(gradeConfirmations.groupId, input.group.id),
          eq(gradeConfirmations.period, row.period),
          eq(gradeConfirmations.status, "pending"),
        ),
      ),
    auditWrite(db, {
      groupId: input.group.id,
      by: input.by,
      action: "grades.confirm",
      subjectId: row.period,
      detail: {
        period: row.period,
        members: row.computed.length,
        overrides: overrides.size,
        grades: row.computed.map((c) => `${c.name}:${overrides.get(c.memberId)?.grade ?? c.grade ?? "—"}`).join("，"),
      },
      now: input.now,
    }),
  ] as BatchItem[];
  return { code: "confirmed", confirmation: { ...row, status: "confirmed" }, writes };
}

export type OverrideOutcome =
  | { code: "overridden"; confirmation: GradeConfirmation; computed: ComputedGrade; writes: BatchItem[] }
  | { code: "none-pending" }
  | { code: "already-confirmed"; confirmation: GradeConfirmation }
  | { code: "unknown-grade"; grades: string[] }
  | { code: "not-in-period"; period: string }
  | { code: "unchanged"; computed: ComputedGrade };

/**
 * The office gives one person another grade before the period is confirmed (null: no grade), with a
 * reason; the computed grade is kept beside it and both go to the audit log. Giving a grade again
 * replaces the earlier override (the log keeps both).
 */
export async function overrideGrade(
  db: Database,
  input: {
    group: Group;
    /** The scheme whose grades are allowed: the one in force when not given. */
    scheme?: Scheme;
    period?: string;
    member: Member;
    grade: string | null;
    reason: string;
    by: string;
    now: Date;
  },
): Promise<OverrideOutcome> {
  const row = await pendingConfirmation(db, input.group.id, input.period);
  if (!row) return { code: "none-pending" };
  if (row.status === "confirmed") return { code: "already-confirmed", confirmation: row };
  const scheme = input.scheme ?? (await schemeInForce(db, input.group.id)).scheme;
  const names = scheme.grades.map((g) => g.name);
  if (input.grade !== null && !names.includes(input.grade)) return { code: "unknown-grade", grades: names };
  const computed = row.computed.find((c) => c.memberId === input.member.id);
  if (!computed) return { code: "not-in-period", period: row.period };
  const previous = (await overridesOf(db, input.group.id, row.period)).get(input.member.id);
  if (input.grade === computed.grade && !previous) return { code: "unchanged", computed };
  const values = {
    groupId: input.group.id,
    period: row.period,
    memberId: input.member.id,
    grade: input.grade,
    computed: computed.grade,
    reason: input.reason,
    byUserId: input.by,
    at: input.now,
  };
  const writes = [
    db
      .insert(gradeOverrides)
      .values(values)
      .onConflictDoUpdate({
        target: [gradeOverrides.groupId, gradeOverrides.period, gradeOverrides.memberId],
        set: { grade: values.grade, reason: values.reason, byUserId: values.byUserId, at: values.at },
      }),
    auditWrite(db, {
      groupId: input.group.id,
      by: input.by,
      action: "grade.override",
      subjectId: input.member.id,
      detail: {
        period: row.period,
        member: input.member.id,
        before: computed.grade ?? "无等次",
        grade: input.grade ?? "无等次",
        reason: input.reason,
      },
      now: input.now,
    }),
  ] as BatchItem[];
  return { code: "overridden", confirmation: row, computed, writes };
}
