/** Value types of an appraisal scheme (考核方案), after validation and defaults. */
import type { GradeOptions } from "./grade-options";

/** One node of the indicator tree. A node with `children` is scored from them; a node without is a leaf that people rate. */
export interface Dimension {
  key: string;
  name: string;
  /** Share of the parent (or of the 100-point total at top level), in percent. */
  weight: number;
  /** Top level only: positive adjustments may add at most this percent of `weight` in points (DOMAIN §2: 20%). */
  bonusCapPct?: number;
  /** Leaves only: computed, not rated. "attendance": the share of workdays with an on-time daily record. */
  source?: "attendance";
  children?: Dimension[];
}

/** `quota` is a head count, or a share of the people in the period such as "20%". */
export type Quota = number | `${number}%`;

export interface Grade {
  name: string;
  /** The total a person must reach (inclusive) to get this grade. */
  min: number;
  quota?: Quota;
}

export type RankingVisibility = "full" | "top" | "private";

export interface Scheme extends GradeOptions {
  name: string;
  dimensions: Dimension[];
  /** Rater group → weight in percent; the weights sum to 100. */
  raters: Record<string, number>;
  /** Cap on award points plus extra points together; absent means no cap. */
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
  /** 年总结: weights of Q1–Q4 in the year's total, in percent. */
  yearWeights: [number, number, number, number];
  /** Year-end bonus pool in yuan (0: none). */
  annualPool: number;
  /** 部门绩效校正: scale the group's totals by the office's score for the group (see scoring/calibrate.ts). */
  departmentCalibration: boolean;
}

/** A validation problem, named by its path in the JSON and told in Chinese and English. */
export interface FieldError {
  path: string;
  zh: string;
  en: string;
}

export type ParseResult<K extends string, T> = ({ ok: true } & { [P in K]: T }) | { ok: false; errors: FieldError[] };
