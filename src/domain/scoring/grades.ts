/**
 * Rule 7: grades are handed out in rank order; each person gets the best grade whose `min` they
 * reach and whose quota is not yet full ("优秀5名,良好5名,以分数高低确定", DOMAIN §3). People tied
 * on a total are never split: if a tie straddles a quota, all of them get the better grade and the
 * result says the quota was exceeded.
 */
import type { Grade, Quota } from "../scheme/types";
import { toCents } from "./fen";
import { num } from "./format";
import type { TieGroup } from "./rank";
import type { Warning } from "./warning";

export interface GradeAssignment {
  name: string;
  min: number;
  /** The quota as a head count for this period; null where the grade has none. */
  quota: number | null;
  /** True for the people of a tie that pushed this grade past its quota. */
  overQuota: boolean;
  /** Rules 2: how a percentage quota became a head count, in words (e.g. "20% × 3 人 = 0.6，按最大余数法取 1 名"). */
  quotaNote?: string;
  /** Rules 2: handed out by rank within the quota; `min` is a threshold only where the scheme set one. */
  byRank?: true;
}

/** A grade's head count and, for a percentage, how it was reached (rules 2). */
export interface ResolvedQuota {
  seats: number | null;
  note?: string;
}

/**
 * Rules 2 (issue 13 item 3): percentage quotas by the largest-remainder method. Each percentage grade's exact share
 * of the headcount, and the share of everyone else, are floored; the seats left go to the largest remainders, and
 * on equal remainders to "everyone else" first, so rounding never adds a grade the shares do not support.
 * 20% of 3 = 0.6 against 2.4 for the rest: the one seat left goes to 优秀 (0.6 > 0.4). 20% of 2 = 0.4 against
 * 1.6: it goes to the rest (0.6 > 0.4), so 优秀 gets 0. Head-count quotas (篇5 line 98: 优秀5名) stay as set.
 * `seats` (from an organisation-wide apportionment, organisation-quota.ts) overrides a grade's head count.
 */
export function resolveQuotasByRemainder(
  grades: readonly Grade[],
  headcount: number,
  seats: Readonly<Record<string, ResolvedQuota>> = {},
): ResolvedQuota[] {
  const exact = grades.map((g) =>
    typeof g.quota === "string" ? (headcount * Number.parseFloat(g.quota)) / 100 : null,
  );
  const rest = headcount - exact.reduce<number>((a, x) => a + (x ?? 0), 0);
  const floor = (x: number) => Math.floor(x + 1e-9);
  // Classes: every percentage grade (index i) and everyone else (index -1).
  const classes = [...exact.flatMap((x, i) => (x === null ? [] : [{ i, x }])), { i: -1, x: Math.max(0, rest) }];
  let left = headcount - classes.reduce((a, c) => a + floor(c.x), 0);
  const got = exact.map((x) => (x === null ? 0 : floor(x)));
  const byRemainder = classes
    .map((c) => ({ i: c.i, r: c.x - floor(c.x) }))
    .sort((a, b) => (Math.abs(b.r - a.r) > 1e-9 ? b.r - a.r : a.i === -1 ? -1 : b.i === -1 ? 1 : a.i - b.i));
  for (const c of byRemainder) {
    if (left <= 0) break;
    if (c.i >= 0) got[c.i]! += 1;
    left--;
  }
  return grades.map((g, i) => {
    const given = seats[g.name];
    if (given) return given;
    const x = exact[i];
    if (x === undefined || x === null) return { seats: g.quota === undefined ? null : Math.max(0, g.quota as number) };
    return {
      seats: got[i]!,
      note: `${g.quota} × ${headcount} 人 = ${num(Math.round(x * 100) / 100)}，按最大余数法取 ${got[i]} 名`,
    };
  });
}

/**
 * A percentage quota is a share of everyone in the period, rounded to the nearest person (half up),
 * never below 0: "20%" of 12 is 2 (2.4), of 13 is 3 (2.6).
 */
export function resolveQuota(quota: Quota | undefined, headcount: number): number | null {
  if (quota === undefined) return null;
  if (typeof quota === "number") return Math.max(0, quota);
  const share = (headcount * parseFloat(quota)) / 100;
  return Math.max(0, Math.floor(share + 0.5 + 1e-9));
}

export function assignGrades(
  grades: readonly Grade[],
  groups: readonly TieGroup<{ id: string }>[],
  headcount: number,
  rules: 1 | 2 = 1,
  seats: Readonly<Record<string, ResolvedQuota>> = {},
): { byMember: Map<string, GradeAssignment>; warnings: Warning[] } {
  const byMember = new Map<string, GradeAssignment>();
  const warnings: Warning[] = [];
  if (grades.length === 0) return { byMember, warnings };
  const resolved =
    rules === 2
      ? resolveQuotasByRemainder(grades, headcount, seats)
      : grades.map((g) => ({ seats: resolveQuota(g.quota, headcount) }) as ResolvedQuota);
  const quotas = resolved.map((r) => r.seats);
  const used = grades.map(() => 0);
  const ungraded: string[] = [];

  for (const group of groups) {
    const ids = group.members.map((m) => m.id);
    const g = grades.findIndex(
      (grade, i) => group.cents >= toCents(grade.min) && (quotas[i] === null || (used[i] ?? 0) < (quotas[i] ?? 0)),
    );
    const grade = grades[g];
    if (!grade) {
      ungraded.push(...ids);
      continue;
    }
    const quota = quotas[g] ?? null;
    const after = (used[g] ?? 0) + ids.length;
    used[g] = after;
    const overQuota = quota !== null && after > quota;
    if (overQuota) {
      warnings.push({
        code: "quota-exceeded-by-tie",
        zh: `等次「${grade.name}」名额 ${quota} 名，因第 ${group.rank} 名 ${ids.length} 人并列，实际 ${after} 名`,
        en: `grade ${grade.name}: quota ${quota} exceeded by a ${ids.length}-way tie at rank ${group.rank}; ${after} awarded`,
        members: ids,
      });
    }
    const note = resolved[g]?.note;
    for (const id of ids) {
      // Fields added one by one rather than spread in: the same keys in the same order, without a copy per person.
      const assignment: GradeAssignment = { name: grade.name, min: grade.min, quota, overQuota };
      if (note) assignment.quotaNote = note;
      if (rules === 2) assignment.byRank = true;
      byMember.set(id, assignment);
    }
  }

  if (ungraded.length > 0) {
    warnings.push({
      code: "no-grade",
      zh: `${ungraded.length} 人未达到任何等次的分数线或名额已满，未定等次`,
      en: `${ungraded.length} member(s) reached no grade's minimum with a free quota and have no grade`,
      members: [...ungraded].sort(),
    });
  }
  return { byMember, warnings };
}
