import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../db/database";
import { newId } from "../db/ids";
import { unitRatings, unitSchemes, type Group } from "../db/schema";
import type { IsoMonth } from "../domain/dates";
import type { FieldError } from "../domain/scheme";
import { checkSchemeSize } from "../domain/scheme";
import { newUnitSchemeProblems, parseUnitScheme, type UnitScheme } from "../domain/scoring/unit-scheme";
import {
  leavesUnder,
  rankUnits,
  scoreUnit,
  unitLines,
  unitPeriodScore,
  type RankedUnit,
  type UnitResult,
} from "../domain/scoring/unit-score";
import { auditWrite, type Writes } from "./audit";
import { unitMonths, unitSchemeOf, unitSchemeVersions, type UnitMonth } from "./unit-results";

/**
 * 考核单位 (issue 14 item 3) as use cases: the office sets a group's unit scheme and rates the unit on it; anyone sees
 * the units' standing. Each answers with a code and the figures; the words are the cards' (cards/unit-reply.ts).
 */

export type SetUnitSchemeOutcome =
  | { ok: true; code: "saved"; version: number; scheme: UnitScheme; writes: Writes }
  | { ok: false; code: "invalid"; errors: FieldError[] };

/** A new version of the group's unit scheme; months already past keep the version in force at their end. */
export async function setUnitScheme(
  deps: { db: Database },
  input: { group: Group; json: unknown; by: string; now: Date },
): Promise<SetUnitSchemeOutcome> {
  const parsed = parseUnitScheme(input.json);
  if (!parsed.ok) return { ok: false, code: "invalid", errors: parsed.errors };
  const tooLarge = [...checkSchemeSize(parsed.scheme.dimensions), ...newUnitSchemeProblems(parsed.scheme)];
  if (tooLarge.length) return { ok: false, code: "invalid", errors: tooLarge };
  const { db } = deps;
  const [latest] = await db
    .select({ version: unitSchemes.version })
    .from(unitSchemes)
    .where(eq(unitSchemes.groupId, input.group.id))
    .orderBy(desc(unitSchemes.version))
    .limit(1);
  const version = (latest?.version ?? 0) + 1;
  const id = newId("usc", input.now.getTime());
  return {
    ok: true,
    code: "saved",
    version,
    scheme: parsed.scheme,
    writes: [
      db.insert(unitSchemes).values({
        id,
        groupId: input.group.id,
        version,
        name: parsed.scheme.name,
        json: JSON.stringify(input.json),
        createdBy: input.by,
        createdAt: input.now,
      }),
      auditWrite(db, {
        groupId: input.group.id,
        by: input.by,
        action: "unit.scheme",
        subjectId: id,
        detail: { version, name: parsed.scheme.name },
        now: input.now,
      }),
    ],
  };
}

/** The group's current unit scheme, if it has one. */
export async function currentUnitScheme(
  db: Database,
  group: Group,
): Promise<{ version: number; scheme: UnitScheme } | null> {
  const row = (await unitSchemeVersions(db, [group.id])).get(group.id)?.[0];
  return row ? { version: row.version, scheme: unitSchemeOf(row) } : null;
}

export type RateUnitOutcome =
  | { ok: true; code: "rated"; leaves: string[]; result: UnitResult; writes: Writes }
  | { ok: false; code: "no-scheme" }
  | { ok: false; code: "unknown-item"; keys: { key: string; name: string }[] };

/**
 * An admin's rating of the unit on one indicator (a node rates every leaf under it) for a month. The same admin's
 * earlier rating there is superseded; other admins' stand, and the leaf takes their mean.
 */
export async function rateUnit(
  deps: { db: Database },
  input: { group: Group; month: IsoMonth; item: string; score: number; comment: string; by: string; now: Date },
): Promise<RateUnitOutcome> {
  const { db } = deps;
  const inForce = (await unitMonths(db, [input.group], [input.month])).get(`${input.group.id}|${input.month}`);
  if (!inForce) return { ok: false, code: "no-scheme" };
  const leaves = leafFor(inForce, input.item);
  if (!leaves)
    return {
      ok: false,
      code: "unknown-item",
      keys: inForce.scheme.dimensions.map((d) => ({ key: d.key, name: d.name })),
    };
  const earlier = await db
    .select({ dimension: unitRatings.dimension, score: unitRatings.score, by: unitRatings.raterUserId })
    .from(unitRatings)
    .where(
      and(
        eq(unitRatings.groupId, input.group.id),
        eq(unitRatings.period, input.month),
        isNull(unitRatings.supersededAt),
      ),
    )
    .orderBy(unitRatings.createdAt, unitRatings.id);
  const after = [
    ...earlier.filter((r) => !(r.by === input.by && leaves.includes(r.dimension))),
    ...leaves.map((dimension) => ({ dimension, score: input.score, by: input.by })),
  ];
  const writes: Writes = [
    db
      .update(unitRatings)
      .set({ supersededAt: input.now })
      .where(
        and(
          eq(unitRatings.groupId, input.group.id),
          eq(unitRatings.period, input.month),
          eq(unitRatings.raterUserId, input.by),
          inArray(unitRatings.dimension, leaves),
          isNull(unitRatings.supersededAt),
        ),
      ),
  ];
  for (const dimension of leaves) {
    const id = newId("urt", input.now.getTime());
    writes.push(
      db.insert(unitRatings).values({
        id,
        groupId: input.group.id,
        period: input.month,
        dimension,
        raterUserId: input.by,
        score: input.score,
        comment: input.comment || null,
        createdAt: input.now,
      }),
      auditWrite(db, {
        groupId: input.group.id,
        by: input.by,
        action: "unit.rating",
        subjectId: id,
        detail: { month: input.month, dimension, score: input.score, comment: input.comment || null },
        now: input.now,
      }),
    );
  }
  return { ok: true, code: "rated", leaves, result: scoreUnit(inForce.scheme, after), writes };
}

