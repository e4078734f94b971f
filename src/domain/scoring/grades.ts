/**
 * Rule 7: grades are handed out in rank order; each person gets the best grade whose `min` they
 * reach and whose quota is not yet full ("优秀5名,良好5名,以分数高低确定", DOMAIN §3). People tied
 * on a total are never split: if a tie straddles a quota, all of them get the better grade and the
 * result says the quota was exceeded.
 */
import type { Grade, Quota } from "../scheme/types";
import { toCents } from "./fen";
import type { TieGroup } from "./rank";
import type { Warning } from "./warning";

export interface GradeAssignment {
  name: string;
  min: number;
  /** The quota as a head count for this period; null where the grade has none. */
  quota: number | null;
  /** True for the people of a tie that pushed this grade past its quota. */
  overQuota: boolean;
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
): { byMember: Map<string, GradeAssignment>; warnings: Warning[] } {
  const byMember = new Map<string, GradeAssignment>();
  const warnings: Warning[] = [];
  if (grades.length === 0) return { byMember, warnings };
  const quotas = grades.map((g) => resolveQuota(g.quota, headcount));
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
    for (const id of ids) byMember.set(id, { name: grade.name, min: grade.min, quota, overQuota });
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
