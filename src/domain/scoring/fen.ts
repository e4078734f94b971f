/**
 * Rounding and money. Points are floats internally and become integer hundredths ("cents") only
 * where people compare them (ranks, grades, pay); money is always integer fen.
 */

/**
 * Points → integer hundredths, half up. Snapping to 1e-6 first absorbs float noise, so 86.445
 * computed as 86.44499999999999 still rounds to 86.45 as a person would.
 */
export const toCents = (points: number): number => Math.round(Math.round(points * 1e6) / 1e4);

/** The figure shown to people: two decimals, rounded as `toCents`. */
export const round2 = (points: number): number => toCents(points) / 100;

export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);
export const fenToYuan = (fen: number): number => fen / 100;

/**
 * Split `total` (an integer, e.g. fen) in proportion to integer `weights` by the largest-remainder
 * method: everyone gets the floor of their exact share, and the units left over go one each to the
 * largest remainders. `tieBreak` orders equal remainders and must not depend on input order.
 * BigInt keeps `total × weight` exact beyond 2^53. The shares always add up to `total`.
 */
export function apportion(total: number, weights: readonly number[], tieBreak: (a: number, b: number) => number): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`apportion: total must be a non-negative integer, got ${total}`);
  const big = weights.map((w) => {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`apportion: weights must be non-negative integers, got ${w}`);
    return BigInt(w);
  });
  const sum = big.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError("apportion: weights sum to 0");
  const t = BigInt(total);
  const shares = big.map((w) => (t * w) / sum);
  const remainders = big.map((w) => (t * w) % sum);
  let left = Number(t - shares.reduce((a, b) => a + b, 0n));
  const order = weights.map((_, i) => i);
  order.sort((a, b) => {
    const ra = remainders[a] ?? 0n;
    const rb = remainders[b] ?? 0n;
    return ra === rb ? tieBreak(a, b) : ra > rb ? -1 : 1;
  });
  const result = shares.map(Number);
  for (const i of order) {
    if (left <= 0) break;
    result[i] = (result[i] ?? 0) + 1;
    left -= 1;
  }
  return result;
}
