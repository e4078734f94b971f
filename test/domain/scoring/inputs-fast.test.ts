/**
 * The hand checks of inputs-fast.ts and inputs-fast-rest.ts against zod itself: for inputs at every edge of the
 * shape (numbers at their limits, -0, NaN, blank and padded text, missing, extra and reordered keys), the shape step
 * of parsePeriodInputs must accept exactly what PeriodInputsShape accepts, give the same output in the same key
 * order, and word the same errors.
 */
import { describe, expect, it } from "vitest";
import { fromZodIssues } from "../../../src/domain/scheme/issues";
import { parsePeriodInputs, PeriodInputsShape } from "../../../src/domain/scoring";
import { larkOpenId } from "../../support/ids";
import { SAMPLE, scheme } from "./helpers";

const S = scheme(SAMPLE);
const A = larkOpenId("member-a");
const B = larkOpenId("member-b");
const members = [
  { id: A, name: "张三", coefficient: 1 },
  { id: B, name: "李四", coefficient: 1.083 },
];
const rating = { member: A, dimension: "plan", rater: "leader", score: 90, by: larkOpenId("leader") };
const adjustment = { member: A, dimension: "village", points: -2, reason: "督查通报" };
const award = { member: B, level: "city", reason: "市级先进" };
const extra = { member: B, points: 1.5, reason: "信息报送" };
const base = { pool: 1000, members, ratings: [rating], adjustments: [adjustment], awards: [award], extras: [extra] };

const EDGES: Record<string, unknown> = {
  clean: base,
  noLists: { members },
  poolCents: { ...base, pool: 1234.56 },
  poolFen: { ...base, pool: 0.001 },
  poolMinusZero: { ...base, pool: -0 },
  poolNegative: { ...base, pool: -1 },
  poolMax: { ...base, pool: 1e11 },
  poolOver: { ...base, pool: 1e11 + 1 },
  poolText: { ...base, pool: "1000" },
  poolNaN: { ...base, pool: Number.NaN },
  poolUndefined: { ...base, pool: undefined },
  extraTopKey: { ...base, month: "2026-11" },
  listsNull: { ...base, adjustments: null },
  pointsZero: { ...base, adjustments: [{ ...adjustment, points: 0 }] },
  pointsMinusZero: { ...base, adjustments: [{ ...adjustment, points: -0 }] },
  pointsInfinite: { ...base, adjustments: [{ ...adjustment, points: Number.POSITIVE_INFINITY }] },
  pointsNaN: { ...base, extras: [{ ...extra, points: Number.NaN }] },
  extraNegative: { ...base, extras: [{ ...extra, points: -1 }] },
  reasonPadded: { ...base, awards: [{ ...award, reason: " 市级先进 " }] },
  reasonBlank: { ...base, extras: [{ ...extra, reason: "   " }] },
  reasonLong: { ...base, extras: [{ ...extra, reason: "字".repeat(201) }] },
  reasonFullWidthSpace: { ...base, extras: [{ ...extra, reason: "\u3000信息报送" }] },
  keysReordered: { ...base, adjustments: [{ reason: "督查通报", points: -2, dimension: "village", member: A }] },
  keyMissing: { ...base, awards: [{ member: B, level: "city" }] },
  keyExtra: { ...base, awards: [{ ...award, by: A }] },
  keyUndefined: { ...base, extras: [{ ...extra, note: undefined }] },
  levelPadded: { ...base, awards: [{ ...award, level: "city " }] },
  memberNoCoefficient: { ...base, members: [{ id: A, name: "张三" }, members[1]] },
  memberPadded: { ...base, members: [{ ...members[0], name: " 张三" }, members[1]] },
  memberCoefficientZero: { ...base, members: [{ ...members[0], coefficient: 0 }, members[1]] },
  ratingByUndefined: { ...base, ratings: [{ ...rating, by: undefined }] },
  ratingNoBy: { ...base, ratings: [{ member: A, dimension: "plan", rater: "leader", score: 100 }] },
  ratingScoreOver: { ...base, ratings: [{ ...rating, score: 100.5 }] },
  ratingNullProto: { ...base, ratings: [Object.assign(Object.create(null), rating)] },
  sparse: { ...base, extras: [extra, , extra] },
};

describe("shape checks by hand agree with zod", () => {
  for (const [name, json] of Object.entries(EDGES)) {
    it(name, () => {
      const zod = PeriodInputsShape.safeParse(json);
      const ours = parsePeriodInputs(S, json);
      if (!zod.success) {
        expect(ours.ok).toBe(false);
        expect(ours.ok ? [] : ours.errors).toEqual(fromZodIssues(zod.error.issues));
        return;
      }
      expect(ours.ok ? [] : ours.errors).toEqual([]);
      // Same values, same keys in the same order, -0 kept as -0.
      expect(ours.ok && ours.inputs).toStrictEqual(zod.data);
      expect(JSON.stringify(ours.ok && ours.inputs)).toBe(JSON.stringify(zod.data));
    });
  }
});
