/**
 * Rule 8: prizes go to places 1, 2, 3… (DOMAIN §3: 900, 600, 300 yuan). People who tie occupy
 * consecutive places and share the prizes of those places equally, split to the fen exactly;
 * a fen that does not divide goes to the lower ids first.
 */
import type { Scheme } from "../scheme/types";
import { apportion, yuanToFen } from "./fen";
import type { TieGroup } from "./rank";

export interface PrizeShare {
  /** The places the person's tie occupies that carry a prize. */
  places: number[];
  /** The prize money of those places together, in fen. */
  sharedFen: number;
  /** How many people share it. */
  sharedBy: number;
  fen: number;
}

export type PeriodKind = "month" | "quarter" | "year";

/**
 * Whether a result of this kind pays the place prizes. Rules 1 paid them on every month, quarter and year; rules 2
 * pays them once, on the period the scheme names (篇5 line 101, 「位于一二三名的，分别奖励900、600、300元」, is said of
 * the year's 绩效考评结果).
 */
export const paysPrizes = (scheme: Pick<Scheme, "prizePeriod">, kind: PeriodKind): boolean =>
  scheme.prizePeriod === "every" || scheme.prizePeriod === kind;

export function awardPrizes(
  prizesYuan: readonly number[],
  groups: readonly TieGroup<{ id: string }>[],
): Map<string, PrizeShare> {
  const byMember = new Map<string, PrizeShare>();
  const prizesFen = prizesYuan.map(yuanToFen);
  for (const group of groups) {
    if (group.rank > prizesFen.length) break;
    const places: number[] = [];
    for (let place = group.rank; place < group.rank + group.members.length && place <= prizesFen.length; place++)
      places.push(place);
    const sharedFen = places.reduce((sum, place) => sum + (prizesFen[place - 1] ?? 0), 0);
    if (sharedFen === 0) continue;
    const ones = group.members.map(() => 1);
    // Members are sorted by id within the group, so index order is id order.
    const split = apportion(sharedFen, ones, (a, b) => a - b);
    group.members.forEach((m, i) => {
      byMember.set(m.id, { places, sharedFen, sharedBy: group.members.length, fen: split[i] ?? 0 });
    });
  }
  return byMember;
}
