/**
 * Rule 9: the pay pool is split in proportion to the totals (DOMAIN §3: pool ÷ sum of all scores ×
 * one's score), in fen, by the largest-remainder method, so the shares add up to the pool exactly.
 * Totals are taken in hundredths, as shown to people, so anyone can redo the sum from the report.
 * Equal remainders go to the higher total, then the lower id: never to whoever came first in the input.
 *
 * When every total is 0 the pool is split equally: that is the limit of a proportional split
 * between equal totals, it keeps "shares add up to the pool" true, and a warning says so.
 */
import { apportion } from "./fen";
import { compareText } from "./order";
import type { Warning } from "./warning";

export interface PayShare {
  mode: "proportional" | "equal";
  poolFen: number;
  headcount: number;
  /** Σ totals of everyone, in hundredths (Σ weighted totals where the coefficient weights pay). */
  sumCents: number;
  cents: number;
  fen: number;
  /** Where the coefficient weights pay (篇5 line 95): the member's coefficient and total × it, in hundredths. */
  coefficient?: number;
  weightedCents?: number;
}

/**
 * 篇5 line 95: 「用全镇村干部总工资除以全镇各村总得分（高于1500人、2000人的村基础分各乘以1.042和1.083）再乘以各村得分」.
 * The weighted total in hundredths, rounded half up, so the card's arithmetic can be redone by hand:
 * 88.00 × 1.083 = 95.304 → 95.30.
 */
export const weightedCents = (cents: number, coefficient: number): number =>
  Math.round((cents * Math.round(coefficient * 1e6)) / 1e6 + 1e-9);

export function splitPool(
  poolFen: number,
  entries: readonly { id: string; cents: number; coefficient?: number }[],
): { byMember: Map<string, PayShare>; warnings: Warning[] } {
  const byMember = new Map<string, PayShare>();
  const warnings: Warning[] = [];
  if (entries.length === 0) {
    if (poolFen > 0) {
      warnings.push({
        code: "pay-no-members",
        zh: "本期没有成员，奖金池未分配",
        en: "no members in the period; the pool is not distributed",
      });
    }
    return { byMember, warnings };
  }
  const weighted = entries.map((e) => (e.coefficient === undefined ? e.cents : weightedCents(e.cents, e.coefficient)));
  const sumCents = weighted.reduce((sum, w) => sum + w, 0);
  const mode = sumCents > 0 ? "proportional" : "equal";
  const weights = weighted.map((w) => (mode === "equal" ? 1 : w));
  const tieBreak = (a: number, b: number) => {
    const ea = entries[a];
    const eb = entries[b];
    return !ea || !eb ? 0 : weighted[b]! - weighted[a]! || compareText(ea.id, eb.id);
  };
  const shares = apportion(poolFen, weights, tieBreak);
  entries.forEach((e, i) => {
    // Fields added rather than spread in: the same keys in the same order, without a copy per person.
    const share: PayShare = { mode, poolFen, headcount: entries.length, sumCents, cents: e.cents, fen: shares[i] ?? 0 };
    if (e.coefficient !== undefined) {
      share.coefficient = e.coefficient;
      share.weightedCents = weighted[i]!;
    }
    byMember.set(e.id, share);
  });
  if (mode === "equal" && poolFen > 0) {
    warnings.push({
      code: "pay-equal-split",
      zh: "所有人总分均为 0，奖金池平均分配",
      en: "every total is 0; the pool is split equally",
    });
  }
  return { byMember, warnings };
}
