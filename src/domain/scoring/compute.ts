/**
 * computePeriod: the whole month (or quarter, or year) in one pure call. Score every member, rank,
 * then grades, prizes and pay, each in its own module; this file only wires them together.
 *
 * Figures are computed for everyone (figures.ts); a member's derivation is computed from the
 * inputs the first time someone reads `derivation` (explain, a report card), then kept. Building
 * all 10,000 derivation trees up front took most of the time and memory of a large month.
 */
import { indexScheme } from "../scheme/tree";
import type { Scheme } from "../scheme/types";
import { fenToYuan, round2, yuanToFen } from "./fen";
import { memberFigures, planFigures, type MemberFigures } from "./figures";
import { assignGrades, type GradeAssignment, type ResolvedQuota } from "./grades";
import type { MemberInput, PeriodInputs } from "./inputs";
import { scoreMember } from "./member";
import { indexByMember, memberInputs, type PeriodIndex } from "./member-inputs";
import { splitPool, type PayShare } from "./pay";
import { awardPrizes, paysPrizes, type PeriodKind, type PrizeShare } from "./prizes";
import { rankGroups, type TieGroup } from "./rank";
import type { MemberDerivation, MemberResult, PeriodResult } from "./result";
import type { Warning } from "./warning";

export interface PeriodOptions {
  /** What the period is (default a month): rules 2 pays place prizes only on the kind the scheme names. */
  kind?: PeriodKind;
  /** Grade name → head count from an organisation-wide apportionment (organisation-quota.ts), rules 2. */
  quotaSeats?: Readonly<Record<string, ResolvedQuota>>;
}

/** Expects inputs that passed parsePeriodInputs for the same scheme. */
export function computePeriod(scheme: Scheme, inputs: PeriodInputs, options: PeriodOptions = {}): PeriodResult {
  const index = indexByMember(scheme, indexScheme(scheme), inputs);
  const plan = planFigures(scheme, index);
  const scores = inputs.members.map((m, i) => memberFigures(plan, index, m, i));

  const groups = rankGroups(scores);
  const grades = assignGrades(scheme.grades, groups, scores.length, scheme.rules, options.quotaSeats);
  const prizes = paysPrizes(scheme, options.kind ?? "month") ? awardPrizes(scheme.prizes, groups) : new Map();
  const poolFen = yuanToFen(inputs.pool);
  const pay = splitPool(
    poolFen,
    scheme.coefficient === "pay"
      ? scores.map((s) => ({ id: s.id, cents: s.cents, coefficient: inputs.members[s.index]!.coefficient }))
      : scores,
  );

  const members: MemberResult[] = [];
  for (const group of groups) {
    for (const score of group.members) {
      const member = inputs.members[score.index]!;
      const grade = grades.byMember.get(score.id) ?? null;
      const prize = prizes.get(score.id) ?? null;
      const share = pay.byMember.get(score.id) ?? null;
      const result = {
        id: score.id,
        name: member.name,
        coefficient: member.coefficient,
        total: round2(score.total),
        rank: group.rank,
        grade: grade?.name ?? null,
        prize: fenToYuan(prize?.fen ?? 0),
        prizeFen: prize?.fen ?? 0,
        pay: fenToYuan(share?.fen ?? 0),
        payFen: share?.fen ?? 0,
        dimensions: score.dimensions,
        extra: round2(score.extra),
        missing: score.missing,
      } as MemberResult;
      const lazy: Lazy = { scheme, index, member, bucket: score.bucket, group, grade, prize, pay: share };
      Object.defineProperty(result, "derivation", DERIVATION);
      Object.defineProperty(result, LAZY, { value: lazy });
      members.push(result);
    }
  }

  return {
    scheme: scheme.name,
    headcount: scores.length,
    pool: fenToYuan(poolFen),
    poolFen,
    members,
    warnings: [...grades.warnings, ...pay.warnings, ...missingWarning(scores)],
  };
}

interface Placement {
  group: TieGroup<{ id: string }>;
  grade: GradeAssignment | null;
  prize: PrizeShare | null;
  pay: PayShare | null;
}

/** What a member's derivation is made from, kept on the result under a hidden key until someone reads it. */
interface Lazy extends Placement {
  scheme: Scheme;
  index: PeriodIndex;
  member: MemberInput;
  bucket: number;
  derivation?: MemberDerivation;
}

const LAZY = Symbol("derivation inputs");

/**
 * `derivation`: enumerable, so JSON and deep equality see it as before; computed on first read, then kept. One
 * getter for every member: a getter written in each result's literal made 10,000 closures and as many objects in
 * V8's slow dictionary mode. The hidden key is a non-enumerable symbol, which JSON and deep equality skip.
 */
const DERIVATION: PropertyDescriptor = {
  get(this: { [LAZY]: Lazy }): MemberDerivation {
    const lazy = this[LAZY];
    return (lazy.derivation ??= derive(lazy.scheme, lazy.index, lazy.member, lazy.bucket, lazy));
  },
  enumerable: true,
  configurable: true,
};

/** One member's derivation, by the rules' own modules, from that member's inputs alone. */
function derive(
  scheme: Scheme,
  index: PeriodIndex,
  member: MemberInput,
  bucket: number,
  placed: Placement,
): MemberDerivation {
  const score = scoreMember(scheme, member, memberInputs(index, bucket));
  return {
    dimensions: score.dimensions,
    extra: score.extra,
    subtotal: score.subtotal,
    coefficient: score.coefficient,
    ...(scheme.coefficient === "score" ? {} : { coefficientUse: scheme.coefficient }),
    total: score.total,
    totalCents: score.cents,
    rank: placed.group.rank,
    tiedWith: placed.group.members.map((m) => m.id),
    grade: placed.grade,
    prize: placed.prize,
    pay: placed.pay,
  };
}

/** DOMAIN §4: a visible list of who is missing; unrated leaves score 0, which people must see. */
function missingWarning(scores: readonly MemberFigures[]): Warning[] {
  const members = scores
    .filter((s) => s.missing.length > 0)
    .map((s) => s.id)
    .sort();
  if (members.length === 0) return [];
  return [
    {
      code: "missing-ratings",
      zh: `${members.length} 人有未评分的指标，按 0 分计`,
      en: `${members.length} member(s) have unrated items, counted as 0`,
      members,
    },
  ];
}
