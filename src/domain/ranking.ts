import type { RankingVisibility } from "./scheme";

/** How many people the top view shows. */
export const TOP_N = 10;

/** Who sees which rows of a ranking: everyone, the top few, or no one's but their own place. */
export function visibleRows<R>(rows: readonly R[], visibility: RankingVisibility | "leader"): R[] {
  if (visibility === "leader" || visibility === "full") return [...rows];
  return visibility === "top" ? rows.slice(0, TOP_N) : [];
}
