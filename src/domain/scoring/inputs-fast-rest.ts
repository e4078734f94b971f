/**
 * The rest of PeriodInputsShape (inputs.ts) by hand: the pool and the adjustment, award and extra lists, when every
 * element is already in its parsed form (an ordinary object, its keys all there in the shape's order, nothing to
 * trim). Those are zod's output as they stand, so they are taken as they are, and zod is not run at all for a clean
 * month. Anything else returns null and zod parses the whole input, so errors and outputs stay zod's.
 */
import { isCents } from "../scheme/schema";
import type { AdjustmentInput, AwardInput, ExtraInput } from "./inputs";
import { asIs, inShapeOrder } from "./inputs-fast";

export interface RestInputs {
  pool: number;
  adjustments: AdjustmentInput[];
  awards: AwardInput[];
  extras: ExtraInput[];
}

const TOP_KEYS = new Set(["pool", "members", "ratings", "adjustments", "awards", "extras"]);
const ADJUSTMENT_KEYS = ["member", "dimension", "points", "reason"];
const AWARD_KEYS = ["member", "level", "reason"];
const EXTRA_KEYS = ["member", "points", "reason"];

type Plain = Record<string, unknown>;

/** `list` (absent: the shape's default []) with every element passing `clean`, or null. */
function cleanList<T>(list: unknown, keys: readonly string[], clean: (o: Plain) => boolean): T[] | null {
  if (list === undefined) return [];
  if (!Array.isArray(list)) return null;
  const out: T[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const o = list[i] as unknown;
    if (typeof o !== "object" || o === null || Object.getPrototypeOf(o) !== Object.prototype) return null;
    if (!inShapeOrder(o as Plain, keys, false) || !clean(o as Plain)) return null;
    out[i] = o as T;
  }
  return out;
}

/** z.number() accepts finite numbers only. */
const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

export function fastRest(whole: Plain): RestInputs | null {
  for (const key in whole) if (!Object.hasOwn(whole, key) || !TOP_KEYS.has(key)) return null;
  const pool = whole.pool === undefined ? 0 : whole.pool;
  if (!finite(pool) || !(pool >= 0 && pool <= 1e11) || !isCents(pool)) return null;
  const adjustments = cleanList<AdjustmentInput>(
    whole.adjustments,
    ADJUSTMENT_KEYS,
    (a) => asIs(a.member, 64) && asIs(a.dimension, 64) && finite(a.points) && a.points !== 0 && asIs(a.reason, 200),
  );
  const awards = cleanList<AwardInput>(
    whole.awards,
    AWARD_KEYS,
    (a) => asIs(a.member, 64) && asIs(a.level, 64) && asIs(a.reason, 200),
  );
  const extras = cleanList<ExtraInput>(
    whole.extras,
    EXTRA_KEYS,
    (e) => asIs(e.member, 64) && finite(e.points) && e.points > 0 && asIs(e.reason, 200),
  );
  return adjustments && awards && extras ? { pool, adjustments, awards, extras } : null;
}
