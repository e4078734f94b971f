import { and, inArray, isNotNull, sql } from "drizzle-orm";
import type { BatchItem, Database } from "../db/database";
import { monthResults, type Group } from "../db/schema";
import { localDate, monthOf, type IsoMonth } from "../domain/dates";
import type { DimensionFigures, MemberResult, PeriodResult, Warning } from "../domain/scoring";
import { MONTH_RULES } from "./month-rules";
import type { SchemeInForce } from "./schemes";

/**
 * Finished months' results, kept so that a year's export recomputes only the
 * months that changed. Correctness does not rest on code remembering to
 * invalidate: triggers (migration 0015) on every table a month is scored from
 * bump a counter in month_results, and an entry counts only while its stamp
 * names the counters it was computed at and the scoring code (MONTH_RULES).
 * The counters are read before the month's rows, so a write landing between
 * the two leaves an entry stamped too old, never one that looks current.
 * Open months are always scored afresh.
 */

/** A month's person without the derivation (the explanation is computed when someone asks for it). */
export type MemberSummary = Omit<MemberResult, "derivation">;
export type ResultSummary = Omit<PeriodResult, "members"> & { members: MemberSummary[] };

/** What a quarter, a year and the export need of a month: a month's full scores are one. */
export interface MonthSummary {
  month: IsoMonth;
  inForce: SchemeInForce;
  result: ResultSummary;
}

/** The counter of writes that touch all of a group's months (members, schemes, leave, the group's calendar). */
export const GROUP_WIDE = "";

/** Statements' rows per insert when keeping entries (4 bound values each, well under SQLite's limit). */
const ROWS_PER_INSERT = 100;

/** A month is finished once the group's own calendar has moved past it; only then is its result kept. */
export const isFinished = (group: Group, month: IsoMonth, now: Date) => month < monthOf(localDate(now, group.timezone));

const key = (groupId: string, month: string) => `${groupId}|${month}`;

export interface MonthCache {
  /** What an entry computed now for the month would be stamped with. */
  stampFor(groupId: string, month: IsoMonth): string;
  /** A quarter's or a year's: every one of its months' counters, the group's, the code. */
  periodStampFor(groupId: string, months: readonly IsoMonth[]): string;
  /**
   * The kept texts of these periods (months, or quarters and years with their
   * months) whose stamps are still current, by "group|period"; one query per
   * set of periods, and none until asked.
   */
  current(periods: readonly { id: string; months: readonly IsoMonth[] }[]): Promise<Map<string, string>>;
}

/** The counters of these groups' months and periods, in one query; what is kept is read when asked. */
export async function readMonthCache(
  db: Database,
  groupIds: readonly string[],
  periods: readonly string[],
): Promise<MonthCache> {
  const ids = [...groupIds];
  const rows = ids.length
    ? await db
        .select({ groupId: monthResults.groupId, period: monthResults.period, version: monthResults.version })
        .from(monthResults)
        .where(and(inArray(monthResults.groupId, ids), inArray(monthResults.period, [GROUP_WIDE, ...periods])))
    : [];
  const versions = new Map(rows.map((r) => [key(r.groupId, r.period), r.version] as const));
  const version = (groupId: string, period: string) => versions.get(key(groupId, period)) ?? 0;
  const periodStampFor = (groupId: string, months: readonly IsoMonth[]) =>
    `${months.map((m) => version(groupId, m)).join(".")}:${version(groupId, GROUP_WIDE)}:${MONTH_RULES}`;
  const read = new Map<string, Promise<Map<string, string>>>();
  return {
    stampFor: (groupId, month) => periodStampFor(groupId, [month]),
    periodStampFor,
    current(wanted) {
      const asked = wanted.map((p) => p.id).join(",");
      if (!read.has(asked))
        read.set(
          asked,
          (async () => {
            const monthsOf = new Map(wanted.map((p) => [p.id, p.months] as const));
            const kept = ids.length
              ? await db
                  .select({
                    groupId: monthResults.groupId,
                    period: monthResults.period,
                    stamp: monthResults.stamp,
                    result: monthResults.result,
                  })
                  .from(monthResults)
                  .where(
                    and(
                      inArray(monthResults.groupId, ids),
                      inArray(monthResults.period, [...monthsOf.keys()]),
                      isNotNull(monthResults.result),
                    ),
                  )
              : [];
            return new Map(
              kept.flatMap((r) =>
                r.result && r.stamp === periodStampFor(r.groupId, monthsOf.get(r.period)!)
                  ? [[key(r.groupId, r.period), r.result] as const]
                  : [],
              ),
            );
          })(),
        );
      return read.get(asked)!;
    },
  };
}

