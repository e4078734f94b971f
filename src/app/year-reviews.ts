/**
 * 半年综合管理评价 (篇9 line 193, 「按30%计入年底总评」): a scheme's `yearReviews` are rated by the leaders with 评分
 * like any item, and stored as ratings of the month they were given, under the review's key (never a leaf, so no
 * month's score counts them). The year takes each member's average over the year as that review's part.
 */
import { and, eq, gte, inArray, isNull, lte } from "drizzle-orm";
import type { Database } from "../db/database";
import { members, ratings, type Group } from "../db/schema";
import type { Scheme } from "../domain/scheme";
import type { ReviewScores } from "../domain/scoring";
import type { IsoMonth } from "../domain/dates";
import { displayName } from "./scores";

export async function yearReviewScores(
  db: Database,
  group: Group,
  scheme: Scheme,
  year: string,
): Promise<ReviewScores[]> {
  return reviewScores(
    db,
    group,
    scheme.yearReviews.map((r) => r.key),
    `${year}-01`,
    `${year}-12`,
  );
}

/**
 * The reviews `keys` as rated from month `from` to month `to` (inclusive): each member's average. The year takes
 * January–December; a school's semester its own months (school-results.ts), so a 学期测评 counts in the semester it
 * was rated in.
 */
export async function reviewScores(
  db: Database,
  group: Group,
  keys: readonly string[],
  from: IsoMonth,
  to: IsoMonth,
): Promise<ReviewScores[]> {
  if (!keys.length) return [];
  const rows = await db
    .select({ key: ratings.dimension, memberId: ratings.memberId, score: ratings.score })
    .from(ratings)
    .where(
      and(
        eq(ratings.groupId, group.id),
        gte(ratings.period, from),
        lte(ratings.period, to),
        inArray(ratings.dimension, [...keys]),
        eq(ratings.raterGroup, "leader"),
        isNull(ratings.supersededAt),
      ),
    );
  if (!rows.length) return [];
  const people = await db.select().from(members).where(eq(members.groupId, group.id));
  const nameOf = new Map(people.map((p) => [p.id, displayName(p)]));
  return keys.map((key) => {
    const byMember = new Map<string, number[]>();
    for (const r of rows) if (r.key === key) byMember.set(r.memberId, [...(byMember.get(r.memberId) ?? []), r.score]);
    return {
      key,
      scores: [...byMember]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([id, s]) => ({ id, name: nameOf.get(id) ?? id, score: s.reduce((a, b) => a + b, 0) / s.length })),
    };
  });
}
