import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { byId, compute, FLAT, flatInputs } from "./helpers";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/scoring/${name}`, import.meta.url), "utf8"));

describe("rule 5: total = (Σ points + extra) × coefficient", () => {
  it("multiplies by the village size coefficients 1.042 and 1.083 (DOMAIN §2)", () => {
    const r = compute(
      FLAT,
      flatInputs([80, 80, 80], {
        members: [
          { id: "m1", name: "小村" },
          { id: "m2", name: "一千五百人以上", coefficient: 1.042 },
          { id: "m3", name: "两千人以上", coefficient: 1.083 },
        ],
      }),
    );
    expect([byId(r, "m1").total, byId(r, "m2").total, byId(r, "m3").total]).toEqual([80, 83.36, 86.64]);
    expect(r.members.map((m) => m.id)).toEqual(["m3", "m2", "m1"]);
  });

  it("splits the pool as pool ÷ sum of scores × one's score (DOMAIN §3)", () => {
    const r = compute(FLAT, flatInputs([70, 80, 90], { pool: 24_000 }));
    // 24,000 ÷ 240 × 70 = 7,000 and so on, exactly.
    expect(r.members.map((m) => [m.id, m.pay])).toEqual([
      ["m3", 9000],
      ["m2", 8000],
      ["m1", 7000],
    ]);
  });

  it("scores the example files: every figure worked out by hand", () => {
    const r = compute(fixture("scheme.json"), fixture("inputs.json"));
    const zhang = byId(r, "m1");
    // 联村工作: (90×60 + 86.5×30) ÷ 90 = 88.833… → 35.533 − 2 = 33.533
    expect(zhang.dimensions.village).toEqual({ score: 88.83, points: 33.53, bonus: 0, deduction: 2 });
    // 管理学习作风: (92×60 + 95×10) ÷ 70 = 92.428… → 18.486
    expect(zhang.dimensions.conduct?.points).toBe(18.49);
    // (33.533 + 35.44 + 18.486 + 3) × 1.042 = 94.258…
    expect(zhang).toMatchObject({ total: 94.26, rank: 1, grade: "优秀", prize: 900, extra: 3 });
    // 李四's +10 on a child of 单位业务 is capped at 8 (20% of 40).
    expect(byId(r, "m2").dimensions.business).toEqual({ score: 83.5, points: 41.4, bonus: 8, deduction: 0 });
    expect(byId(r, "m3")).toMatchObject({ total: 73.8, rank: 3, grade: "合格", missing: ["quality"] });
    expect(r.members.reduce((s, m) => s + m.payFen, 0)).toBe(1_000_000);
  });

  it("returns members in rank order, ties by id, with the derivation of each figure", () => {
    const r = compute(FLAT, flatInputs([85, 90, 85]));
    expect(r.members.map((m) => [m.id, m.rank])).toEqual([
      ["m2", 1],
      ["m1", 2],
      ["m3", 2],
    ]);
    expect(byId(r, "m1").derivation.tiedWith).toEqual(["m1", "m3"]);
    expect(byId(r, "m1").derivation.dimensions[0]?.leaf?.groups[0]?.ratings).toEqual([{ score: 85 }]);
  });

  it("handles a period with no members", () => {
    const r = compute(FLAT, { pool: 100, members: [] });
    expect(r.members).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(["pay-no-members"]);
  });
});
