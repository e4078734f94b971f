import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computePeriod, type PeriodInputsJson } from "../../../src/domain/scoring";
import { inputs, SAMPLE, scheme } from "./helpers";

const S = scheme({
  ...SAMPLE,
  grades: [
    { name: "优秀", min: 60, quota: 2 },
    { name: "良好", min: 60, quota: "30%" },
    { name: "合格", min: 0 },
  ],
});
const LEAVES = ["village", "plan", "quality", "conduct"];
const KEYS = [...LEAVES, "business"];
const RATERS = ["leader", "peer", "self"];
const LEVELS = ["national", "provincial", "city", "county"];

/** A few round scores make ties common; the rest spread over 0–100 in tenths. */
const score = fc.oneof(
  fc.constantFrom(60, 80, 85.5, 90, 100),
  fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
);

const period: fc.Arbitrary<PeriodInputsJson> = fc.integer({ min: 1, max: 12 }).chain((n) => {
  const member = fc.nat(n - 1).map((i) => `m${i}`);
  return fc.record({
    pool: fc.integer({ min: 0, max: 1_000_000_000 }).map((fen) => fen / 100),
    members: fc
      .array(fc.constantFrom(1, 1.042, 1.083, 0.85), { minLength: n, maxLength: n })
      .map((cs) => cs.map((coefficient, i) => ({ id: `m${i}`, name: `成员${i}`, coefficient }))),
    ratings: fc.array(
      fc.record({ member, dimension: fc.constantFrom(...LEAVES), rater: fc.constantFrom(...RATERS), score }),
      { maxLength: 60 },
    ),
    adjustments: fc.array(
      fc.record({
        member,
        dimension: fc.constantFrom(...KEYS),
        points: fc
          .integer({ min: -300, max: 300 })
          .filter((x) => x !== 0)
          .map((x) => x / 10),
        reason: fc.constantFrom("台账缺失", "超额完成任务", "群众表扬"),
      }),
      { maxLength: 12 },
    ),
    awards: fc.array(
      fc.record({ member, level: fc.constantFrom(...LEVELS), reason: fc.constantFrom("先进个人", "表彰") }),
      { maxLength: 6 },
    ),
    extras: fc.array(
      fc.record({
        member,
        points: fc.integer({ min: 1, max: 40 }).map((x) => x / 10),
        reason: fc.constantFrom("专项工作", "抢险"),
      }),
      { maxLength: 6 },
    ),
  });
});

const run = (json: PeriodInputsJson) => computePeriod(S, inputs(S, json));

/** Fisher–Yates driven by a seed from fast-check, so a failing case shrinks and replays. */
function shuffle<T>(list: readonly T[] | undefined, seed: number): T[] {
  const out = [...(list ?? [])];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("properties of computePeriod", () => {
  it("shares add up to the pool, to the fen", () => {
    fc.assert(
      fc.property(period, (json) => {
        const r = run(json);
        expect(r.members.reduce((sum, m) => sum + m.payFen, 0)).toBe(r.poolFen);
        expect(r.members.every((m) => Number.isInteger(m.payFen) && m.payFen >= 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("no dimension goes below 0 or above its weight plus its cap", () => {
    fc.assert(
      fc.property(period, (json) => {
        for (const m of run(json).members) {
          for (const d of m.derivation.dimensions) {
            const top = S.dimensions.find((x) => x.key === d.key);
            const room =
              top?.bonusCapPct === undefined ? d.bonusRequested : ((top?.weight ?? 0) * top.bonusCapPct) / 100;
            expect(d.points).toBeGreaterThanOrEqual(0);
            expect(d.points).toBeLessThanOrEqual(d.weight + room + 1e-9);
            expect(d.score).toBeLessThanOrEqual(100);
            expect(m.dimensions[d.key]?.points).toBeGreaterThanOrEqual(0);
          }
          expect(m.extra).toBeLessThanOrEqual(S.extraCap ?? Infinity);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("rank order agrees with totals: rank = 1 + number of strictly higher totals", () => {
    fc.assert(
      fc.property(period, (json) => {
        const members = run(json).members;
        members.forEach((m, i) => {
          const prev = members[i - 1];
          if (prev) expect(prev.total).toBeGreaterThanOrEqual(m.total);
          expect(m.rank).toBe(1 + members.filter((o) => o.derivation.totalCents > m.derivation.totalCents).length);
          expect(Math.round(m.total * 100)).toBe(m.derivation.totalCents);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("quotas hold unless a tie was warned about, and prizes never exceed the places' money", () => {
    fc.assert(
      fc.property(period, (json) => {
        const r = run(json);
        const count = (grade: string) => r.members.filter((m) => m.grade === grade).length;
        if (!r.warnings.some((w) => w.code === "quota-exceeded-by-tie" && w.zh.includes("优秀")))
          expect(count("优秀")).toBeLessThanOrEqual(2);
        const prizes = r.members.reduce((sum, m) => sum + m.prizeFen, 0);
        expect(prizes).toBe(r.members.length >= 3 ? 180_000 : [0, 90_000, 150_000][r.members.length]);
      }),
      { numRuns: 300 },
    );
  });

  it("permuting members, ratings, adjustments, awards and extras changes nothing", () => {
    fc.assert(
      fc.property(period, fc.integer(), (json, seed) => {
        const permuted: PeriodInputsJson = {
          ...json,
          members: shuffle(json.members, seed),
          ratings: shuffle(json.ratings, seed + 1),
          adjustments: shuffle(json.adjustments, seed + 2),
          awards: shuffle(json.awards, seed + 3),
          extras: shuffle(json.extras, seed + 4),
        };
        expect(run(permuted)).toEqual(run(json));
      }),
      { numRuns: 300 },
    );
  });
});
