/**
 * Issue 15, second round: the same before/after equality as reference.test.ts, for schemes under the seeds' rules
 * (rules 2, issue 13), which landed after that test's references were written. The SHA-256 values were written by
 * main's engine at d6f032d, before this round of speed-ups, on the canonical JSON (the result with every derivation,
 * and every member's explanation). Between them the cases take every rules-2 path of computePeriod: the coefficient
 * weighting pay, grades by rank within quotas by largest remainder (with and without minimums), awards outside the
 * 附加分 cap, and prizes paid or not by the period the scheme names.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BENCH_SCHEME_RULES2, generateInputs } from "../../../bench/scoring";
import type { SchemeJson } from "../../../src/domain/scheme";
import { computePeriod, parsePeriodInputs, type PeriodInputsJson } from "../../../src/domain/scoring";
import { SAMPLE, scheme } from "./helpers";
import { canonical, sha256, varied } from "./reference-cases";

const hashes = JSON.parse(
  readFileSync(new URL("../../fixtures/scoring/reference-rules2-sha256.json", import.meta.url), "utf8"),
) as Record<string, string>;

function score(schemeJson: SchemeJson, inputs: PeriodInputsJson) {
  const s = scheme(schemeJson);
  expect(s.rules).toBe(2);
  const parsed = parsePeriodInputs(s, inputs);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
  return computePeriod(s, parsed.inputs);
}

/** The brief's scheme under rules 2, with minimums kept beside the quotas, paying the place prizes every month. */
const SAMPLE_RULES2: SchemeJson = {
  ...SAMPLE,
  rules: 2,
  coefficient: "pay",
  awards: { national: 5, provincial: 3, city: 2, county: 1 },
  grades: [
    { name: "优秀", min: 90, quota: "20%" },
    { name: "良好", min: 80, quota: "30%" },
    { name: "合格", min: 60 },
    { name: "不合格", min: 0 },
  ],
  prizePeriod: "month",
};

describe("rules-2 months score as main's engine scored them", () => {
  it("bench month 300 × 20 (BENCH_SCHEME_RULES2: no prizes on a month)", () => {
    expect(sha256(canonical(score(BENCH_SCHEME_RULES2, generateInputs(300, 20, 7))))).toBe(
      hashes["bench-rules2-300x20"],
    );
  });

  it("300 varied members (duplicates without `by`, ties, nested adjustments, awards, coefficients)", () => {
    expect(sha256(canonical(score(SAMPLE_RULES2, varied(300, 23))))).toBe(hashes["varied-300-rules2"]);
  });

  it("bench month 10,000 × 20 under rules 2", () => {
    const text = canonical(score(BENCH_SCHEME_RULES2, generateInputs(10_000, 20, 20240601)));
    expect(sha256(text)).toBe(hashes["bench-rules2-10000x20"]);
  });
});