export interface KeptMonth {
  groupId: string;
  /** A month, or a quarter or year (the export's figures for it). */
  month: string;
  stamp: string;
  result: string;
}

/**
 * Writes that keep these entries. Only stamp and result are written: the
 * counters belong to the triggers, so an entry stored after a write it did
 * not see keeps its older stamp and is simply not used.
 */
export function keepWrites(db: Database, kept: readonly KeptMonth[]): BatchItem[] {
  const writes: BatchItem[] = [];
  for (let i = 0; i < kept.length; i += ROWS_PER_INSERT)
    writes.push(
      db
        .insert(monthResults)
        .values(
          kept
            .slice(i, i + ROWS_PER_INSERT)
            .map((k) => ({ groupId: k.groupId, period: k.month, stamp: k.stamp, result: k.result })),
        )
        .onConflictDoUpdate({
          target: [monthResults.groupId, monthResults.period],
          set: { stamp: sql`excluded.stamp`, result: sql`excluded.result` },
        }),
    );
  return writes;
}

/**
 * The compact form: each person as an array, top-level dimensions as four
 * numbers each in the order of the month's first person (anyone whose
 * dimensions differ keeps them as they are). JSON gives back every finite
 * number exactly; a result holding anything else (NaN, ±Infinity, -0) is
 * not kept at all (undefined), so what is read back is always what was scored.
 */
type PackedMember = [
  id: string,
  name: string,
  coefficient: number,
  total: number,
  rank: number,
  grade: string | null,
  prize: number,
  prizeFen: number,
  pay: number,
  payFen: number,
  extra: number,
  missing: string[],
  dimensions: number[] | Record<string, DimensionFigures>,
];

interface Packed {
  scheme: string;
  headcount: number;
  pool: number;
  poolFen: number;
  warnings: Warning[];
  keys: string[];
  members: PackedMember[];
}

/** DimensionFigures' fields, in the order the engine writes them. */
const FIGURES = ["score", "points", "bonus", "deduction"] as const;

const sameKeys = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => k === b[i]);

export function encodeResult(result: ResultSummary): string | undefined {
  const keys = Object.keys(result.members[0]?.dimensions ?? {});
  const packed: Packed = {
    scheme: result.scheme,
    headcount: result.headcount,
    pool: result.pool,
    poolFen: result.poolFen,
    warnings: result.warnings,
    keys,
    members: result.members.map((m) => [
      m.id,
      m.name,
      m.coefficient,
      m.total,
      m.rank,
      m.grade,
      m.prize,
      m.prizeFen,
      m.pay,
      m.payFen,
      m.extra,
      m.missing,
      sameKeys(Object.keys(m.dimensions), keys) && keys.every((k) => sameKeys(Object.keys(m.dimensions[k]!), FIGURES))
        ? keys.flatMap((k) => {
            const d = m.dimensions[k]!;
            return [d.score, d.points, d.bonus, d.deduction];
          })
        : m.dimensions,
    ]),
  };
  let exact = true;
  const text = JSON.stringify(packed, (_, v) => {
    if (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0))) exact = false;
    return v;
  });
  return exact ? text : undefined;
}

export function decodeResult(text: string): ResultSummary {
  const p = JSON.parse(text) as Packed;
  const dimensionsOf = (d: PackedMember[12]): Record<string, DimensionFigures> => {
    if (!Array.isArray(d)) return d;
    const out: Record<string, DimensionFigures> = {};
    p.keys.forEach((k, i) => {
      out[k] = { score: d[4 * i]!, points: d[4 * i + 1]!, bonus: d[4 * i + 2]!, deduction: d[4 * i + 3]! };
    });
    return out;
  };
  return {
    scheme: p.scheme,
    headcount: p.headcount,
    pool: p.pool,
    poolFen: p.poolFen,
    warnings: p.warnings,
    members: p.members.map(
      ([id, name, coefficient, total, rank, grade, prize, prizeFen, pay, payFen, extra, missing, dimensions]) => ({
        id,
        name,
        coefficient,
        total,
        rank,
        grade,
        prize,
        prizeFen,
        pay,
        payFen,
        dimensions: dimensionsOf(dimensions),
        extra,
        missing,
      }),
    ),
  };
}
