import { describe, expect, it } from "vitest";
import type { SchemeJson } from "../../../src/domain/scheme";
import { resolveQuota } from "../../../src/domain/scoring/grades";
import { byId, compute, FLAT, flatInputs } from "./helpers";

/** 优秀5名,良好5名,以分数高低确定 (DOMAIN §3): quotas only, no thresholds. */
const BY_RANK: SchemeJson = {
  ...FLAT,
  grades: [
    { name: "优秀", min: 0, quota: 5 },
    { name: "良好", min: 0, quota: 5 },
    { name: "合格", min: 0 },
  ],
};
const gradesOf = (scores: number[], scheme: SchemeJson = BY_RANK) => {
  const r = compute(scheme, flatInputs(scores));
  return { r, grades: scores.map((_, i) => byId(r, `m${i + 1}`).grade) };
};

describe("rule 7: grades by threshold and quota, in rank order", () => {
  it("gives 优秀 to the first 5 and 良好 to the next 5", () => {
    const { grades, r } = gradesOf([99, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 88]);
    expect(grades).toEqual([...Array(5).fill("优秀"), ...Array(5).fill("良好"), "合格", "合格"]);
    expect(r.warnings).toEqual([]);
  });

  it("never splits a tie that straddles a quota: all get the better grade, with a warning", () => {
    // Places 5, 6, 7 tie at 95 with one 优秀 place left.
    const { grades, r } = gradesOf([99, 98, 97, 96, 95, 95, 95, 90, 89, 88, 87, 86, 85]);
    expect(grades.slice(0, 7)).toEqual(Array(7).fill("优秀"));
    expect(grades.slice(7)).toEqual([...Array(5).fill("良好"), "合格"]);
    const warning = r.warnings.find((w) => w.code === "quota-exceeded-by-tie");
    expect(warning).toMatchObject({
      zh: "等次「优秀」名额 5 名，因第 5 名 3 人并列，实际 7 名",
      en: "grade 优秀: quota 5 exceeded by a 3-way tie at rank 5; 7 awarded",
      members: ["m5", "m6", "m7"],
    });
    expect(byId(r, "m6").derivation.grade).toMatchObject({ name: "优秀", quota: 5, overQuota: true });
    expect(byId(r, "m4").derivation.grade?.overQuota).toBe(false);
  });

  it("requires the grade's minimum even when its quota has room", () => {
    const scheme: SchemeJson = {
      ...FLAT,
      grades: [
        { name: "优秀", min: 90, quota: 5 },
        { name: "良好", min: 80 },
        { name: "合格", min: 60 },
      ],
    };
    const { grades, r } = gradesOf([95, 89.99, 80, 59.99], scheme);
    expect(grades).toEqual(["优秀", "良好", "良好", null]);
    expect(r.warnings.find((w) => w.code === "no-grade")?.members).toEqual(["m4"]);
  });

  it("resolves percentage quotas to the nearest person, half up, never below 0", () => {
    expect(resolveQuota("20%", 12)).toBe(2); // 2.4
    expect(resolveQuota("20%", 13)).toBe(3); // 2.6
    expect(resolveQuota("25%", 2)).toBe(1); // 0.5
    expect(resolveQuota("20%", 2)).toBe(0); // 0.4
    expect(resolveQuota(5, 3)).toBe(5);
    expect(resolveQuota(undefined, 3)).toBeNull();
  });

  it("applies a percentage quota to the people in the period", () => {
    const scheme: SchemeJson = {
      ...FLAT,
      grades: [
        { name: "优秀", min: 0, quota: "20%" },
        { name: "合格", min: 0 },
      ],
    };
    const { grades } = gradesOf([90, 89, 88, 87, 86, 85, 84, 83, 82, 81, 80, 79, 78], scheme);
    expect(grades.filter((g) => g === "优秀")).toHaveLength(3);
  });

  it("gives nobody a grade whose quota is 0", () => {
    const scheme: SchemeJson = {
      ...FLAT,
      grades: [
        { name: "优秀", min: 0, quota: 0 },
        { name: "合格", min: 0 },
      ],
    };
    expect(gradesOf([100, 90], scheme).grades).toEqual(["合格", "合格"]);
  });
});
