/** Inputs parsePeriodInputs must reject, each with the exact errors the original (all-zod) code gave. */
import type { PeriodInputsJson } from "../../../src/domain/scoring";
import { larkOpenId } from "../../support/ids";

const M = "ou_0123456789abcdef0123456789abcdef";
const N = "ou_fedcba9876543210fedcba9876543210";
const members = [
  { id: M, name: "张三" },
  { id: N, name: "李四", coefficient: 1.042 },
];
const rating = { member: M, dimension: "village", rater: "leader", score: 88 };
const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...rating, by: larkOpenId(`rater-${i}`) }));

export const INVALID_INPUTS: Record<string, unknown> = {
  notObject: 42,
  nullInput: null,
  arrayInput: [],
  noMembers: { ratings: [] },
  membersNotArray: { members: {} },
  ratingsNotArray: { members, ratings: "x" },
  ratingNull: { members, ratings: [rating, null] },
  ratingArray: { members, ratings: [[]] },
  scoreHigh: { members, ratings: [...many(30), { ...rating, score: 100.5 }] },
  scoreNegative: { members, ratings: [{ ...rating, score: -1 }] },
  scoreNaN: { members, ratings: [{ ...rating, score: Number.NaN }] },
  scoreInfinity: { members, ratings: [{ ...rating, score: Number.POSITIVE_INFINITY }] },
  scoreString: { members, ratings: [{ ...rating, score: "88" }] },
  scoreMissing: { members, ratings: [{ member: M, dimension: "village", rater: "leader" }] },
  unknownKey: { members, ratings: [{ ...rating, comment: "好" }] },
  blankMember: { members, ratings: [{ ...rating, member: "   " }] },
  longBy: { members, ratings: [{ ...rating, by: "x".repeat(65) }] },
  byNull: { members, ratings: [{ ...rating, by: null }] },
  byNumber: { members, ratings: [{ ...rating, by: 7 }] },
  unknownMember: { members, ratings: [{ ...rating, member: "ou_ffffffffffffffffffffffffffffffff" }] },
  unknownDimension: { members, ratings: [{ ...rating, dimension: "nope" }] },
  parentRated: { members, ratings: [{ ...rating, dimension: "business" }] },
  unknownRater: { members, ratings: [{ ...rating, rater: "boss" }] },
  duplicateBy: { members, ratings: [...many(3), many(3)[1]] },
  duplicateMember: { members: [...members, { id: ` ${M} `, name: "张三" }] },
  memberBlankName: { members: [{ id: M, name: " " }] },
  memberLongName: { members: [{ id: M, name: "名".repeat(51) }] },
  memberZeroCoefficient: { members: [{ id: M, name: "张三", coefficient: 0 }] },
  memberBigCoefficient: { members: [{ id: M, name: "张三", coefficient: 101 }] },
  memberUnknownKey: { members: [{ id: M, name: "张三", dept: "办公室" }] },
  memberIdNumber: { members: [{ id: 5, name: "张三" }] },
  poolCents: { pool: 1.234, members },
  poolNegative: { pool: -1, members },
  extraTopKey: { members, bonus: 1 },
  adjustmentZero: { members, adjustments: [{ member: M, dimension: "village", points: 0, reason: "专项考核" }] },
  adjustmentVague: { members, adjustments: [{ member: M, dimension: "village", points: -1, reason: "酌情扣分！" }] },
  awardUnknown: { members, awards: [{ member: M, level: "world", reason: "先进" }] },
  extraNegative: { members, extras: [{ member: M, points: -1, reason: "信息报送" }] },
  extraVague: { members, extras: [{ member: N, points: 1, reason: "其他" }] },
  /** More than 64 ratings with `by` for one person (the sorted path), duplicates at several places. */
  duplicateMany: {
    members,
    ratings: [
      ...many(70),
      many(70)[3],
      { ...many(70)[69], rater: "peer" },
      many(70)[69],
      { ...rating, member: N, by: M },
      many(70)[3],
      { ...rating, member: N, by: M },
    ],
  },
  duplicateAcrossGroups: {
    members,
    ratings: [
      { ...rating, by: N },
      { ...rating, rater: "peer", by: N },
      { ...rating, dimension: "plan", by: N },
      { ...rating, member: N, by: N },
      { ...rating, rater: "peer", by: N },
    ],
  },
  duplicateUnknownMember: {
    members,
    ratings: [
      { ...rating, member: "x", by: N },
      { ...rating, member: "x", by: N },
    ],
  },
  mixed: {
    members,
    ratings: [
      { ...rating, score: 101 },
      { ...rating, member: "nobody" },
      { ...rating, rater: "boss", by: M },
      { ...rating, rater: "boss", by: M },
    ],
  },
};

/** Valid inputs whose parsed form (trimmed strings, defaults, `by` present or not) must not change. */
export const VALID_INPUTS: Record<string, PeriodInputsJson> = {
  trimmed: {
    pool: 1000.5,
    members: [
      { id: `  ${M}\t`, name: " 张三 " },
      { id: N, name: "李四", coefficient: 1.083 },
    ],
    ratings: [
      { member: ` ${M}`, dimension: " village ", rater: "leader ", score: 0, by: ` ${N} ` },
      { member: N, dimension: "plan", rater: "peer", score: 100 },
      { member: N, dimension: "plan", rater: "peer", score: 50.25, by: undefined },
    ],
    adjustments: [{ member: M, dimension: "plan", points: -0.5, reason: " 督查通报 " }],
  },
  minimal: { members: [] },
};
