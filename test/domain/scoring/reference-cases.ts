/**
 * Inputs for the before/after equality test of the scoring engine (issue 15): the fixtures, and
 * seeded random months that exercise every rule (missing leaves, several ratings per group, ratings
 * without `by`, ties, adjustments on nested keys, awards and extras over the cap, coefficients).
 * `canonical` is the JSON callers can see: the full result with every derivation, and the
 * explanation lines of every member.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { BENCH_SCHEME, generateInputs, prng } from "../../../bench/scoring";
import type { SchemeJson } from "../../../src/domain/scheme";
import { explain, type PeriodInputsJson, type PeriodResult } from "../../../src/domain/scoring";
import { larkOpenId } from "../../support/ids";
import { SAMPLE } from "./helpers";

export interface ReferenceCase {
  name: string;
  scheme: SchemeJson;
  inputs: PeriodInputsJson;
}

const fixture = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/scoring/${file}`, import.meta.url), "utf8"));

/** Ratings in odd shapes the bench generator never makes: duplicates without `by`, integer ties, gaps. */
export function varied(members: number, seed: number): PeriodInputsJson {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const leaves = ["village", "plan", "quality", "conduct"];
  const raters = ["leader", "peer", "self"];
  const out: Required<PeriodInputsJson> = {
    pool: 123_456.78,
    members: [],
    ratings: [],
    adjustments: [],
    awards: [],
    extras: [],
  };
  for (let i = 0; i < members; i++) {
    // Hashed ids: input order and id order differ.
    const id = larkOpenId(`member-${i}`);
    out.members.push({ id, name: `成员${i}`, ...(rand() < 0.3 ? { coefficient: pick([1.042, 1.083, 0.9]) } : {}) });
    const count = Math.floor(rand() * 14);
    for (let k = 0; k < count; k++) {
      const score = rand() < 0.5 ? pick([60, 80, 85, 90, 100]) : Math.round(rand() * 1000) / 10;
      const rating = { member: id, dimension: pick(leaves), rater: pick(raters), score };
      out.ratings.push(rand() < 0.5 ? rating : { ...rating, by: larkOpenId(`rater-${k}`) });
    }
    if (rand() < 0.3)
      out.adjustments.push({
        member: id,
        dimension: pick(["village", "business", "quality", "conduct"]),
        points: pick([-50, -3, -0.5, 1, 2.5, 9]),
        reason: pick(["专项考核", "督查通报", "招商引资"]),
      });
    if (rand() < 0.1)
      out.adjustments.push({ member: id, dimension: "plan", points: pick([-2, 4]), reason: "计划超额" });
    if (rand() < 0.15)
      out.awards.push({ member: id, level: pick(["national", "provincial", "city", "county"]), reason: "先进个人" });
    if (rand() < 0.15)
      out.extras.push({ member: id, points: pick([0.5, 1, 2, 3.5]), reason: pick(["信息报送", "志愿服务"]) });
  }
  return out;
}

export function referenceCases(): ReferenceCase[] {
  const sample: SchemeJson = {
    ...SAMPLE,
    awards: { national: 5, provincial: 3, city: 2, county: 1 },
    grades: [
      { name: "优秀", min: 90, quota: "20%" },
      { name: "良好", min: 80, quota: 5 },
      { name: "合格", min: 60 },
    ],
  };
  return [
    {
      name: "fixture",
      scheme: fixture("scheme.json") as SchemeJson,
      inputs: fixture("inputs.json") as PeriodInputsJson,
    },
    { name: "bench-300x20", scheme: BENCH_SCHEME, inputs: generateInputs(300, 20, 7) },
    { name: "bench-300x12", scheme: BENCH_SCHEME, inputs: generateInputs(300, 12, 11) },
    { name: "bench-200x45", scheme: BENCH_SCHEME, inputs: generateInputs(200, 45, 13) },
    { name: "varied-300", scheme: sample, inputs: varied(300, 17) },
    {
      name: "varied-300-nocap",
      scheme: {
        ...sample,
        extraCap: undefined,
        dimensions: SAMPLE.dimensions.map((d) => ({ ...d, bonusCapPct: undefined })),
        prizes: [1000, 500.5, 300, 100],
      },
      inputs: varied(300, 19),
    },
    { name: "empty", scheme: sample, inputs: { members: [] } },
  ];
}

/** The whole result and every member's explanation, as one string. */
export function canonical(result: PeriodResult): string {
  return JSON.stringify({ result, explain: result.members.map((m) => explain(m)) });
}

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
