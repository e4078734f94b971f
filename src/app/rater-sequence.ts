/**
 * 先民测、再由领导评分 (篇6 line 122): where a scheme sets `raterSequence`, a group rates a member's items only once the
 * group before it has, and sees that group's result while it rates. Returns codes and figures; the command words them.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../db/database";
import { ratings, type Group } from "../db/schema";
import type { IsoMonth } from "../domain/dates";
import type { Scheme } from "../domain/scheme";
import { PEER_MINIMUM } from "./scores";

export interface EarlierResult {
  group: string;
  /** Distinct raters of the earlier group on these items this month. */
  raters: number;
  /** Their average over the items, or null where nobody rated. */
  average: number | null;
}

export type SequenceCheck =
  | { ok: true; earlier: EarlierResult | null }
  | { ok: false; code: "earlier-group-pending"; earlier: EarlierResult; needed: number };

/** The group `raterGroup` follows in the scheme's order, if any. */
export const groupBefore = (scheme: Scheme, raterGroup: string): string | null => {
  const at = scheme.raterSequence.indexOf(raterGroup);
  return at > 0 ? (scheme.raterSequence[at - 1] ?? null) : null;
};

export async function checkRaterSequence(
  db: Database,
  group: Group,
  scheme: Scheme,
  month: IsoMonth,
  memberId: string,
  leaves: readonly string[],
  raterGroup: string,
): Promise<SequenceCheck> {
  const before = groupBefore(scheme, raterGroup);
  if (!before) return { ok: true, earlier: null };
  const rows = await db
    .select({ dimension: ratings.dimension, by: ratings.raterUserId, score: ratings.score })
    .from(ratings)
    .where(
      and(
        eq(ratings.groupId, group.id),
        eq(ratings.period, month),
        eq(ratings.memberId, memberId),
        eq(ratings.raterGroup, before),
        inArray(ratings.dimension, [...leaves]),
        isNull(ratings.supersededAt),
      ),
    );
  // Peers count once enough colleagues have rated every item (as the scores do, scores.ts PEER_MINIMUM).
  const needed = before === "peer" ? PEER_MINIMUM : 1;
  const perItem = leaves.map((leaf) => new Set(rows.filter((r) => r.dimension === leaf).map((r) => r.by)).size);
  const earlier: EarlierResult = {
    group: before,
    raters: new Set(rows.map((r) => r.by)).size,
    average: rows.length ? Math.round((rows.reduce((n, r) => n + r.score, 0) / rows.length) * 100) / 100 : null,
  };
  if (perItem.some((n) => n < needed)) return { ok: false, code: "earlier-group-pending", earlier, needed };
  return { ok: true, earlier };
}
