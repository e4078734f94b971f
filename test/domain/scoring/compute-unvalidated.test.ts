/** computePeriod on inputs parsePeriodInputs would reject: it throws, with the message the grouping always gave. */
import { describe, expect, it } from "vitest";
import { computePeriod, type PeriodInputs } from "../../../src/domain/scoring";
import { SAMPLE, scheme } from "./helpers";

const M = "ou_0123456789abcdef0123456789abcdef";
const base = (over: Partial<PeriodInputs>): PeriodInputs => ({
  pool: 0,
  members: [{ id: M, name: "张三", coefficient: 1 }],
  ratings: [],
  adjustments: [],
  awards: [],
  extras: [],
  ...over,
});
const rating = { member: M, dimension: "village", rater: "leader", score: 80 };

describe("computePeriod refuses unvalidated references, first one in input order", () => {
  const s = scheme(SAMPLE);
  const cases: [string, PeriodInputs, string][] = [
    [
      "a rating on a parent, before a rating of an unknown member",
      base({
        ratings: [
          { ...rating, dimension: "business" },
          { ...rating, member: "x" },
        ],
      }),
      "rating: business is not a leaf of the scheme",
    ],
    [
      "a rating of an unknown member, before a rating on a parent",
      base({
        ratings: [
          { ...rating, member: "x" },
          { ...rating, dimension: "business" },
        ],
      }),
      "rating: unknown member x (validate with parsePeriodInputs)",
    ],
    [
      "a rating of an unknown member on an unknown item: the member is named",
      base({ ratings: [{ ...rating, member: "x", dimension: "nope" }] }),
      "rating: unknown member x (validate with parsePeriodInputs)",
    ],
    [
      "an adjustment of an unknown member on an unknown item: the item is named",
      base({ adjustments: [{ member: "x", dimension: "nope", points: 1, reason: "专项考核" }] }),
      "adjustment: unknown dimension nope",
    ],
    [
      "ratings are checked before adjustments",
      base({
        ratings: [{ ...rating, member: "y" }],
        adjustments: [{ member: M, dimension: "nope", points: 1, reason: "专项考核" }],
      }),
      "rating: unknown member y (validate with parsePeriodInputs)",
    ],
    [
      "an award of an unknown member",
      base({ awards: [{ member: "z", level: "city", reason: "市级先进" }] }),
      "award: unknown member z (validate with parsePeriodInputs)",
    ],
    [
      "an extra of an unknown member",
      base({ extras: [{ member: "z", points: 1, reason: "信息报送" }] }),
      "extra: unknown member z (validate with parsePeriodInputs)",
    ],
  ];
  for (const [name, inputs, message] of cases) it(name, () => expect(() => computePeriod(s, inputs)).toThrow(message));
});