/** An indicator by key or by name (as people type it), as the leaves it rates. */
function leafFor(inForce: UnitMonth, item: string): string[] | null {
  const byKey = leavesUnder(inForce.scheme, item.toLowerCase());
  if (byKey) return byKey;
  const named = (nodes: UnitScheme["dimensions"]): string | undefined =>
    nodes.reduce<string | undefined>((hit, n) => hit ?? (n.name === item ? n.key : named(n.children ?? [])), undefined);
  const key = named(inForce.scheme.dimensions);
  return key ? leavesUnder(inForce.scheme, key) : null;
}

export interface UnitStanding {
  month: IsoMonth;
  /** The units fully rated, best first: the first holds the 流动红旗. */
  ranking: RankedUnit[];
  /** The asking group's own unit month, if it is appraised as a unit. */
  own: UnitMonth | null;
  /** Units with a scheme but not fully rated yet. */
  pending: { groupId: string; groupName: string; rated: number; leaves: number }[];
}

/** Every unit of the organisation for a month: ranked where fully rated, pending otherwise. */
export async function unitStanding(db: Database, groups: readonly Group[], own: Group, month: IsoMonth) {
  const scored = await unitMonths(db, groups, [month]);
  const units = groups.flatMap((g) => {
    const u = scored.get(`${g.id}|${month}`);
    return u ? [{ group: g, unit: u }] : [];
  });
  const standing: UnitStanding = {
    month,
    ranking: rankUnits(
      units.map((u) => ({ groupId: u.group.id, groupName: u.group.name, total: u.unit.result.total })),
    ),
    own: scored.get(`${own.id}|${month}`) ?? null,
    pending: units
      .filter((u) => u.unit.result.total === null)
      .map((u) => ({
        groupId: u.group.id,
        groupName: u.group.name,
        rated: u.unit.result.ratedLeaves,
        leaves: u.unit.result.leaves,
      })),
  };
  return standing;
}

/** The 流动红旗 of a month among units fully rated (null when no unit is). */
export async function unitRedFlag(db: Database, groups: readonly Group[], month: IsoMonth) {
  const scored = await unitMonths(db, groups, [month]);
  const ranking = rankUnits(
    groups.map((g) => ({
      groupId: g.id,
      groupName: g.name,
      total: scored.get(`${g.id}|${month}`)?.result.total ?? null,
    })),
  );
  return ranking[0] ?? null;
}

export interface UnitPeriod {
  period: string;
  /** Each month of the period the unit had a scheme in force, with its lines (未评完 where not fully rated). */
  months: { month: IsoMonth; total: number | null; lines: string[] }[];
  /** The mean of its fully rated months. */
  score: number | null;
  /** Its place among the organisation's units by that mean (null while unscored), and how many were placed. */
  rank: number | null;
  ranked: number;
  /** Months it held the 流动红旗. */
  flags: IsoMonth[];
}

/** A unit's quarter or year (its 单位成绩单): null where the group had no unit scheme in any of the months. */
export async function unitPeriod(
  db: Database,
  groups: readonly Group[],
  group: Group,
  period: string,
  months: readonly IsoMonth[],
): Promise<UnitPeriod | null> {
  const scored = await unitMonths(db, groups, months);
  const own = months.flatMap((m) => {
    const u = scored.get(`${group.id}|${m}`);
    return u ? [{ month: m, total: u.result.total, lines: unitLines(u.result) }] : [];
  });
  if (!own.length) return null;
  const means = groups.map((g) => ({
    groupId: g.id,
    groupName: g.name,
    total: unitPeriodScore(months.map((m) => scored.get(`${g.id}|${m}`)?.result.total ?? null)),
  }));
  const ranking = rankUnits(means);
  const flags = months.filter(
    (m) =>
      rankUnits(
        groups.map((g) => ({
          groupId: g.id,
          groupName: g.name,
          total: scored.get(`${g.id}|${m}`)?.result.total ?? null,
        })),
      ).find((u) => u.rank === 1 && u.groupId === group.id) !== undefined,
  );
  return {
    period,
    months: own,
    score: unitPeriodScore(own.map((m) => m.total)),
    rank: ranking.find((u) => u.groupId === group.id)?.rank ?? null,
    ranked: ranking.length,
    flags,
  };
}
