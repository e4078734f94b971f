/**
 * 目标责任制: how a target's completion becomes an indicator's score (issue 14 item 1). Pure.
 *
 * 篇9 line 190: 「绩效考核目标是绩效考核的核心内容…也是贯穿绩效考核的一根主线」. A scheme leaf bound to targets
 * (`source: "target"`) is scored by this curve instead of by raters:
 *
 * - a target to reach (完成类, "完成12个项目", 篇14 「完成计划投入的106.32%」):
 *   rate = done ÷ plan × 100 (to 2 decimals);
 *   rate ≥ 100 → 100 points, and a bonus of `bonusPerPct` × (rate − 100) percent of the item's points, at most
 *   `bonusCapPct` (≤ 20: DOMAIN §2 「加分最高不超过该项分值的20%」);
 *   floor ≤ rate < 100 → the rate itself (proportional);
 *   rate < floor → 0 (完成率低于底线不得分).
 * - a limit to stay under (控制类, 篇13 line 281 「生产安全事故数量在市下达的控制指标之内」: accidents, complaints):
 *   count ≤ limit → 100; each unit over the limit costs `overStep` points, never below 0. No bonus: staying under a
 *   limit is the whole of the task.
 */

export type TargetDirection = "at_least" | "at_most";

export interface TargetCurve {
  /** Completion rate (percent) below which a target to reach scores 0. */
  floor: number;
  /** Bonus, in percent of the item's points, per percentage point of completion above 100. */
  bonusPerPct: number;
  /** Most bonus, in percent of the item's points (the 20% cap of DOMAIN §2 at most). */
  bonusCapPct: number;
  /** Points lost per unit over a limit. */
  overStep: number;
}

/** The curve a bound leaf uses where the scheme sets no parameter: 60% floor, 1:1 bonus up to 20%, 20 per unit over. */
export const DEFAULT_CURVE: TargetCurve = Object.freeze({ floor: 60, bonusPerPct: 1, bonusCapPct: 20, overStep: 20 });

/** The most bonus any curve may give (DOMAIN §2, 篇5: 加分不超过该项分值的20%). */
export const MAX_BONUS_PCT = 20;

export interface CurvePoint {
  /** 完成率 in percent (to 2 decimals); null for a limit of 0, where only the count speaks. */
  rate: number | null;
  /** The item's score, 0–100. */
  score: number;
  /** Bonus in percent of the item's points (0 to the cap). */
  bonusPct: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A target to reach: `done` against the plan due so far (`expected` > 0). */
export function reachScore(done: number, expected: number, curve: TargetCurve = DEFAULT_CURVE): CurvePoint {
  const rate = expected > 0 ? round2((done / expected) * 100) : 0;
  if (rate >= 100) {
    const bonusPct = Math.min(Math.min(curve.bonusCapPct, MAX_BONUS_PCT), round2((rate - 100) * curve.bonusPerPct));
    return { rate, score: 100, bonusPct };
  }
  return { rate, score: rate >= curve.floor ? rate : 0, bonusPct: 0 };
}

/** A limit to stay under: `count` against `limit` (≥ 0). */
export function limitScore(count: number, limit: number, curve: TargetCurve = DEFAULT_CURVE): CurvePoint {
  const rate = limit > 0 ? round2((count / limit) * 100) : null;
  const over = count - limit;
  const score = over <= 0 ? 100 : Math.max(0, round2(100 - over * curve.overStep));
  return { rate, score, bonusPct: 0 };
}

/**
 * How much of a plan is due by the end of month `elapsed` of a period of `months` months (时间过半、任务过半):
 * a quarter's target of 12 is due 4 after its first month, 8 after its second, 12 at its end. A limit is not
 * spread out: it holds for the whole period from its first day.
 */
export function dueSoFar(planned: number, elapsed: number, months: number): number {
  if (months <= 0) return planned;
  return (planned * Math.min(Math.max(elapsed, 0), months)) / months;
}

/** One target's point on the curve at the end of month `elapsed` of its period. */
export function targetPoint(
  target: { direction: TargetDirection; planned: number; done: number },
  elapsed: number,
  months: number,
  curve: TargetCurve = DEFAULT_CURVE,
): CurvePoint {
  if (target.direction === "at_most") return limitScore(target.done, target.planned, curve);
  return reachScore(target.done, dueSoFar(target.planned, elapsed, months), curve);
}

/** Several targets bound to one item for one person score their plain mean (score and bonus alike). */
export function meanPoint(points: readonly CurvePoint[]): { score: number; bonusPct: number } {
  if (!points.length) return { score: 0, bonusPct: 0 };
  const score = round2(points.reduce((n, p) => n + p.score, 0) / points.length);
  const bonusPct = round2(points.reduce((n, p) => n + p.bonusPct, 0) / points.length);
  return { score, bonusPct };
}

/** A leaf's points in the 100-point total: the top-level weight times each level's share below it. */
export function itemPoints(weights: readonly number[]): number {
  if (!weights.length) return 0;
  return weights.slice(1).reduce((points, w) => (points * w) / 100, weights[0]!);
}

/** The bonus in points (2 decimals) that `bonusPct` percent of an item of `points` points is. */
export const bonusPoints = (bonusPct: number, points: number): number => round2((bonusPct * points) / 100);
