/**
 * 两级分配 (issue 14 item 4; 篇5 line 95): 「用全镇村干部总工资除以全镇各村总得分（高于1500人、2000人的村基础分各乘以
 * 1.042和1.083）再乘以各村得分，求得各村干部工资总和。然后按照各村干部民主测评得分计算出村干部个人工资」.
 *
 * Level 1: the pool over the units, in proportion to unit score × size coefficient (weighted in hundredths, rounded
 * half up as pay.ts does, so 88.00 × 1.042 = 91.696 → 91.70 can be redone by hand).
 * Level 2: each unit's share over its people: first a guaranteed part, equal per head, where the scheme names one (篇6
 * line 116 兼顾群体 「体现一定的基础性利益保障」), then the rest in proportion to the scheme's basis (民主测评, or the total).
 * Every split is in fen by the largest remainder (fen.ts), so the units' shares add up to the pool and each unit's
 * people's to its share, exactly.
 */
import { apportion, toCents } from "./fen";
import { fix2, yuan } from "./format";
import { compareText } from "./order";
import { weightedCents } from "./pay";

/** Why a unit takes no part in a split: told in Chinese and English. */
export interface UnitPayWarning {
  code: "pay-unit-unscored" | "pay-unit-empty";
  zh: string;
  en: string;
}

export interface PayUnitInput {
  groupId: string;
  groupName: string;
  /** The unit's score for the period (its year), or null if never fully rated. */
  score: number | null;
  coefficient: number;
  basePct: number;
  /** What the basis is called on the card ("民主测评", "总分"). */
  basisName: string;
  people: { id: string; name: string; basis: number }[];
}

export interface UnitShare {
  groupId: string;
  groupName: string;
  score: number;
  coefficient: number;
  weightedCents: number;
  fen: number;
  headcount: number;
}

export interface PersonPay {
  groupId: string;
  unit: UnitShare;
  poolFen: number;
  sumWeightedCents: number;
  basePct: number;
  baseFen: number;
  /** The unit's guaranteed part, before it is split per head. */
  unitBaseFen: number;
  basisName: string;
  basisCents: number;
  sumBasisCents: number;
  restFen: number;
  /** The unit's share less its guaranteed part. */
  unitRestFen: number;
  mode: "proportional" | "equal";
  fen: number;
}

export interface TwoLevelPay {
  poolFen: number;
  sumWeightedCents: number;
  units: UnitShare[];
  byPerson: Map<string, PersonPay>;
  warnings: UnitPayWarning[];
}

const byWeightThenId = (weights: readonly number[], ids: readonly string[]) => (a: number, b: number) =>
  weights[b]! - weights[a]! || compareText(ids[a]!, ids[b]!);

