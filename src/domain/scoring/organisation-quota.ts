/**
 * Percentage quotas over a whole organisation (issue 13 item 3). "20%" given to every small group on its own
 * inflates: 20% of 3 rounds to 1, so five groups of 3 hand out 5 优秀 where the organisation's 15 people support 3.
 * When the office ranks the whole organisation, the organisation's seats are counted once (resolveQuotasByRemainder
 * over everyone) and shared out among the groups by the largest-remainder method on each group's exact share;
 * equal remainders go to the group whose next person in line scores higher (篇5 「以分数高低确定」), then the larger
 * group, then the lower group id. Each group's head count carries its own words:
 * "全单位 20% × 15 人 = 3 名，按最大余数法分到各群：本群 20% × 3 人 = 0.6，分得 0 名".
 */
import type { Grade } from "../scheme/types";
import { compareText } from "./order";
import { num } from "./format";
import { resolveQuotasByRemainder, type ResolvedQuota } from "./grades";

export interface QuotaGroup {
  groupId: string;
  headcount: number;
  /** The group's totals in cents, best first: an extra seat goes to the group whose next person scores higher. */
  cents?: readonly number[];
}

/** Group id → grade name → its head count; grades without a percentage quota are left to the group. */
export function organisationQuotas(
  grades: readonly Grade[],
  groups: readonly QuotaGroup[],
): Map<string, Record<string, ResolvedQuota>> {
  const total = groups.reduce((n, g) => n + g.headcount, 0);
  const whole = resolveQuotasByRemainder(grades, total);
  const out = new Map<string, Record<string, ResolvedQuota>>(groups.map((g) => [g.groupId, {}]));
  grades.forEach((grade, i) => {
    if (typeof grade.quota !== "string") return;
    const percent = Number.parseFloat(grade.quota);
    const seats = whole[i]?.seats ?? 0;
    const exact = groups.map((g) => (g.headcount * percent) / 100);
    const got = exact.map((x) => Math.floor(x + 1e-9));
    let left = seats - got.reduce((a, b) => a + b, 0);
    const order = groups
      .map((g, k) => ({ g, k, r: exact[k]! - got[k]! }))
      .sort(
        (a, b) =>
          (Math.abs(b.r - a.r) > 1e-9 ? b.r - a.r : 0) ||
          (b.g.cents?.[got[b.k]!] ?? -1) - (a.g.cents?.[got[a.k]!] ?? -1) ||
          b.g.headcount - a.g.headcount ||
          compareText(a.g.groupId, b.g.groupId),
      );
    for (const { k } of order) {
      if (left <= 0) break;
      got[k]! += 1;
      left--;
    }
    groups.forEach((g, k) => {
      out.get(g.groupId)![grade.name] = {
        seats: got[k]!,
        note:
          `全单位 ${grade.quota} × ${total} 人 = ${seats} 名，按最大余数法分到各群：` +
          `本群 ${grade.quota} × ${g.headcount} 人 = ${num(exact[k]!)}，分得 ${got[k]} 名`,
      };
    });
  });
  return out;
}
