/**
 * inputs-index.ts: parsePeriodInputs indexes plainly valid ratings while checking them and keeps the index for
 * computePeriod on the same inputs; clean members and ratings are taken as they are. None of it may change a result:
 * here each shortcut is compared with the way round it.
 */
import { describe, expect, it } from "vitest";
import { computePeriod, parsePeriodInputs, type PeriodInputsJson, type RatingInput } from "../../../src/domain/scoring";
import { larkOpenId } from "../../support/ids";
import { inputs, SAMPLE, scheme } from "./helpers";
import { canonical, varied } from "./reference-cases";

const S = scheme(SAMPLE);
const LEAVES = ["village", "plan", "quality", "conduct"];
const GROUPS = ["leader", "peer", "self"];

/** 40 members, each rated on every leaf by every group, twice by some (two raters of a group, so no duplicate). */
function month(): Required<Pick<PeriodInputsJson, "members" | "ratings">> {
  const members = Array.from({ length: 40 }, (_, i) => ({ id: larkOpenId(`member-${i}`), name: `成员${i}` }));
  const ratings: RatingInput[] = [];
  members.forEach((m, i) => {
    for (const dimension of LEAVES)
      for (const rater of GROUPS) {
        ratings.push({
          member: m.id,
          dimension,
          rater,
          score: 60 + ((i * 7 + rater.length) % 40),
          by: larkOpenId(rater),
        });
        if (i % 3 === 0) ratings.push({ member: m.id, dimension, rater, score: 75, by: larkOpenId(`${rater}-2`) });
      }
  });
  return { members, ratings };
}

/** The same inputs in new arrays: not the ones parsePeriodInputs indexed, so computePeriod indexes them itself. */
const copied = (i: ReturnType<typeof inputs>) => ({ ...i, members: [...i.members], ratings: [...i.ratings] });

describe("the ratings index kept from validation", () => {
  it("gives the result an index built afresh gives, derivations and explanations included", () => {
    for (const json of [month(), varied(120, 5)]) {
      const parsed = inputs(S, json);
      expect(canonical(computePeriod(S, parsed))).toBe(canonical(computePeriod(S, copied(parsed))));
    }
  });

  it("is not used once the ratings were changed after parsing: the added rating counts", () => {
    const json = month();
    const parsed = inputs(S, json);
    const extra = { member: json.members[1]!.id, dimension: "village", rater: "leader", score: 100 };
    parsed.ratings.push(extra);
    const expected = computePeriod(S, inputs(S, { ...json, ratings: [...json.ratings, extra] }));
    expect(canonical(computePeriod(S, parsed))).toBe(canonical(expected));
    expect(canonical(computePeriod(S, parsed))).not.toBe(canonical(computePeriod(S, inputs(S, json))));
  });

  it("is not used for another scheme object, nor for ratings replaced by another list", () => {
    const json = month();
    const parsed = inputs(S, json);
    const expected = canonical(computePeriod(S, parsed));
    expect(canonical(computePeriod(scheme(SAMPLE), parsed))).toBe(expected);
    const fewer = { ...parsed, ratings: parsed.ratings.filter((r) => r.rater !== "self") };
    const without = canonical(
      computePeriod(S, inputs(S, { ...json, ratings: json.ratings.filter((r) => r.rater !== "self") })),
    );
    expect(canonical(computePeriod(S, fewer))).toBe(without);
    expect(without).not.toBe(expected);
  });

  it("two raters of one group on one item are two ratings; one rater twice is the original error", () => {
    const json = month();
    expect(parsePeriodInputs(S, json).ok).toBe(true);
    const again = { ...json.ratings[0]!, score: 99 };
    const r = parsePeriodInputs(S, { ...json, ratings: [...json.ratings, again] });
    expect(r.ok ? [] : r.errors).toEqual([
      {
        path: `ratings[${json.ratings.length}]`,
        zh: `与 ratings[0] 重复：${again.by} 已对该成员该项评过分`,
        en: `duplicates ratings[0]: ${again.by} already rated this member on this item`,
      },
    ]);
  });
});

describe("clean members and ratings are taken as they are", () => {
  it("shares an already parsed rating; copies, trims and fills in the rest as zod would", () => {
    const json = month();
    const [a, b] = json.members;
    const first = json.ratings[0]!;
    const messy = { ...json.ratings[1]!, member: ` ${a!.id} ` };
    const reordered = { score: 80, rater: "peer", dimension: "quality", member: b!.id };
    const sized = { id: a!.id, name: a!.name, coefficient: 1.042 };
    const parsed = inputs(S, { ...json, ratings: [first, messy, reordered], members: [sized, b!] });
    expect(parsed.ratings[0]).toBe(first);
    expect(parsed.ratings[1]).not.toBe(messy);
    expect(parsed.ratings[1]).toEqual({ ...messy, member: a!.id });
    expect(Object.keys(parsed.ratings[2]!)).toEqual(["member", "dimension", "rater", "score"]);
    expect(parsed.members[0]).toBe(sized);
    expect(parsed.members[1]).not.toBe(b);
    expect(parsed.members[1]).toEqual({ ...b, coefficient: 1 });
  });
});
