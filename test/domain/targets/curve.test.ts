import { describe, expect, it } from "vitest";
import {
  DEFAULT_CURVE,
  bonusPoints,
  dueSoFar,
  itemPoints,
  limitScore,
  meanPoint,
  reachScore,
  targetPoint,
} from "../../../src/domain/targets/curve";

describe("reachScore: a target to reach", () => {
  it("篇14 line 328: 24942万元 of a plan of 23459 is 106.32%: full marks and a 6.32% bonus", () => {
    // 24942 / 23459 = 1.063216… → 106.32%; bonus 1:1 over 100 → 6.32% of the item's points.
    expect(reachScore(24942, 23459)).toEqual({ rate: 106.32, score: 100, bonusPct: 6.32 });
  });

  it("篇9 line 184: 交通投资 at 112% of plan: full marks and a 12% bonus", () => {
    expect(reachScore(112, 100)).toEqual({ rate: 112, score: 100, bonusPct: 12 });
  });

  it("the bonus stops at the item's 20% cap (DOMAIN §2), whatever the curve asks", () => {
    expect(reachScore(150, 100)).toEqual({ rate: 150, score: 100, bonusPct: 20 });
    expect(reachScore(150, 100, { ...DEFAULT_CURVE, bonusCapPct: 50 }).bonusPct).toBe(20);
    expect(reachScore(110, 100, { ...DEFAULT_CURVE, bonusPerPct: 0.5 }).bonusPct).toBe(5);
  });

  it("below 100% the score is the rate, down to the floor; under the floor it is 0", () => {
    // 9 of 12 projects: 75% → 75 points.
    expect(reachScore(9, 12)).toEqual({ rate: 75, score: 75, bonusPct: 0 });
    // Exactly at the 60% floor still scores; 59.99% does not.
    expect(reachScore(60, 100).score).toBe(60);
    expect(reachScore(5999, 10000)).toEqual({ rate: 59.99, score: 0, bonusPct: 0 });
    expect(reachScore(1, 3, { ...DEFAULT_CURVE, floor: 0 })).toEqual({ rate: 33.33, score: 33.33, bonusPct: 0 });
  });

  it("exactly 100% is full marks with no bonus; nothing done is 0", () => {
    expect(reachScore(12, 12)).toEqual({ rate: 100, score: 100, bonusPct: 0 });
    expect(reachScore(0, 12)).toEqual({ rate: 0, score: 0, bonusPct: 0 });
  });
});

describe("limitScore: a limit to stay under (篇13)", () => {
  it("篇13 line 281: no accident against a limit of 0 is full marks", () => {
    expect(limitScore(0, 0)).toEqual({ rate: null, score: 100, bonusPct: 0 });
  });

  it("at or under the limit is full marks; each unit over costs 20 points, never below 0", () => {
    expect(limitScore(2, 2)).toEqual({ rate: 100, score: 100, bonusPct: 0 });
    expect(limitScore(1, 2)).toEqual({ rate: 50, score: 100, bonusPct: 0 });
    expect(limitScore(3, 2)).toEqual({ rate: 150, score: 80, bonusPct: 0 });
    expect(limitScore(1, 0)).toEqual({ rate: null, score: 80, bonusPct: 0 });
    expect(limitScore(9, 2)).toEqual({ rate: 450, score: 0, bonusPct: 0 });
    expect(limitScore(3, 2, { ...DEFAULT_CURVE, overStep: 12.5 }).score).toBe(87.5);
  });
});

describe("dueSoFar and targetPoint: 时间过半、任务过半", () => {
  it("a quarter's 12 is due 4, 8 and 12 at the end of its months", () => {
    expect([1, 2, 3].map((m) => dueSoFar(12, m, 3))).toEqual([4, 8, 12]);
    expect(dueSoFar(12, 5, 3)).toBe(12);
  });

  it("5 done after the first month of a quarter's 12 is 125% of the 4 due: full marks, 20% bonus (capped)", () => {
    expect(targetPoint({ direction: "at_least", planned: 12, done: 5 }, 1, 3)).toEqual({
      rate: 125,
      score: 100,
      bonusPct: 20,
    });
    // 6 after the second month: 6 of 8 due = 75%.
    expect(targetPoint({ direction: "at_least", planned: 12, done: 6 }, 2, 3).score).toBe(75);
  });

  it("a limit holds whole from the first month: 3 accidents in month 1 of a limit of 2 cost 20", () => {
    expect(targetPoint({ direction: "at_most", planned: 2, done: 3 }, 1, 12).score).toBe(80);
  });
});

describe("item points and bonus points", () => {
  it("a leaf of 50% under a top-level 40-point dimension is 20 points; a 6.32% bonus on it is 1.26 points", () => {
    expect(itemPoints([40, 50])).toBe(20);
    expect(itemPoints([30])).toBe(30);
    expect(bonusPoints(6.32, 20)).toBe(1.26);
    expect(bonusPoints(20, 20)).toBe(4);
  });

  it("two targets on one item score their mean", () => {
    expect(meanPoint([reachScore(9, 12), limitScore(0, 0)])).toEqual({ score: 87.5, bonusPct: 0 });
    expect(meanPoint([])).toEqual({ score: 0, bonusPct: 0 });
  });
});
