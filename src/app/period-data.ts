import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../db/database";
import { DataError } from "../domain/data-error";
import { adjustments, awards, departmentScores, members, ratings, schemes, type Group } from "../db/schema";
import { endOfLocalMonth, localDate, monthOf, type IsoMonth } from "../domain/dates";
import { computePeriod, parsePeriodInputs } from "../domain/scoring";
import { attendanceRowsOf, type AttendanceRows } from "./attendance";
import {
  adjustmentColumns,
  assembleMonth,
  awardColumns,
  hasComputedLeaf,
  ratingColumns,
  ROWID,
  type MonthData,
  type MonthRows,
  type MonthScores,
} from "./scores";
import { inForceFrom, type SchemeInForce } from "./schemes";
import { termsOf } from "./roster";

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

export interface PeriodSource {
  /** The engine's inputs for the group's month and the scheme they were filtered with (what loadMonth gives). */
  inputs(group: Group, month: IsoMonth): Promise<MonthData & { inForce: SchemeInForce }>;
  /** The group's month, scored. */
  month(group: Group, month: IsoMonth): Promise<MonthScores>;
  /** 部门绩效 the office set for the group in those months (missing months left out). */
  departmentScores(group: Group, months: readonly IsoMonth[]): Promise<number[]>;
}

interface Loaded {
  chunk: readonly Group[];
  rows: Map<string, MonthRows>;
  versions: Map<string, (typeof schemes.$inferSelect)[]>;
  performance: Map<string, number>;
  /** Records and leave of the chunk's group-months, read the first time a scheme computes attendance. */
  attendance?: Promise<Map<string, AttendanceRows>>;
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

async function loadChunk(db: Database, chunk: readonly Group[], months: readonly IsoMonth[]): Promise<Loaded> {
  const ids = chunk.map((g) => g.id);
  const [people, rated, adjusted, awarded, versions, performance, terms] = await Promise.all([
    db
      .select()
      .from(members)
      .where(and(inArray(members.groupId, ids), eq(members.active, true)))
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
    db.select().from(schemes).where(inArray(schemes.groupId, ids)).orderBy(desc(schemes.version)),
    db
      .select()
      .from(departmentScores)
      .where(and(inArray(departmentScores.groupId, ids), inArray(departmentScores.period, [...months]))),
    termsOf(db, ids),
  ]);
  const peopleOf = groupBy(people, (p) => p.groupId);
  const [r, a, w] = [live(rated), live(adjusted), live(awarded)];
  const rows = new Map<string, MonthRows>();
  for (const g of chunk)
    for (const m of months) {
      const k = key(g.id, m);
      const ps = peopleOf.get(g.id) ?? [];
      rows.set(
        k,
        ps.length
          ? { people: ps, rated: r.get(k) ?? [], adjusted: a.get(k) ?? [], awarded: w.get(k) ?? [], terms }
          : { people: ps, rated: [], adjusted: [], awarded: [] },
      );
    }
  return {
    chunk,
    rows,
    versions: groupBy(versions, (v) => v.groupId),
    performance: new Map(performance.map((p) => [key(p.groupId, p.period), p.score])),
  };
}

/** As schemeForMonth, from a group's versions already read (newest first). */
function schemeFor(
  group: Group,
  versions: readonly (typeof schemes.$inferSelect)[],
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

/**
 * A source for these groups over these months. Groups are read a chunk at a
 * time, on first use, and a chunk's rows are let go once the next is read;
 * scored months are kept (they are small) so each is computed once.
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
  let current: { index: number; loaded: Promise<Loaded> } | undefined;
  const loadedFor = (group: Group) => {
    const index = chunkOf.get(group.id);
    if (index === undefined || !months.length) throw new Error(`group ${group.id} is not part of this period source`);
    if (current?.index !== index)
      current = { index, loaded: loadChunk(db, all.slice(index * perChunk, (index + 1) * perChunk), months) };
    return current.loaded;
  };
  const inputs = async (group: Group, month: IsoMonth): Promise<MonthData & { inForce: SchemeInForce }> => {
    const loaded = await loadedFor(group);
    const rows = loaded.rows.get(key(group.id, month));
    if (!rows) throw new Error(`month ${month} is not part of this period source`);
    const inForce = schemeFor(group, loaded.versions.get(group.id) ?? [], month, now, parsed);
    if (hasComputedLeaf(inForce.scheme) && rows.people.length && !rows.attendanceRows) {
      loaded.attendance ??= attendanceOf(db, loaded.chunk, months);
      rows.attendanceRows = (await loaded.attendance).get(key(group.id, month)) ?? { records: [], leaves: [] };
    }
    return { ...assembleMonth(group, month, inForce.scheme, rows, now), inForce };
  };
  const compute = async (group: Group, month: IsoMonth): Promise<MonthScores> => {
    const { inputs: json, peerRaters, attendance, inForce } = await inputs(group, month);
    const p = parsePeriodInputs(inForce.scheme, json);
    if (!p.ok)
      throw new DataError(
        group.id,
        month,
        `month inputs invalid: ${p.errors.map((e) => `${e.path} ${e.en}`).join("; ")}`,
      );
    return { month, inForce, result: computePeriod(inForce.scheme, p.inputs), peerRaters, attendance };
  };
  return {
    inputs,
    month(group, month) {
      const k = key(group.id, month);
      if (!scored.has(k)) scored.set(k, compute(group, month));
      return scored.get(k)!;
    },
    async departmentScores(group, wanted) {
      const loaded = await loadedFor(group);
      return wanted.flatMap((m) => {
        const s = loaded.performance.get(key(group.id, m));
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