export function twoLevelPay(poolFen: number, input: readonly PayUnitInput[]): TwoLevelPay {
  const warnings: UnitPayWarning[] = [];
  const paid = input.filter((u) => {
    if (u.score === null)
      warnings.push({
        code: "pay-unit-unscored",
        zh: `${u.groupName}：本期单位考核未评完，不参加两级分配`,
        en: `${u.groupName}: not fully rated as a unit; left out of the two-level pay`,
      });
    else if (!u.people.length)
      warnings.push({
        code: "pay-unit-empty",
        zh: `${u.groupName}：本期无人参评，不参加两级分配`,
        en: `${u.groupName}: nobody appraised; left out of the two-level pay`,
      });
    return u.score !== null && u.people.length > 0;
  });
  const weights = paid.map((u) => weightedCents(toCents(u.score!), u.coefficient));
  const sumWeightedCents = weights.reduce((a, b) => a + b, 0);
  const byPerson = new Map<string, PersonPay>();
  if (!paid.length || sumWeightedCents === 0 || poolFen === 0)
    return { poolFen, sumWeightedCents, units: [], byPerson, warnings };
  const ids = paid.map((u) => u.groupId);
  const shares = apportion(poolFen, weights, byWeightThenId(weights, ids));
  const units = paid.map((u, i) => ({
    groupId: u.groupId,
    groupName: u.groupName,
    score: u.score!,
    coefficient: u.coefficient,
    weightedCents: weights[i]!,
    fen: shares[i]!,
    headcount: u.people.length,
  }));
  paid.forEach((u, i) => {
    const unit = units[i]!;
    const unitBaseFen = Math.round((unit.fen * Math.round(u.basePct * 100)) / 10_000);
    const unitRestFen = unit.fen - unitBaseFen;
    const personIds = u.people.map((p) => p.id);
    const ones = u.people.map(() => 1);
    const bases = unitBaseFen > 0 ? apportion(unitBaseFen, ones, byWeightThenId(ones, personIds)) : ones.map(() => 0);
    const basis = u.people.map((p) => toCents(p.basis));
    const sumBasisCents = basis.reduce((a, b) => a + b, 0);
    const mode = sumBasisCents > 0 ? "proportional" : "equal";
    const restWeights = mode === "equal" ? ones : basis;
    const rests =
      unitRestFen > 0 ? apportion(unitRestFen, restWeights, byWeightThenId(restWeights, personIds)) : ones.map(() => 0);
    u.people.forEach((p, j) =>
      byPerson.set(p.id, {
        groupId: u.groupId,
        unit,
        poolFen,
        sumWeightedCents,
        basePct: u.basePct,
        baseFen: bases[j]!,
        unitBaseFen,
        basisName: u.basisName,
        basisCents: basis[j]!,
        sumBasisCents,
        restFen: rests[j]!,
        unitRestFen,
        mode,
        fen: bases[j]! + rests[j]!,
      }),
    );
  });
  return { poolFen, sumWeightedCents, units, byPerson, warnings };
}

const cents2 = (cents: number) => (cents / 100).toFixed(2);

/** How one person's pay was reached, line by line, so it can be redone by hand (DOMAIN §4: every number traced). */
export function twoLevelLines(p: PersonPay): string[] {
  const u = p.unit;
  const weighted =
    u.coefficient === 1 ? ` ${fix2(u.score)}` : `（${fix2(u.score)} × ${u.coefficient} = ${cents2(u.weightedCents)}）`;
  const lines = [
    `第一级：奖金池 ${yuan(p.poolFen)} 元 ÷ 各单位（得分×系数）之和 ${cents2(p.sumWeightedCents)} × 本单位${weighted}${u.coefficient === 1 ? " =" : "="} ${yuan(u.fen)} 元`,
  ];
  if (p.unitBaseFen > 0)
    lines.push(
      `保底（兼顾群体）：${yuan(u.fen)} × ${p.basePct}% = ${yuan(p.unitBaseFen)} 元，${u.headcount} 人平分，本人 ${yuan(p.baseFen)} 元`,
    );
  lines.push(
    p.mode === "proportional"
      ? `第二级：${p.unitBaseFen > 0 ? "其余 " : ""}${yuan(p.unitRestFen)} 元 ÷ 本单位${p.basisName}之和 ${cents2(p.sumBasisCents)} × 本人${p.basisName} ${cents2(p.basisCents)} = ${yuan(p.restFen)} 元`
      : `第二级：本单位${p.basisName}均为 0，${yuan(p.unitRestFen)} 元 ${u.headcount} 人平分，本人 ${yuan(p.restFen)} 元`,
  );
  lines.push(`两级分配合计：${yuan(p.fen)} 元`);
  return lines;
}

/** 工作量津贴 for one month: yuan per workday with a daily record (篇6 line 121 「按月发放」), in fen. */
export const allowanceFen = (days: number, yuanPerDay: number): number => days * Math.round(yuanPerDay * 100);

export function allowanceLine(months: readonly { month: string; days: number }[], yuanPerDay: number): string {
  const total = months.reduce((sum, m) => sum + allowanceFen(m.days, yuanPerDay), 0);
  const parts = months.filter((m) => m.days > 0).map((m) => `${m.month.slice(5)}月 ${m.days} 天`);
  const days = months.reduce((n, m) => n + m.days, 0);
  return `工作量津贴（按月发放）：${parts.length ? parts.join("、") : "无"}，共 ${days} 天 × ${yuanPerDay} 元 = ${yuan(total)} 元`;
}
