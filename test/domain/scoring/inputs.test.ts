import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePeriodInputs, type PeriodInputsJson } from "../../../src/domain/scoring";
import { SAMPLE, scheme } from "./helpers";

const S = scheme(SAMPLE);
const valid = (): PeriodInputsJson => ({
  pool: 100000,
  members: [{ id: "m1", name: "张三", coefficient: 1.042 }],
  ratings: [{ member: "m1", dimension: "plan", rater: "leader", score: 88, by: "u9" }],
  adjustments: [{ member: "m1", dimension: "village", points: -2, reason: "台账缺失" }],
  awards: [{ member: "m1", level: "city", reason: "市级先进" }],
  extras: [{ member: "m1", points: 1, reason: "专项工作" }],
});
const errorsOf = (json: unknown) => {
  const r = parsePeriodInputs(S, json);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
};

describe("parsePeriodInputs", () => {
  it("accepts the brief's example and the fixture, and fills defaults", () => {
    expect(parsePeriodInputs(S, valid()).ok).toBe(true);
    const fixture = JSON.parse(readFileSync(new URL("../../fixtures/scoring/inputs.json", import.meta.url), "utf8"));
    expect(
      parsePeriodInputs(
        scheme(JSON.parse(readFileSync(new URL("../../fixtures/scoring/scheme.json", import.meta.url), "utf8"))),
        fixture,
      ).ok,
    ).toBe(true);
    const r = parsePeriodInputs(S, { members: [{ id: "m1", name: "张三" }] });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.inputs).toEqual({
      pool: 0,
      members: [{ id: "m1", name: "张三", coefficient: 1 }],
      ratings: [],
      adjustments: [],
      awards: [],
      extras: [],
    });
  });

  it("names unknown members, dimensions, rater groups and award levels by index", () => {
    const json = valid();
    json.ratings = [
      { member: "m1", dimension: "plan", rater: "leader", score: 88 },
      { member: "m9", dimension: "safety", rater: "boss", score: 88 },
    ];
    json.awards = [{ member: "m1", level: "world", reason: "世界冠军" }];
    expect(errorsOf(json)).toEqual([
      { path: "ratings[1].member", zh: "未知成员 m9", en: "unknown member m9" },
      { path: "ratings[1].dimension", zh: "方案中没有维度 safety", en: "unknown dimension safety" },
      {
        path: "ratings[1].rater",
        zh: "未知评价主体 boss（可用：leader, peer, self）",
        en: "unknown rater group boss (known: leader, peer, self)",
      },
      {
        path: "awards[0].level",
        zh: "未知奖励级别 world（可用：national, provincial, city, county）",
        en: "unknown award level world (known: national, provincial, city, county)",
      },
    ]);
  });

  it("refuses ratings on a dimension that has children", () => {
    const json = valid();
    json.ratings = [{ member: "m1", dimension: "business", rater: "leader", score: 88 }];
    expect(errorsOf(json)).toEqual([
      {
        path: "ratings[0].dimension",
        zh: "business 有子项，只能对末级指标评分",
        en: "business has children; only leaves are rated",
      },
    ]);
  });

  it("keeps scores within 0–100 and extras positive", () => {
    const json = valid();
    json.ratings = [
      { member: "m1", dimension: "plan", rater: "leader", score: 101 },
      { member: "m1", dimension: "plan", rater: "peer", score: -1 },
    ];
    json.extras = [{ member: "m1", points: -1, reason: "迟到" }];
    expect(errorsOf(json)).toEqual([
      { path: "ratings[0].score", zh: "须 ≤ 100", en: "must be ≤ 100" },
      { path: "ratings[1].score", zh: "须 ≥ 0", en: "must be ≥ 0" },
      { path: "extras[0].points", zh: "须 > 0", en: "must be > 0" },
    ]);
  });

  it("rejects vague reasons such as 酌情扣分 (DOMAIN §2)", () => {
    const json = valid();
    json.adjustments = [{ member: "m1", dimension: "village", points: -3, reason: "酌情扣分。" }];
    expect(errorsOf(json)[0]).toMatchObject({
      path: "adjustments[0].reason",
      zh: "理由「酌情扣分。」过于笼统，请写明具体事实",
    });
  });

  it("catches duplicate members and the same rater rating the same item twice", () => {
    const json = valid();
    json.members = [
      { id: "m1", name: "张三" },
      { id: "m1", name: "张三（重复）" },
    ];
    json.ratings = [
      { member: "m1", dimension: "plan", rater: "leader", score: 88, by: "u9" },
      { member: "m1", dimension: "plan", rater: "leader", score: 90, by: "u9" },
    ];
    expect(errorsOf(json).map((e) => e.path)).toEqual(["members[1].id", "ratings[1]"]);
  });

  it("requires the pool in whole fen and reports typos in field names", () => {
    const json = { ...valid(), pool: 100.005, extra: [] };
    expect(errorsOf(json)).toEqual([
      { path: "pool", zh: "金额最多两位小数（到分）", en: "an amount has at most two decimals (fen)" },
      { path: "(root)", zh: "未知字段：extra", en: "unknown field(s): extra" },
    ]);
  });
});
