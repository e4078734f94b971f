/**
 * Rule 5: total = Σ dimension points + extra. Rules 1 multiplies it by the member's coefficient; rules 2 only where
 * the scheme says `coefficient: "score"` — 篇5 line 95 puts the coefficient inside the pay split (pay.ts), so the
 * score people see, rank and grade by stays on the 100-point scale.
 */
import { ratersOf } from "../scheme/rules2";
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
    scoreTopDimension(
      dim,
      raterWeights(scheme, dim.key),
      given?.ratings ?? NO_RATINGS,
      given?.adjustments.get(dim.key) ?? [],
      missing,
    ),
  );
  const extra = scoreExtra(scheme.awards, scheme.extraCap, given?.awards ?? [], given?.extras ?? [], scheme.rules);
  const subtotal = dimensions.reduce((sum, d) => sum + d.points, 0) + extra.applied;
  const total = scheme.coefficient === "score" ? subtotal * member.coefficient : subtotal;
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

/** The rater groups that rate top-level dimension `key` (all of them unless the scheme ties a group to some). */
export function raterWeights(scheme: Scheme, key: string): Record<string, number> {
  return Object.keys(scheme.raterScope).length === 0
    ? scheme.raters
    : Object.fromEntries(ratersOf(scheme.raters, scheme.raterScope, key));
}
