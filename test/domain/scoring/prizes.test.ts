import { describe, expect, it } from "vitest";
import type { SchemeJson } from "../../../src/domain/scheme";
import { byId, compute, FLAT, flatInputs } from "./helpers";

const PRIZED: SchemeJson = { ...FLAT, prizes: [900, 600, 300] };
const prizesOf = (scores: number[], scheme: SchemeJson = PRIZED) => {
  const r = compute(scheme, flatInputs(scores));
  return scores.map((_, i) => byId(r, `m${i + 1}`).prize);
};

describe("rule 8: prizes for places 1, 2, 3 (900, 600, 300 yuan, DOMAIN §3)", () => {
  it("pays 900, 600, 300 to the first three and nothing after", () => {
    expect(prizesOf([95, 90, 85, 80])).toEqual([900, 600, 300, 0]);
  });

  it("shares the prizes of the places a tie occupies: two at 2nd share 600 + 300", () => {
    expect(prizesOf([95, 90, 90, 80])).toEqual([900, 450, 450, 0]);
  });

  it("three tied first share all three prizes; a tie past the last prize gets only what its places carry", () => {
    expect(prizesOf([90, 90, 90, 80])).toEqual([600, 600, 600, 0]);
    expect(prizesOf([99, 98, 90, 90])).toEqual([900, 600, 150, 150]);
  });

  it("splits to the fen exactly; the odd fen goes to the lower id", () => {
    const r = compute({ ...FLAT, prizes: [100] }, flatInputs([90, 90, 90]));
    expect(r.members.map((m) => m.prizeFen)).toEqual([3334, 3333, 3333]);
    expect(byId(r, "m1").prizeFen).toBe(3334);
    expect(byId(r, "m2").derivation.prize).toMatchObject({ places: [1], sharedFen: 10000, sharedBy: 3 });
  });

  it("pays no prize where the scheme has none, or where a place's prize is 0", () => {
    expect(prizesOf([95, 90], FLAT)).toEqual([0, 0]);
    const r = compute({ ...FLAT, prizes: [0, 600] }, flatInputs([95, 90]));
    expect(byId(r, "m1").derivation.prize).toBeNull();
    expect(byId(r, "m2").prize).toBe(600);
  });
});
