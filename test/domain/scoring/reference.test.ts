/**
 * Issue 15: the scoring engine was made faster and leaner without changing a single figure or word.
 * The reference files were written by the code as it was before (commit "Scoring: reference outputs
 * of the original engine"): the fixture's full result, SHA-256 of the canonical JSON (result with
 * every derivation, plus every member's explanation) of seeded months up to 10,000 × 20, and the
 * exact errors and parsed inputs of parsePeriodInputs for valid and invalid inputs.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BENCH_SCHEME, generateInputs } from "../../../bench/scoring";
import type { SchemeJson } from "../../../src/domain/scheme";
import { computePeriod, parsePeriodInputs, type PeriodInputsJson } from "../../../src/domain/scoring";
import { scheme } from "./helpers";
import { canonical, referenceCases, sha256 } from "./reference-cases";
import { INVALID_INPUTS, VALID_INPUTS } from "./reference-invalid";

const reference = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/scoring/${file}`, import.meta.url), "utf8"));
const hashes = reference("reference-sha256.json") as Record<string, string>;

function score(schemeJson: SchemeJson, inputs: PeriodInputsJson) {
  const s = scheme(schemeJson);
  const parsed = parsePeriodInputs(s, inputs);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
  return computePeriod(s, parsed.inputs);
}

describe("scoring gives the original engine's results, derivations and explanations", () => {
  it("fixture: the full result and explanations equal the stored reference", () => {
    const [fixture] = referenceCases();
    const text = canonical(score(fixture!.scheme, fixture!.inputs));
    expect(JSON.parse(text)).toEqual(reference("reference-fixture.json"));
    expect(sha256(text)).toBe(hashes.fixture);
  });

  for (const c of referenceCases()) {
    it(`${c.name}: canonical JSON has the original SHA-256`, () => {
      expect(sha256(canonical(score(c.scheme, c.inputs)))).toBe(hashes[c.name]);
    });
  }

  it("bench month 10,000 × 20: canonical JSON has the original SHA-256", () => {
    expect(sha256(canonical(score(BENCH_SCHEME, generateInputs(10_000, 20, 20240601))))).toBe(hashes["bench-10000x20"]);
  });
});

describe("parsePeriodInputs gives the original errors and parsed inputs", () => {
  const expected = reference("reference-parse.json");
  const s = scheme(
    JSON.parse(readFileSync(new URL("../../fixtures/scoring/scheme.json", import.meta.url), "utf8")) as SchemeJson,
  );
  for (const [name, json] of Object.entries({ ...INVALID_INPUTS, ...VALID_INPUTS })) {
    it(name, () => {
      const r = parsePeriodInputs(s, json);
      expect(JSON.parse(JSON.stringify(r.ok ? { inputs: r.inputs } : { errors: r.errors }))).toEqual(expected[name]);
    });
  }
});
