import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Database } from "../db/database";
import { adjustments, type Group, type Member } from "../db/schema";
import type { IsoMonth } from "../domain/dates";
import { findDimension } from "../domain/scheme";
import { round2 } from "../domain/scoring";
import type { Writes } from "./audit";
import { schemeInForce } from "./schemes";
import { adjustWrites } from "./scores";

/**
 * 加分 / 扣分: a leader changes points on a dimension for one or more people (同奖同赔).
 * The change counts on the top-level dimension, where the bonus cap is defined; a bonus
 * that takes someone over the cap is still recorded (the engine caps it), but said now.
 */
export interface AdjustInput {
  group: Group;
  people: Member[];
  /** What the leader typed for the dimension. */
  item: string;
  /** Signed: positive for 加分, negative for 扣分. */
  points: number;
  reason: string;
  month: IsoMonth;
  by: string;
  now: Date;
}

export interface OverCap {
  member: Member;
  /** This month's bonus on the dimension with this one. */
  sum: number;
  cap: number;
  capPct: number;
}

export type AdjustResult =
  | { ok: false; code: "dimension_unknown" | "dimension_ambiguous"; options: string[] }
  | {
      ok: true;
      code: "adjusted";
      dimension: { key: string; name: string };
      writes: Writes;
      overCap: OverCap[];
    };

export async function adjustScore(deps: { db: Database }, input: AdjustInput): Promise<AdjustResult> {
  const { db } = deps;
  const { scheme } = await schemeInForce(db, input.group.id);
  const found = findDimension(scheme, input.item);
  if (found.kind === "ambiguous")
    return { ok: false, code: "dimension_ambiguous", options: found.candidates.map((d) => d.name) };
  if (found.kind !== "found")
    return { ok: false, code: "dimension_unknown", options: scheme.dimensions.map((d) => d.name) };
  const top = found.path[0]!;
  const writes = input.people.flatMap((member) =>
    adjustWrites(db, {
      group: input.group,
      month: input.month,
      member,
      dimension: top.key,
      points: input.points,
      reason: input.reason,
      by: input.by,
      now: input.now,
    }),
  );
  const overCap: OverCap[] = [];
  if (input.points > 0 && top.bonusCapPct !== undefined) {
    // The engine caps the bonus; the leader is told now rather than surprised by 成绩 later.
    const cap = (top.weight * top.bonusCapPct) / 100;
    const earlier = await bonusesThisMonth(db, input.people, input.month, top.key);
    for (const member of input.people) {
      const sum = round2(
        earlier.filter((a) => a.memberId === member.id).reduce((n, a) => n + a.points, 0) + input.points,
      );
      if (sum > cap) overCap.push({ member, sum, cap, capPct: top.bonusCapPct });
    }
  }
  return { ok: true, code: "adjusted", dimension: { key: top.key, name: top.name }, writes, overCap };
}

/** The bonuses already standing this month on one dimension, for these people. */
function bonusesThisMonth(db: Database, people: Member[], month: IsoMonth, dimension: string) {
  return db
    .select({ memberId: adjustments.memberId, points: adjustments.points })
    .from(adjustments)
    .where(
      and(
        inArray(
          adjustments.memberId,
          people.map((m) => m.id),
        ),
        eq(adjustments.period, month),
        eq(adjustments.dimension, dimension),
        gt(adjustments.points, 0),
        isNull(adjustments.revokedAt),
      ),
    );
}
