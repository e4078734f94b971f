/**
 * The checks of MemberShape and RatingShape (inputs.ts), by hand, for the two arrays that grow with
 * the group: a month of 10,000 people brings 200,000 ratings, and zod's per-element machinery cost
 * more than scoring them. Each function returns the parsed array exactly as zod would (trimmed
 * strings, default coefficient, shape key order, `by` kept when present) or null as soon as an
 * element is anything but plainly valid; the caller then lets zod parse the whole input, so errors
 * keep zod's wording, paths and order. Null never means invalid, only "ask zod".
 *
 * An element already in its parsed form (an ordinary object, its keys in the shape's order, nothing
 * to trim, no default to fill) is zod's output as it stands, so it is taken as it is instead of
 * copied: 200,000 fewer objects for a month, which the parsed inputs then share with the caller's
 * JSON (both read-only).
 */
import type { MemberInput, RatingInput } from "./inputs";

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** z.string().trim().min(1).max(max): the trimmed string, or undefined. */
const text = (v: unknown, max: number): string | undefined => {
  if (typeof v !== "string") return undefined;
  const t = v.trim();
  return t.length >= 1 && t.length <= max ? t : undefined;
};

/** Every own key is one of the shape's (strictObject). */
function onlyKeys(o: Plain, allowed: (key: string) => boolean): boolean {
  for (const key in o) if (!Object.hasOwn(o, key) || !allowed(key)) return false;
  return true;
}

/**
 * Own keys exactly `keys` in that order (zod's output order for the shape), the last one optional where
 * `lastOptional`. for…in lists own keys before inherited ones, so the last key listed being own makes them all own.
 */
export function inShapeOrder(o: Plain, keys: readonly string[], lastOptional: boolean): boolean {
  let k = 0;
  for (const key in o) {
    if (key !== keys[k]) return false;
    k++;
  }
  const complete = k === keys.length || (lastOptional && k === keys.length - 1);
  return complete && k > 0 && Object.hasOwn(o, keys[k - 1]!);
}

const MEMBER_KEYS = ["id", "name", "coefficient"];
const RATING_KEYS = ["member", "dimension", "rater", "score", "by"];

/**
 * A string z.string().trim().min(1).max(max) returns unchanged. Printable ASCII at both ends is never whitespace, so
 * the usual id needs no trim() at all.
 */
export const asIs = (v: unknown, max: number): boolean => {
  if (typeof v !== "string" || v.length === 0 || v.length > max) return false;
  const first = v.charCodeAt(0);
  const last = v.charCodeAt(v.length - 1);
  return (first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f) || v.trim() === v;
};

const memberKey = (k: string) => k === "id" || k === "name" || k === "coefficient";
const ratingKey = (k: string) => k === "member" || k === "dimension" || k === "rater" || k === "score" || k === "by";

export function fastMembers(list: readonly unknown[], coefficientMax: number): MemberInput[] | null {
  const out: MemberInput[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (!isPlain(m)) return null;
    const c = m.coefficient;
    if (
      Object.getPrototypeOf(m) === Object.prototype &&
      inShapeOrder(m, MEMBER_KEYS, false) &&
      typeof c === "number" &&
      c > 0 &&
      c <= coefficientMax &&
      asIs(m.id, 64) &&
      asIs(m.name, 50)
    ) {
      out[i] = m as unknown as MemberInput;
      continue;
    }
    if (!onlyKeys(m, memberKey)) return null;
    const id = text(m.id, 64);
    const name = text(m.name, 50);
    if (id === undefined || name === undefined) return null;
    let coefficient = m.coefficient;
    if (coefficient === undefined) coefficient = 1;
    else if (typeof coefficient !== "number" || !(coefficient > 0 && coefficient <= coefficientMax)) return null;
    out[i] = { id, name, coefficient: coefficient as number };
  }
  return out;
}

export function fastRatings(list: readonly unknown[]): RatingInput[] | null {
  const out: RatingInput[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (!isPlain(r)) return null;
    const s = r.score;
    if (
      Object.getPrototypeOf(r) === Object.prototype &&
      inShapeOrder(r, RATING_KEYS, true) &&
      typeof s === "number" &&
      s >= 0 &&
      s <= 100 &&
      asIs(r.member, 64) &&
      asIs(r.dimension, 64) &&
      asIs(r.rater, 64) &&
      (r.by === undefined || asIs(r.by, 64))
    ) {
      out[i] = r as unknown as RatingInput;
      continue;
    }
    if (!onlyKeys(r, ratingKey)) return null;
    const member = text(r.member, 64);
    const dimension = text(r.dimension, 64);
    const rater = text(r.rater, 64);
    const score = r.score;
    if (member === undefined || dimension === undefined || rater === undefined) return null;
    if (typeof score !== "number" || !(score >= 0 && score <= 100)) return null;
    if (!Object.hasOwn(r, "by")) {
      out[i] = { member, dimension, rater, score };
      continue;
    }
    if (r.by === undefined) {
      out[i] = { member, dimension, rater, score, by: undefined };
      continue;
    }
    const by = text(r.by, 64);
    if (by === undefined) return null;
    out[i] = { member, dimension, rater, score, by };
  }
  return out;
}
