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
export function apportion(
  total: number,
  weights: readonly number[],
  tieBreak: (a: number, b: number) => number,
): number[] {
  if (!Number.isSafeInteger(total) || total < 0)
    throw new RangeError(`apportion: total must be a non-negative integer, got ${total}`);
  let sum = 0;
  let max = 0;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0)
      throw new RangeError(`apportion: weights must be non-negative integers, got ${w}`);
    sum += w;
    if (w > max) max = w;
  }
  if (sum === 0) throw new RangeError("apportion: weights sum to 0");
  // Plain numbers are exact while total × weight + sum stays a safe integer (a pool of 10^7 yuan
  // over totals in hundredths does); beyond that, BigInt.
  const exact = total * max + sum <= Number.MAX_SAFE_INTEGER;
  const { shares, remainders } = exact ? divideNumbers(total, weights, sum) : divideBig(total, weights);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact
    ? byRemainder(remainders as number[], sum, tieBreak)
    : weights.map((_, i) => i).sort((a, b) => compareRemainders(remainders, a, b) || tieBreak(a, b));
  for (const i of order) {
    if (left <= 0) break;
    shares[i] = shares[i]! + 1;
    left -= 1;
  }
  return shares;
}

/** Largest remainder first; 0 where equal (the tie-break decides). */
const compareRemainders = (remainders: readonly (number | bigint)[], a: number, b: number): number => {
  const ra = remainders[a]!;
  const rb = remainders[b]!;
  return ra === rb ? 0 : ra > rb ? -1 : 1;
};

/**
 * Positions by largest remainder, equal remainders by `tieBreak`: the order of the comparator sort (stable), without a
 * comparator call per pair. Remainders (integers below `sum`) and positions are packed into one number each and
 * sorted natively; only runs of equal remainders go through `tieBreak`. Too large to pack: the comparator sort.
 */
function byRemainder(remainders: readonly number[], sum: number, tieBreak: (a: number, b: number) => number): number[] {
  const n = remainders.length;
  if (sum * n > Number.MAX_SAFE_INTEGER)
    return remainders.map((_, i) => i).sort((a, b) => compareRemainders(remainders, a, b) || tieBreak(a, b));
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (sum - 1 - remainders[i]!) * n + i;
  keys.sort();
  const order: number[] = new Array(n);
  for (let k = 0; k < n; k++) order[k] = keys[k]! % n;
  for (let from = 0, k = 1; k <= n; k++) {
    if (k < n && remainders[order[k]!] === remainders[order[from]!]) continue;
    if (k - from > 1) {
      const tie = order.slice(from, k).sort(tieBreak);
      for (let j = 0; j < tie.length; j++) order[from + j] = tie[j]!;
    }
    from = k;
  }
  return order;
}

/** floor(total × w / sum) and its remainder, in numbers: every product and partial sum is a safe integer. */
function divideNumbers(
  total: number,
  weights: readonly number[],
  sum: number,
): { shares: number[]; remainders: number[] } {
  const shares: number[] = new Array(weights.length);
  const remainders: number[] = new Array(weights.length);
  weights.forEach((w, i) => {
    const a = total * w;
    let q = Math.floor(a / sum);
    let r = a - q * sum;
    // The float quotient may round across an integer; the exact remainder puts it right.
    if (r < 0) {
      q -= 1;
      r += sum;
    } else if (r >= sum) {
      q += 1;
      r -= sum;
    }
    shares[i] = q;
    remainders[i] = r;
  });
  return { shares, remainders };
}

function divideBig(total: number, weights: readonly number[]): { shares: number[]; remainders: bigint[] } {
  const big = weights.map(BigInt);
  const sum = big.reduce((a, b) => a + b, 0n);
  const t = BigInt(total);
  return { shares: big.map((w) => Number((t * w) / sum)), remainders: big.map((w) => (t * w) % sum) };
}
