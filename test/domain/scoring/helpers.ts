/** Builders for scoring tests: parse or fail loudly, so a test never runs on a half-valid fixture. */
import { parseScheme, type Scheme, type SchemeJson } from "../../../src/domain/scheme";
import {
  computePeriod,
  parsePeriodInputs,
  type PeriodInputs,
  type PeriodInputsJson,
  type PeriodResult,
} from "../../../src/domain/scoring";

/** The scheme of the brief: three top-level dimensions, one of them split in two. */
export const SAMPLE: SchemeJson = {
  name: "镇机关干部",
  dimensions: [
    { key: "village", name: "联村工作", weight: 40, bonusCapPct: 20 },
    {
      key: "business",
      name: "单位业务",
      weight: 40,
      bonusCapPct: 20,
      children: [
        { key: "plan", name: "计划完成", weight: 70 },
        { key: "quality", name: "质量", weight: 30 },
      ],
    },
    { key: "conduct", name: "管理学习作风", weight: 20 },
  ],
  raters: { leader: 60, peer: 30, self: 10 },
  extraCap: 3,
  grades: [
    { name: "优秀", min: 90, quota: 5 },
    { name: "良好", min: 80, quota: 5 },
    { name: "合格", min: 60 },
    { name: "不合格", min: 0 },
  ],
  prizes: [900, 600, 300],
};

/** One leaf, one rater group: a member's total is simply the score given (plus extras). */
export const FLAT: SchemeJson = { name: "单项", dimensions: [{ key: "work", name: "工作", weight: 100 }] };

export function scheme(json: SchemeJson): Scheme {
  const parsed = parseScheme(json);
  if (!parsed.ok) throw new Error(`test scheme invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.scheme;
}

export function inputs(s: Scheme, json: PeriodInputsJson): PeriodInputs {
  const parsed = parsePeriodInputs(s, json);
  if (!parsed.ok) throw new Error(`test inputs invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.inputs;
}

export function compute(schemeJson: SchemeJson, json: PeriodInputsJson): PeriodResult {
  const s = scheme(schemeJson);
  return computePeriod(s, inputs(s, json));
}

/** Members m1…mN, each with one leader rating on the FLAT scheme's only leaf. */
export function flatInputs(scores: readonly number[], extra: Partial<PeriodInputsJson> = {}): PeriodInputsJson {
  const ids = scores.map((_, i) => `m${i + 1}`);
  return {
    members: ids.map((id, i) => ({ id, name: `成员${i + 1}` })),
    ratings: scores.map((score, i) => ({ member: ids[i] ?? "", dimension: "work", rater: "leader", score })),
    ...extra,
  };
}

export const byId = (r: PeriodResult, id: string) => {
  const m = r.members.find((x) => x.id === id);
  if (!m) throw new Error(`no member ${id}`);
  return m;
};
