/**
 * computePeriod: the whole month (or quarter, or year) in one pure call. Score every member, rank,
 * then grades, prizes and pay, each in its own module; this file only wires them together.
 */
import { indexScheme } from "../scheme/tree";
import type { Scheme } from "../scheme/types";
import { fenToYuan, round2, yuanToFen } from "./fen";
import { assignGrades } from "./grades";
import type { PeriodInputs } from "./inputs";
import { scoreMember, type MemberScore } from "./member";
import { groupByMember } from "./member-inputs";
import { splitPool } from "./pay";
import { awardPrizes } from "./prizes";
import { rankGroups } from "./rank";
import type { DimensionFigures, MemberResult, PeriodResult } from "./result";
import type { Warning } from "./warning";

/** Expects inputs that passed parsePeriodInputs for the same scheme. */
export function computePeriod(scheme: Scheme, inputs: PeriodInputs): PeriodResult {
  const tree = indexScheme(scheme);
  const given = groupByMember(tree, inputs);
  const scores = inputs.members.map((m) => scoreMember(scheme, m, given.get(m.id)));

  const groups = rankGroups(scores);
  const grades = assignGrades(scheme.grades, groups, scores.length);
  const prizes = awardPrizes(scheme.prizes, groups);
  const poolFen = yuanToFen(inputs.pool);
  const pay = splitPool(poolFen, scores);

  const members: MemberResult[] = [];
  for (const group of groups) {
    const tiedWith = group.members.map((m) => m.id);
    for (const score of group.members) {
      const grade = grades.byMember.get(score.id) ?? null;
      const prize = prizes.get(score.id) ?? null;
      const share = pay.byMember.get(score.id) ?? null;
      members.push({
        id: score.id,
        name: score.name,
        coefficient: score.coefficient,
        total: round2(score.total),
        rank: group.rank,
        grade: grade?.name ?? null,
        prize: fenToYuan(prize?.fen ?? 0),
        prizeFen: prize?.fen ?? 0,
        pay: fenToYuan(share?.fen ?? 0),
        payFen: share?.fen ?? 0,
        dimensions: figures(score),
        extra: round2(score.extra.applied),
        missing: score.missing,
        derivation: {
          dimensions: score.dimensions,
          extra: score.extra,
          subtotal: score.subtotal,
          coefficient: score.coefficient,
          total: score.total,
          totalCents: score.cents,
          rank: group.rank,
          tiedWith,
          grade,
          prize,
          pay: share,
        },
      });
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

function figures(score: MemberScore): Record<string, DimensionFigures> {
  const out: Record<string, DimensionFigures> = {};
  for (const d of score.dimensions) {
    out[d.key] = { score: round2(d.score), points: round2(d.points), bonus: round2(d.bonus), deduction: round2(d.deduction) };
  }
  return out;
}

/** DOMAIN §4: a visible list of who is missing; unrated leaves score 0, which people must see. */
function missingWarning(scores: readonly MemberScore[]): Warning[] {
  const members = scores.filter((s) => s.missing.length > 0).map((s) => s.id).sort();
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
