/** Rule 5: total = Σ dimension points + capped extra, then × the member's coefficient. */
import type { Scheme } from "../scheme/types";
import { scoreTopDimension, type TopDimensionScore } from "./dimension";
import { scoreExtra, type ExtraScore } from "./extra";
import { toCents } from "./fen";
import type { MemberInput } from "./inputs";
import type { MemberInputs } from "./member-inputs";

export interface MemberScore {
  id: string;
  name: string;
  coefficient: number;
  dimensions: TopDimensionScore[];
  extra: ExtraScore;
  /** Σ points + extra, before the coefficient. */
  subtotal: number;
  /** Unrounded. */
  total: number;
  /** The total in integer hundredths: what ranks, grades and pay compare. */
  cents: number;
  /** Leaves nobody rated, in tree order. */
  missing: string[];
}

const NO_RATINGS = new Map();

export function scoreMember(scheme: Scheme, member: MemberInput, given: MemberInputs | undefined): MemberScore {
  const missing: string[] = [];
  const dimensions = scheme.dimensions.map((dim) =>
    scoreTopDimension(dim, scheme.raters, given?.ratings ?? NO_RATINGS, given?.adjustments.get(dim.key) ?? [], missing),
  );
  const extra = scoreExtra(scheme.awards, scheme.extraCap, given?.awards ?? [], given?.extras ?? []);
  const subtotal = dimensions.reduce((sum, d) => sum + d.points, 0) + extra.applied;
  const total = subtotal * member.coefficient;
  return {
    id: member.id,
    name: member.name,
    coefficient: member.coefficient,
    dimensions,
    extra,
    subtotal,
    total,
    cents: toCents(total),
    missing,
  };
}
