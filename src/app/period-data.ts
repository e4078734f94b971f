import { and, asc, desc, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import type { BatchItem, Database } from "../db/database";
import { DataError } from "../domain/data-error";
import { adjustments, awards, members, ratings, schemes, type Group } from "../db/schema";
import { endOfLocalMonth, localDate, monthOf, type IsoMonth } from "../domain/dates";
import { computePeriod, parsePeriodInputs, type PeriodResult } from "../domain/scoring";
import { attendanceRowsOf, type AttendanceRows } from "./attendance";
import {
  adjustmentColumns,
  assembleMonth,
  awardColumns,
  hasComputedLeaf,
  hasUnitLeaf,
  ratingColumns,
  ROWID,
  type MonthData,
  type MonthRows,
  type MonthScores,
} from "./scores";
import {
  decodeResult,
  encodeResult,
  isFinished,
  keepWrites,
  readMonthCache,
  type KeptMonth,
  type MonthCache,
  type MonthSummary,
  type ResultSummary,
} from "./month-cache";
import { inForceFrom, type SchemeInForce } from "./schemes";
import { absencesOf, termsOf, withAbsences } from "./roster";
import { inGroupDuring } from "../domain/roster";
import { performanceOf, unitMonths, type UnitMonth } from "./unit-results";
import { hasTargetLeaf } from "../domain/targets/bound";
import { boundGoalsOf } from "./goal-scores";

/**
 * Many groups' months read at once: a handful of queries for a chunk of
 * groups and all the period's months (members, ratings, adjustments, awards,
 * scheme versions, 部门绩效, and records and leave where a scheme computes
 * attendance), instead of five or more per group and month. Each group-month
 * is then assembled and scored exactly as computeMonth does — the same
 * assembleMonth and engine — once, however often it is asked for.
 */

/** Groups per query: 20 × 12 months stays far below SQLite's bound-variable limit, and a chunk's rows fit in memory. */
const GROUPS_PER_CHUNK = 20;

export interface PeriodSource extends MonthSource {
  /** The engine's inputs for the group's month and the scheme they were filtered with (what loadMonth gives). */
  inputs(group: Group, month: IsoMonth): Promise<MonthData & { inForce: SchemeInForce }>;
  /** The group's month, scored. */
  month(group: Group, month: IsoMonth): Promise<MonthScores>;
  /**
   * The group's month as quarters, years and the export need it: a finished
   * month's kept result while nothing it was scored from has changed, else
   * scored now (and kept by save()); an open month is always scored now.
   */
  summary(group: Group, month: IsoMonth): Promise<MonthSummary>;
  /** The scheme in force for the group's month (what scored it). */
  inForce(group: Group, month: IsoMonth): Promise<SchemeInForce>;
  /** A finished quarter's or year's kept figures (the export's, encoded by it) while none of its months changed. */
  keptFigures(group: Group, period: KeptPeriod): Promise<string | undefined>;
  /** Keeps a finished period's figures, computed from this source, with save(). */
  keepFigures(group: Group, period: KeptPeriod, figures: string): Promise<void>;
  /** Keeps the finished months summary() had to score, and the figures given; how many. */
  save(): Promise<number>;
}

/** A quarter or a year, and its months. */
export interface KeptPeriod {
  id: string;
  months: readonly IsoMonth[];
}

/** What a quarter or a year is combined from: months (full scores or summaries) and 部门绩效. */
export interface MonthSource {
  month(group: Group, month: IsoMonth): Promise<MonthSummary>;
  /** 部门绩效 the office set for the group in those months (missing months left out). */
  departmentScores(group: Group, months: readonly IsoMonth[]): Promise<number[]>;
}

type SchemeRow = typeof schemes.$inferSelect;

/** A chunk of groups; each part is read on first use, and let go with the chunk. */
interface Chunk {
  groups: readonly Group[];
  versions?: Promise<Map<string, SchemeRow[]>>;
  rows?: Promise<Map<string, MonthRows>>;
  performance?: Promise<Map<string, number>>;
  /** Units' months (捆绑考核), read the first time a scheme binds people to their unit's score. */
  units?: Promise<Map<string, UnitMonth>>;
  /** Records and leave of the chunk's group-months, read the first time a scheme computes attendance. */
  attendance?: Promise<Map<string, AttendanceRows>>;
  /** Kept months, read the first time a summary is asked for. */
  kept?: Promise<MonthCache>;
  /** Whether the kept months' counters were read before any of the rows: only then may what is scored be kept. */
  keptFirst?: boolean;
}

const key = (groupId: string, month: string) => `${groupId}|${month}`;

/** Rows by a key, each list in the order read. */
function groupBy<T>(list: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of list) {
    const k = keyOf(r);
    const arr = out.get(k);
    if (arr) arr.push(r);
    else out.set(k, [r]);
  }
  return out;
}
const live = <T extends { groupId: string; period: string }>(list: readonly T[]) =>
  groupBy(list, (r) => key(r.groupId, r.period));

