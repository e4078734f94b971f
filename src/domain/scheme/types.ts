/** Value types of an appraisal scheme (考核方案), after validation and defaults. */
import type { TargetCurve } from "../targets/curve";
import type { GradeOptions } from "./grade-options";
import type { SchoolYear } from "../school-year";

/** One node of the indicator tree. A node with `children` is scored from them; a node without is a leaf that people rate. */
export interface Dimension {
  key: string;
  name: string;
  /** Share of the parent (or of the 100-point total at top level), in percent. */
  weight: number;
  /** Top level only: positive adjustments may add at most this percent of `weight` in points (DOMAIN §2: 20%). */
  bonusCapPct?: number;
  /**
   * Leaves only: computed, not rated. "attendance": the share of workdays with an on-time daily record.
   * "unit": the score of the person's own unit under its unit scheme (捆绑考核, 篇6 line 117; issue 14 item 3).
   * "target": the completion of the approved targets (目标) bound to this leaf, by the curve in domain/targets/curve.ts.
   */
  source?: "attendance" | "unit" | "target";
  /** Leaves with `source: "target"` only: the curve's parameters (defaults: DEFAULT_CURVE). */
  curve?: Partial<TargetCurve>;
  children?: Dimension[];
}

/** `quota` is a head count, or a share of the people in the period such as "20%". */
export type Quota = number | `${number}%`;

export interface Grade {
  name: string;
  /** The total a person must reach (inclusive) to get this grade; 0 where the scheme sets no threshold (篇5 line 98:
   * 「优秀5名，良好5名，以分数高低确定」 is by rank alone). */
  min: number;
  quota?: Quota;
}

/**
 * Which scoring rules a scheme is computed by (issue 13).
 * 1: the rules before issue 13. Every scheme stored before then has no `rules` field and keeps it, so the
 *    results already published from it are recomputed to the same figures.
 * 2: the rules of the seed reports (篇5 lines 95–101, 篇6 line 122, 篇9 line 193): the coefficient weights pay, not
 *    the score; award points lie outside the 附加分 cap; percentage quotas by largest remainder; place prizes once, for
 *    the period the scheme names; rater groups nobody records are an error.
 */
export type RulesVersion = 1 | 2;

/**
 * How a member's coefficient (人口规模系数, 岗位系数) is used.
 * "pay": only inside the pay split (篇5 line 95: 总工资 ÷ Σ(得分 × 系数) × 本村得分 × 系数); score, rank and grade
 *        stay on the 100-point scale.
 * "score": total = subtotal × coefficient (rules 1's way; a rules-2 scheme must say so explicitly).
 * "none": not used.
 */
export type CoefficientUse = "pay" | "score" | "none";

/** Which result pays the place prizes: "every" (rules 1: month, quarter and year alike) or one kind of period. */
export type PrizePeriod = "every" | "month" | "quarter" | "year";

/** A separately rated component of the year's total (篇9 line 193: 半年综合管理评价「按30%计入年底总评」). */
export interface YearReview {
  key: string;
  name: string;
  /** Its share of the year's total in percent; the quarters share the rest by `yearWeights`. */
  weight: number;
}

export type RankingVisibility = "full" | "top" | "private";

export interface Scheme extends GradeOptions {
  name: string;
  rules: RulesVersion;
  coefficient: CoefficientUse;
  prizePeriod: PrizePeriod;
  /** Rater group → the top-level dimension keys it rates; a group not listed rates every dimension. */
  raterScope: Record<string, string[]>;
  /**
   * Rater groups that rate one after another (篇6 line 122: 中层干部「先在全体教职工中进行民测，然后由分管领导、
   * 主要领导进行评分」): a later group rates once the earlier one has, with its average in view. Empty: no order.
   */
  raterSequence: string[];
  /** Extra components of the year's total, each rated on its own (empty: the year is the quarters alone). */
  yearReviews: YearReview[];
  dimensions: Dimension[];
  /**
   * Rater group → weight in percent. The groups that rate a dimension sum to 100 (all groups, without a scope).
   * Rules 2 allows 0: a group whose ratings are shown to the next in `raterSequence` but do not count.
   */
  raters: Record<string, number>;
  /** Cap on extra points 附加分; rules 1 caps award points with them, rules 2 not (篇5 line 99). Absent: no cap. */
  extraCap?: number;
  /** Award level → points added to the total. */
  awards: Record<string, number>;
  /** Best grade first. Empty when the scheme grades nobody. */
  grades: Grade[];
  /** Prize in yuan for place 1, 2, 3… */
  prizes: number[];
  rankingVisibility: RankingVisibility;
  /** How many days back a daily record may still be filed. */
  backfillDays: number;
  /** 年总结: weights of Q1–Q4 in the quarters' share of the year's total, in percent. */
  yearWeights: [number, number, number, number];
  /** Year-end bonus pool in yuan (0: none). */
  annualPool: number;
  /** 部门绩效校正: scale the group's totals by the office's score for the group (see scoring/calibrate.ts). */
  departmentCalibration: boolean;
  /**
   * A school's 学年 (September–August) and its two 学期, as periods of their own beside the months, quarters and the
   * calendar year (domain/school-year.ts). Absent: the group has no school year. The calendar year stays the pay year.
   */
  schoolYear?: SchoolYear;
}

/** A validation problem, named by its path in the JSON and told in Chinese and English. */
export interface FieldError {
  path: string;
  zh: string;
  en: string;
}

export type ParseResult<K extends string, T> = ({ ok: true } & { [P in K]: T }) | { ok: false; errors: FieldError[] };
