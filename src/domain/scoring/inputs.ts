/**
 * A period's inputs as JSON: the members, the ratings they received, adjustments, awards and extra
 * points. Shape and ranges are zod's job; references into the scheme are checked in inputs-check.ts.
 */
import { z } from "zod";
import { fromZodIssues } from "../scheme/issues";
import { isCents } from "../scheme/schema";
import type { ParseResult, Scheme } from "../scheme/types";
import { checkInputs } from "./inputs-check";
import { fastMembers, fastRatings } from "./inputs-fast";
import { fastRest } from "./inputs-fast-rest";

const id = z.string().trim().min(1, { message: "blank" }).max(64);
const reason = z.string().trim().min(1, { message: "blank" }).max(200);

/** The largest size or post coefficient accepted (a roster import checks the same). */
export const COEFFICIENT_MAX = 100;

const MemberShape = z.strictObject({
  id,
  name: z.string().trim().min(1, { message: "blank" }).max(50),
  /** Size or post coefficient (DOMAIN §2: 1.042, 1.083); multiplies the total. */
  coefficient: z.number().gt(0).max(COEFFICIENT_MAX).default(1),
});

const RatingShape = z.strictObject({
  member: id,
  dimension: id,
  rater: id,
  score: z.number().min(0).max(100),
  /** Who gave the rating; with it, one person rating the same item twice is caught. */
  by: id.optional(),
});

const AdjustmentShape = z.strictObject({
  member: id,
  dimension: id,
  points: z.number().refine((n) => n !== 0, { message: "zero" }),
  reason,
});

const AwardShape = z.strictObject({ member: id, level: id, reason });

/** Extras only add; a deduction goes through an adjustment on the dimension it concerns. */
const ExtraShape = z.strictObject({ member: id, points: z.number().gt(0), reason });

export const PeriodInputsShape = z.strictObject({
  /** The pay pool in yuan, at most two decimals. */
  pool: z.number().min(0).max(1e11).refine(isCents, { message: "cents" }).default(0),
  members: z.array(MemberShape),
  ratings: z.array(RatingShape).default([]),
  adjustments: z.array(AdjustmentShape).default([]),
  awards: z.array(AwardShape).default([]),
  extras: z.array(ExtraShape).default([]),
});

export type PeriodInputs = z.output<typeof PeriodInputsShape>;
export type PeriodInputsJson = z.input<typeof PeriodInputsShape>;
export type MemberInput = PeriodInputs["members"][number];
export type RatingInput = PeriodInputs["ratings"][number];
export type AdjustmentInput = PeriodInputs["adjustments"][number];
export type AwardInput = PeriodInputs["awards"][number];
export type ExtraInput = PeriodInputs["extras"][number];

/**
 * Validate a period's inputs against the scheme they will be scored with. The parsed inputs share the objects of
 * `json` that were already in their parsed form (treat both as read-only), and carry the ratings index computePeriod
 * uses while their lists stay as parsed (inputs-index.ts).
 */
export function parsePeriodInputs(scheme: Scheme, json: unknown): ParseResult<"inputs", PeriodInputs> {
  const shaped = shape(json);
  if (!shaped.success) return { ok: false, errors: fromZodIssues(shaped.error.issues) };
  const errors = checkInputs(scheme, shaped.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, inputs: shaped.data };
}

/**
 * PeriodInputsShape.safeParse, with members and ratings checked by hand when every element is
 * plainly valid (inputs-fast.ts), and the pool and the small lists too when already in their
 * parsed form (inputs-fast-rest.ts); else zod checks the rest. Zod parses everything the moment
 * anything is off, so what is accepted, what comes out and every error are zod's.
 */
function shape(json: unknown): ReturnType<typeof PeriodInputsShape.safeParse> {
  if (typeof json !== "object" || json === null || Object.getPrototypeOf(json) !== Object.prototype)
    return PeriodInputsShape.safeParse(json);
  const whole = json as Record<string, unknown>;
  const members = Array.isArray(whole.members) ? fastMembers(whole.members, COEFFICIENT_MAX) : null;
  const ratings = Array.isArray(whole.ratings) ? fastRatings(whole.ratings) : null;
  if (!members || (whole.ratings !== undefined && !ratings)) return PeriodInputsShape.safeParse(json);
  const clean = fastRest(whole);
  if (clean) {
    // The shape's keys in its order, defaults filled, as zod's output.
    const { pool, adjustments, awards, extras } = clean;
    return { success: true, data: { pool, members, ratings: ratings ?? [], adjustments, awards, extras } };
  }
  const rest = PeriodInputsShape.safeParse({ ...whole, members: [], ...(ratings ? { ratings: [] } : {}) });
  if (!rest.success) return PeriodInputsShape.safeParse(json);
  rest.data.members = members;
  if (ratings) rest.data.ratings = ratings;
  return rest;
}