async function loadRows(
  db: Database,
  chunk: readonly Group[],
  months: readonly IsoMonth[],
): Promise<Map<string, MonthRows>> {
  const ids = chunk.map((g) => g.id);
  const [people, rated, adjusted, awarded, terms, away] = await Promise.all([
    db
      .select()
      .from(members)
      .where(and(inArray(members.groupId, ids), or(eq(members.active, true), isNotNull(members.leftOn))))
      .orderBy(asc(members.groupId), asc(members.userId)),
    db
      .select(ratingColumns)
      .from(ratings)
      .where(and(inArray(ratings.groupId, ids), inArray(ratings.period, [...months]), isNull(ratings.supersededAt)))
      .orderBy(ROWID),
    db
      .select(adjustmentColumns)
      .from(adjustments)
      .where(
        and(inArray(adjustments.groupId, ids), inArray(adjustments.period, [...months]), isNull(adjustments.revokedAt)),
      )
      .orderBy(ROWID),
    db
      .select(awardColumns)
      .from(awards)
      .where(and(inArray(awards.groupId, ids), inArray(awards.period, [...months]), isNull(awards.revokedAt)))
      .orderBy(ROWID),
    termsOf(db, ids),
    absencesOf(db, ids),
  ]);
  const peopleOf = groupBy(withAbsences(people, away), (p) => p.groupId);
  const [r, a, w] = [live(rated), live(adjusted), live(awarded)];
  const rows = new Map<string, MonthRows>();
  for (const g of chunk)
    for (const m of months) {
      const k = key(g.id, m);
      const ps = (peopleOf.get(g.id) ?? []).filter((p) => inGroupDuring(p, m));
      rows.set(
        k,
        ps.length
          ? { people: ps, rated: r.get(k) ?? [], adjusted: a.get(k) ?? [], awarded: w.get(k) ?? [], terms }
          : { people: ps, rated: [], adjusted: [], awarded: [] },
      );
    }
  return rows;
}

async function loadVersions(db: Database, chunk: readonly Group[]): Promise<Map<string, SchemeRow[]>> {
  const ids = chunk.map((g) => g.id);
  const versions = await db.select().from(schemes).where(inArray(schemes.groupId, ids)).orderBy(desc(schemes.version));
  return groupBy(versions, (v) => v.groupId);
}

/** 部门绩效: the unit's score where the group is appraised as a unit, else the office's typed figure (unit-results.ts). */
const loadPerformance = (db: Database, chunk: readonly Group[], months: readonly IsoMonth[]) =>
  performanceOf(db, chunk, months);

/** As schemeForMonth, from a group's versions already read (newest first). */
function schemeFor(
  group: Group,
  versions: readonly SchemeRow[],
  month: IsoMonth,
  now: Date,
  parsed: Map<string, SchemeInForce>,
): SchemeInForce {
  const current = monthOf(localDate(now, group.timezone));
  const at = month >= current ? undefined : endOfLocalMonth(month, group.timezone);
  const row = versions.find((v) => !at || v.createdAt <= at);
  const id = row?.id ?? "";
  if (!parsed.has(id)) parsed.set(id, inForceFrom(row));
  return parsed.get(id)!;
}

/** The quarters and years these months fall in: their figures may be kept beside the months'. */
function periodsOf(months: readonly IsoMonth[]): string[] {
  const out = new Set<string>();
  for (const m of months) {
    out.add(m.slice(0, 4));
    out.add(`${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5)) / 3)}`);
  }
  return [...out];
}

