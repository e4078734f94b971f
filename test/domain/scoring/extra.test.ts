import { describe, expect, it } from "vitest";
import { scoreExtra } from "../../../src/domain/scoring/extra";
import { byId, compute, FLAT, flatInputs } from "./helpers";

const AWARDS = { national: 5, provincial: 3, city: 2, county: 1 };
const award = (level: string) => ({ level, reason: `${level} 先进` });

describe("rule 4: awards and extra points, capped together", () => {
  it("adds 5, 3, 2, 1 for national, provincial, city and county awards (DOMAIN §2)", () => {
    for (const [level, points] of Object.entries(AWARDS)) {
      expect(scoreExtra(AWARDS, undefined, [award(level)], []).applied).toBe(points);
    }
    expect(scoreExtra(AWARDS, undefined, Object.keys(AWARDS).map(award), []).applied).toBe(11);
  });

  it("caps awards plus extras at extraCap: 2 + 1 + 1 = 4 becomes 3 (DOMAIN §2)", () => {
    const e = scoreExtra(AWARDS, 3, [award("city"), award("county")], [{ points: 1, reason: "专项工作" }]);
    expect(e).toMatchObject({ requested: 4, cap: 3, applied: 3 });
  });

  it("leaves a sum under the cap alone", () => {
    expect(scoreExtra(AWARDS, 3, [award("county")], [{ points: 1.5, reason: "专项工作" }]).applied).toBe(2.5);
  });

  it("uses the scheme's own award table", () => {
    const e = scoreExtra({ gold: 4, silver: 2 }, undefined, [award("silver"), award("gold")], []);
    expect(e.applied).toBe(6);
    expect(e.awards.map((a) => a.level)).toEqual(["gold", "silver"]);
  });

  it("adds the capped extra to the total, before the coefficient", () => {
    const r = compute(
      { ...FLAT, extraCap: 3 },
      flatInputs([80, 80], {
        members: [
          { id: "m1", name: "甲" },
          { id: "m2", name: "乙", coefficient: 1.042 },
        ],
        awards: [
          { member: "m1", level: "national", reason: "全国先进工作者" },
          { member: "m2", level: "city", reason: "市级先进" },
          { member: "m2", level: "county", reason: "县级先进" },
          { member: "m2", level: "county", reason: "县级优秀党员" },
        ],
      }),
    );
    expect(byId(r, "m1")).toMatchObject({ extra: 3, total: 83 });
    // (80 + 3) × 1.042 = 86.486
    expect(byId(r, "m2")).toMatchObject({ extra: 3, total: 86.49 });
  });
});
