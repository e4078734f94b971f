/** Issue 13 item 3: percentage quotas in the office's 全员排名 are counted over the whole organisation. */
import { describe, expect, it } from "vitest";
import { organisationGrades, type GradedGroup } from "../../../src/domain/scoring";
import type { Quota } from "../../../src/domain/scheme/types";

const PCT: { name: string; quota: Quota }[] = [{ name: "优秀", quota: "20%" }];
const group = (k: number, rules: 1 | 2 = 2, grades = PCT): GradedGroup => ({
  groupId: `grp_${k}`,
  rules,
  grades: grades.map((g) => ({ ...g, min: 0 })),
  people: [0, 1, 2].map((j) => ({ id: `u_${k}_${j}`, total: 95 - k - 10 * j })),
});
const excellent = (r: ReturnType<typeof organisationGrades>) =>
  [...r.byGroup.values()].flatMap((m) => [...m].filter(([, g]) => g === "优秀").map(([id]) => id)).sort();

describe("organisationGrades", () => {
  it("five groups of 3 at 20%: 3 优秀 (20% × 15), one per group of the three lowest ids, each to its first", () => {
    const r = organisationGrades([0, 1, 2, 3, 4].map((k) => group(k)));
    expect(excellent(r)).toEqual(["u_0_0", "u_1_0", "u_2_0"]);
    expect(r.quotas).toEqual([{ grade: "优秀", quota: "20%", headcount: 15, seats: 3, groups: 5 }]);
  });

  it("rules-1 groups keep today's 全员排名 (no grade); a different grade list is counted on its own", () => {
    const other: { name: string; quota: Quota }[] = [{ name: "优秀", quota: "40%" }];
    const r = organisationGrades([group(0, 1), group(1, 1), group(2), group(3), group(4, 2, other)]);
    expect(r.byGroup.has("grp_0")).toBe(false);
    expect(r.byGroup.has("grp_1")).toBe(false);
    // 20% × 6 = 1.2 → 1 place (the lower id, grp_2); 40% × 3 = 1.2 → 1 place.
    expect(excellent(r)).toEqual(["u_2_0", "u_4_0"]);
    expect(r.quotas.map((q) => [q.quota, q.headcount, q.seats, q.groups])).toEqual([
      ["20%", 6, 1, 2],
      ["40%", 3, 1, 1],
    ]);
  });
});