/** A month's result without the derivations, which only an explanation needs. */
const summaryOf = (result: PeriodResult): ResultSummary => ({
  ...result,
  members: result.members.map(withoutDerivation),
});

/**
 * A member's figures, copied key by key: `derivation` is a lazy getter, and reading it (as a rest
 * pattern would) computes every member's derivation tree only to throw it away.
 */
function withoutDerivation(member: PeriodResult["members"][number]): ResultSummary["members"][number] {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(member)) if (key !== "derivation") out[key] = member[key as keyof typeof member];
  return out as ResultSummary["members"][number];
}

/**
 * A source for these groups over these months. Groups are read a chunk at a
 * time, on first use, and a chunk's rows are let go once the next is read;
 * scored months are held (they are small) so each is computed once.
 * Summaries of finished months come from month_results while still valid
 * (month-cache.ts): a chunk whose months are all kept reads no ratings at all.
 */
export function periodSource(
  db: Database,
  all: readonly Group[],
  months: readonly IsoMonth[],
  now: Date,
  perChunk = GROUPS_PER_CHUNK,
): PeriodSource {
  const chunkOf = new Map(all.map((g, i) => [g.id, Math.floor(i / perChunk)]));
  const parsed = new Map<string, SchemeInForce>();
  const scored = new Map<string, Promise<MonthScores>>();
  const summaries = new Map<string, Promise<MonthSummary>>();
  const toKeep: KeptMonth[] = [];
  let current: { index: number; chunk: Chunk } | undefined;
  const chunkFor = (group: Group): Chunk => {
    const index = chunkOf.get(group.id);
    if (index === undefined || !months.length) throw new Error(`group ${group.id} is not part of this period source`);
    if (current?.index !== index)
      current = { index, chunk: { groups: all.slice(index * perChunk, (index + 1) * perChunk) } };
    return current.chunk;
  };
  // The counters first: a write after them makes what is scored below look stale, never current.
  const keptOf = (chunk: Chunk) => {
    if (!chunk.kept) {
      chunk.keptFirst = !chunk.rows && !chunk.attendance && !chunk.versions && !chunk.performance && !chunk.units;
      chunk.kept = readMonthCache(
        db,
        chunk.groups.map((g) => g.id),
        [...months, ...periodsOf(months)],
      );
    }
    return chunk.kept;
  };
  const inForceOf = async (chunk: Chunk, group: Group, month: IsoMonth) => {
    chunk.versions ??= loadVersions(db, chunk.groups);
    return schemeFor(group, (await chunk.versions).get(group.id) ?? [], month, now, parsed);
  };
  const inputs = async (group: Group, month: IsoMonth): Promise<MonthData & { inForce: SchemeInForce }> => {
    const chunk = chunkFor(group);
    chunk.rows ??= loadRows(db, chunk.groups, months);
    const [inForce, all] = await Promise.all([inForceOf(chunk, group, month), chunk.rows]);
    const rows = all.get(key(group.id, month));
    if (!rows) throw new Error(`month ${month} is not part of this period source`);
    if (hasComputedLeaf(inForce.scheme) && rows.people.length && !rows.attendanceRows) {
      chunk.attendance ??= attendanceOf(db, chunk.groups, months);
      rows.attendanceRows = (await chunk.attendance).get(key(group.id, month)) ?? { records: [], leaves: [] };
    }
    if (hasUnitLeaf(inForce.scheme) && rows.people.length && rows.unitScore === undefined) {
      chunk.units ??= unitMonths(db, chunk.groups, months);
      rows.unitScore = (await chunk.units).get(key(group.id, month))?.result.total ?? null;
    }
    // Targets are few and per group: read for the group-months whose scheme binds a leaf to them.
    if (hasTargetLeaf(inForce.scheme) && rows.people.length && !rows.targetRows)
      rows.targetRows = await boundGoalsOf(db, group, month);
    return { ...assembleMonth(group, month, inForce.scheme, rows, now), inForce };
  };
  const compute = async (group: Group, month: IsoMonth): Promise<MonthScores> => {
    const { inputs: json, peerRaters, attendance, targets, inForce } = await inputs(group, month);
    const p = parsePeriodInputs(inForce.scheme, json);
    if (!p.ok)
      throw new DataError(
        group.id,
        month,
        `month inputs invalid: ${p.errors.map((e) => `${e.path} ${e.en}`).join("; ")}`,
      );
    const result = computePeriod(inForce.scheme, p.inputs);
    return { month, inForce, result, peerRaters, attendance, ...(targets ? { targets } : {}) };
  };
  const month = (group: Group, month: IsoMonth) => {
    const k = key(group.id, month);
    if (!scored.has(k)) scored.set(k, compute(group, month));
    return scored.get(k)!;
  };
  const summarise = async (group: Group, wanted: IsoMonth): Promise<MonthSummary> => {
    if (!isFinished(group, wanted, now)) return month(group, wanted);
    const chunk = chunkFor(group);
    const cache = await keptOf(chunk);
    const text = (await cache.current(months.map((m) => ({ id: m, months: [m] })))).get(key(group.id, wanted));
    if (text) return { month: wanted, inForce: await inForceOf(chunk, group, wanted), result: decodeResult(text) };
    // Scored here rather than through month(), so the derivations are not held for the whole export.
    const scores = scored.has(key(group.id, wanted)) ? await month(group, wanted) : await compute(group, wanted);
    const result = summaryOf(scores.result);
    const encoded = chunk.keptFirst ? encodeResult(result) : undefined;
    if (encoded)
      toKeep.push({ groupId: group.id, month: wanted, stamp: cache.stampFor(group.id, wanted), result: encoded });
    return { month: wanted, inForce: scores.inForce, result };
  };
  return {
    inputs,
    month,
    summary(group, wanted) {
      const k = key(group.id, wanted);
      if (!summaries.has(k)) summaries.set(k, summarise(group, wanted));
      return summaries.get(k)!;
    },
    inForce: (group, wanted) => inForceOf(chunkFor(group), group, wanted),
    async keptFigures(group, period) {
      if (!isFinished(group, period.months.at(-1)!, now)) return undefined;
      const cache = await keptOf(chunkFor(group));
      return (await cache.current([period])).get(key(group.id, period.id));
    },
    async keepFigures(group, period, figures) {
      const chunk = chunkFor(group);
      const cache = await keptOf(chunk);
      if (!chunk.keptFirst || !isFinished(group, period.months.at(-1)!, now)) return;
      toKeep.push({
        groupId: group.id,
        month: period.id,
        stamp: cache.periodStampFor(group.id, period.months),
        result: figures,
      });
    },
    async save() {
      const kept = toKeep.splice(0);
      if (kept.length) await db.batch(keepWrites(db, kept) as [BatchItem, ...BatchItem[]]);
      return kept.length;
    },
    async departmentScores(group, wanted) {
      const chunk = chunkFor(group);
      chunk.performance ??= loadPerformance(db, chunk.groups, months);
      const performance = await chunk.performance;
      return wanted.flatMap((m) => {
        const s = performance.get(key(group.id, m));
        return s === undefined ? [] : [s];
      });
    },
  };
}

/** Records and leave for a chunk's groups and months, one query each, split by group and month. */
async function attendanceOf(
  db: Database,
  chunk: readonly Group[],
  months: readonly IsoMonth[],
): Promise<Map<string, AttendanceRows>> {
  const all = await attendanceRowsOf(
    db,
    chunk.map((g) => g.id),
    months,
  );
  const out = new Map<string, AttendanceRows>();
  const of = (groupId: string, month: string) => {
    const k = key(groupId, month);
    if (!out.has(k)) out.set(k, { records: [], leaves: [] });
    return out.get(k)!;
  };
  for (const r of all.records) of(r.groupId, r.date.slice(0, 7)).records.push(r);
  // Leave may span months: each month it touches gets it (attendanceFrom keeps only its own days).
  for (const l of all.leaves)
    for (const m of months) if (l.from.slice(0, 7) <= m && l.to.slice(0, 7) >= m) of(l.groupId, m).leaves.push(l);
  return out;
}
