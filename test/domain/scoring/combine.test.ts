import { describe, expect, it } from "vitest";
import { combinePeriods, computePeriod, parsePeriodInputs } from "../../../src/domain/scoring";
import { parseScheme } from "../../../src/domain/scheme";

const scheme = (() => {
  const r = parseScheme({
    name: "季度",
    dimensions: [
      { key: "a", name: "甲", weight: 50 },
      { key: "b", name: "乙", weight: 50 },
    ],
    grades: [
      { name: "优秀", min: 90, quota: 1 },
      { name: "合格", min: 0 },
    ],
    prizes: [300],
  });
  if (!r.ok) throw new Error("scheme");
  return r.scheme;
})();

function month(scores: Record<string, [number, number]>) {
  const members = Object.keys(scores).map((id) => ({ id, name: id }));
  const ratings = Object.entries(scores).flatMap(([id, [a, b]]) => [
    { member: id, dimension: "a", rater: "leader", score: a },
    { member: id, dimension: "b", rater: "leader", score: b },
  ]);
  const p = parsePeriodInputs(scheme, { members, ratings });
  if (!p.ok) throw new Error("inputs");
  return computePeriod(scheme, p.inputs);
}

describe("combinePeriods (a quarter from its months)", () => {
  const parts = [
    { period: "2026-10", result: month({ zhang: [90, 90], li: [100, 100] }) },
    { period: "2026-11", result: month({ zhang: [100, 100], li: [80, 80] }) },
    { period: "2026-12", result: month({ zhang: [95, 95], li: [90, 90], wang: [70, 70] }) },
  ];
  const q = combinePeriods(scheme, parts);

  it("averages each person's monthly totals over the months they were in", () => {
    expect(q.members.map((m) => [m.id, m.total, m.rank])).toEqual([
      ["zhang", 95, 1],
      ["li", 90, 2],
      ["wang", 70, 3],
    ]);
    expect(q.members[2]!.parts.map((p) => p.total)).toEqual([null, null, 70]);
  });

  it("grades with quotas and prizes on the combined totals", () => {
    expect(q.members.map((m) => m.grade)).toEqual(["优秀", "合格", "合格"]); // 优秀 quota 1: li's 90 falls to 合格
    expect(q.members[0]!.prize).toBe(300);
  });

  it("gives dimension and monthly averages to set a person against the group", () => {
    expect(q.members[0]!.dimensions).toEqual({ a: 95, b: 95 });
    expect(q.dimensionAverages.a).toBe(85);
    expect(q.partAverages.map((p) => p.average)).toEqual([95, 90, 85]);
  });

  it("weights parts (a half-year review counting 30%)", () => {
    const year = combinePeriods(scheme, [
      { period: "H1", result: month({ zhang: [100, 100] }), weight: 30 },
      { period: "H2", result: month({ zhang: [80, 80] }), weight: 70 },
    ]);
    expect(year.members[0]!.total).toBe(86);
  });

  it("does not depend on the order of the parts' members", () => {
    const shuffled = parts.map((p) => ({ ...p, result: { ...p.result, members: [...p.result.members].reverse() } }));
    expect(combinePeriods(scheme, shuffled).members).toEqual(q.members);
  });
});
