import { describe, expect, it } from "vitest";
import { benchScoring, BENCH_SCHEME, generateInputs } from "../../../bench/scoring";
import { indexScheme, parseScheme } from "../../../src/domain/scheme";

describe("bench/scoring.ts", () => {
  it("generates the same month from the same seed", () => {
    expect(generateInputs(50, 20, 7)).toEqual(generateInputs(50, 20, 7));
    expect(generateInputs(50, 20, 7)).not.toEqual(generateInputs(50, 20, 8));
  });

  it("gives every member 20 ratings on distinct leaf × rater combinations of a nested scheme", () => {
    const parsed = parseScheme(BENCH_SCHEME);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const combos = indexScheme(parsed.scheme).leaves.length * Object.keys(parsed.scheme.raters).length;
    expect(combos).toBeGreaterThanOrEqual(20);
    const ratings = generateInputs(30, 20, 1).ratings ?? [];
    expect(ratings).toHaveLength(600);
    const first = ratings.filter((r) => r.member === "m00000").map((r) => `${r.dimension}/${r.rater}`);
    expect(new Set(first).size).toBe(20);
  });

  it("scores 10,000 members × 20 ratings with the pool exact to the fen", async () => {
    // Figures, not timing, are asserted here: time goes to docs/BENCHMARKS.md via `npm run bench`.
    const figures = await benchScoring({ runs: 1 });
    expect(figures).toMatchObject({ members: 10_000, ratings: 200_000, payFenTotal: figures.poolFen });
  });
});
