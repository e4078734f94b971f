/**
 * Most points one score change may carry (加分、扣分、申报、更正、申诉更正): a typo such as
 * "20" for "2" should not pass unnoticed. One constant, so every door says the same limit.
 */
export const MAX_CHANGE_POINTS = 20;

/** A positive change within the cap (加分、扣分、申报 carry a sign elsewhere). */
export function isPositivePoints(points: number): boolean {
  return Number.isFinite(points) && points > 0 && points <= MAX_CHANGE_POINTS;
}

/** A signed, non-zero change within the cap (更正、申诉更正 may add or take away). */
export function isSignedPoints(points: number): boolean {
  return Number.isFinite(points) && points !== 0 && Math.abs(points) <= MAX_CHANGE_POINTS;
}
