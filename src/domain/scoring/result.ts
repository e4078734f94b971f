/** What computePeriod returns: figures for people, and the derivation behind every one of them. */
import type { TopDimensionScore } from "./dimension";
import type { ExtraScore } from "./extra";
import type { GradeAssignment } from "./grades";
import type { PayShare } from "./pay";
import type { PrizeShare } from "./prizes";
import type { Warning } from "./warning";

/** Rounded to 2 decimals for display; the derivation keeps the unrounded figures. */
export interface DimensionFigures {
  score: number;
  points: number;
  bonus: number;
  deduction: number;
}

export interface MemberDerivation {
  /** The tree of scores down to each rating, per top-level dimension, with its adjustments. */
  dimensions: TopDimensionScore[];
  extra: ExtraScore;
  subtotal: number;
  coefficient: number;
  /** Rules 2 where the coefficient does not multiply the total: "pay" (it weights the pay split) or "none". */
  coefficientUse?: "pay" | "none";
  total: number;
  totalCents: number;
  rank: number;
  /** Ids of everyone sharing the rank, this member included (sorted). */
  tiedWith: string[];
  grade: GradeAssignment | null;
  prize: PrizeShare | null;
  pay: PayShare | null;
}

export interface MemberResult {
  id: string;
  name: string;
  coefficient: number;
  total: number;
  rank: number;
  grade: string | null;
  /** Yuan; `prizeFen` is the exact figure. */
  prize: number;
  prizeFen: number;
  /** Yuan; `payFen` is the exact figure. */
  pay: number;
  payFen: number;
  dimensions: Record<string, DimensionFigures>;
  extra: number;
  missing: string[];
  derivation: MemberDerivation;
}

export interface PeriodResult {
  scheme: string;
  headcount: number;
  pool: number;
  poolFen: number;
  /** In rank order, ties by id. */
  members: MemberResult[];
  warnings: Warning[];
}
