/**
 * Grades in the office's 全员排名 (issue 13 item 3). Under rules 2 a percentage quota is applied to the whole
 * organisation once: 20% of 15 people is 3 优秀, shared out among the groups by the largest remainder
 * (organisation-quota.ts), not 20% of each group of 3 rounded up to 1 five times. Each group then hands its seats
 * out by its own ranking (calibration never changes the order inside a group). Groups sharing one grade list are
 * apportioned together; rules-1 groups and grade lists without a percentage quota get no grade here, as before,
 * so no published figure changes. The groups' own results (成绩, 排名, report cards) are not touched.
 */
import type { Grade, RulesVersion } from "../scheme/types";
import { toCents } from "./fen";
import { assignGrades, resolveQuotasByRemainder } from "./grades";
import { organisationQuotas } from "./organisation-quota";
import { rankGroups } from "./rank";

export interface GradedGroup {
  groupId: string;
  rules: RulesVersion;
  grades: readonly Grade[];
  /** The people appraised, with their totals in the group. */
  people: readonly { id: string; total: number }[];
}

/** One percentage grade counted over the organisation: "优秀 20% × 15 人 = 3 名". */
export interface OrganisationQuota {
  grade: string;
  quota: string;
  headcount: number;
  seats: number;
  groups: number;
}

export interface OrganisationGrades {
  /** Group id → person id → grade name, for groups graded organisation-wide (one person may be in two groups). */
  byGroup: Map<string, Map<string, string>>;
  quotas: OrganisationQuota[];
}

const hasPercentage = (grades: readonly Grade[]) => grades.some((g) => typeof g.quota === "string");

export function organisationGrades(groups: readonly GradedGroup[]): OrganisationGrades {
  const byGroup = new Map<string, Map<string, string>>();
  const quotas: OrganisationQuota[] = [];
  // Groups with the same grade list share one organisation-wide count; a different list cannot share seats.
  const buckets = new Map<string, GradedGroup[]>();
  for (const g of groups) {
    if (g.rules !== 2 || !g.people.length || !hasPercentage(g.grades)) continue;
    const key = JSON.stringify(g.grades);
    buckets.set(key, [...(buckets.get(key) ?? []), g]);
  }
  for (const members of buckets.values()) {
    const grades = members[0]!.grades;
    const sizes = members.map((g) => ({
      groupId: g.groupId,
      headcount: g.people.length,
      cents: g.people.map((p) => toCents(p.total)).sort((x, y) => y - x),
    }));
    const headcount = sizes.reduce((n, g) => n + g.headcount, 0);
    const whole = resolveQuotasByRemainder(grades, headcount);
    grades.forEach((grade, i) => {
      if (typeof grade.quota === "string")
        quotas.push({
          grade: grade.name,
          quota: grade.quota,
          headcount,
          seats: whole[i]?.seats ?? 0,
          groups: members.length,
        });
    });
    const seats = organisationQuotas(grades, sizes);
    for (const g of members) {
      const ties = rankGroups(g.people.map((p) => ({ id: p.id, cents: toCents(p.total) })));
      const { byMember } = assignGrades(grades, ties, g.people.length, 2, seats.get(g.groupId));
      byGroup.set(g.groupId, new Map([...byMember].map(([id, a]) => [id, a.name])));
    }
  }
  return { byGroup, quotas };
}
