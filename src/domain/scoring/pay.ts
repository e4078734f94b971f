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
  /** Σ totals of everyone, in hundredths. */
  sumCents: number;
  cents: number;
  fen: number;
}

export function splitPool(
  poolFen: number,
  entries: readonly { id: string; cents: number }[],
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
  const sumCents = entries.reduce((sum, e) => sum + e.cents, 0);
  const mode = sumCents > 0 ? "proportional" : "equal";
  const weights = entries.map((e) => (mode === "equal" ? 1 : e.cents));
  const tieBreak = (a: number, b: number) => {
    const ea = entries[a];
    const eb = entries[b];
    return !ea || !eb ? 0 : eb.cents - ea.cents || compareText(ea.id, eb.id);
  };
  const shares = apportion(poolFen, weights, tieBreak);
  entries.forEach((e, i) =>
    byMember.set(e.id, { mode, poolFen, headcount: entries.length, sumCents, cents: e.cents, fen: shares[i] ?? 0 }),
  );
  if (mode === "equal" && poolFen > 0) {
    warnings.push({
      code: "pay-equal-split",
      zh: "所有人总分均为 0，奖金池平均分配",
      en: "every total is 0; the pool is split equally",
    });
  }
  return { byMember, warnings };
}
