import type { Database } from "../db/database";
import type { Group, Member } from "../db/schema";
import type { IsoMonth } from "../domain/dates";
import { findDimension, indexScheme } from "../domain/scheme";
import type { Writes } from "./audit";
import { schemeInForce } from "./schemes";
import { rateWrites } from "./scores";

export type RateResult =
  | { ok: false; code: "dimension_unknown" | "dimension_ambiguous"; options: string[] }
  | { ok: false; code: "no_leader_raters" }
  | { ok: false; code: "computed"; dimension: string }
  | {
      ok: true;
      code: "rated";
      /** The rated item's path, top-level first. */
      path: string[];
      /** The items under it that each got the score (one when a leaf was rated). */
      items: string[];
      writes: Writes;
    };

/**
 * 评分: a leader rates a person on an item. Rating a parent rates each of its items with the
 * same score; computed items (出勤, from the daily records) are never typed in.
 */
export async function rateMember(
  deps: { db: Database },
  input: {
    group: Group;
    member: Member;
    item: string;
    score: number;
    comment?: string;
    month: IsoMonth;
    by: string;
    now: Date;
  },
): Promise<RateResult> {
  const { db } = deps;
  const { scheme } = await schemeInForce(db, input.group.id);
  const found = findDimension(scheme, input.item);
  if (found.kind === "ambiguous")
    return { ok: false, code: "dimension_ambiguous", options: found.candidates.map((d) => d.name) };
  if (found.kind !== "found")
    return { ok: false, code: "dimension_unknown", options: scheme.dimensions.map((d) => d.name) };
  if (!("leader" in scheme.raters)) return { ok: false, code: "no_leader_raters" };
  const under = indexScheme(scheme).leaves.filter(
    (l) => l.path.some((p) => p.key === found.dimension.key) && !l.node.source,
  );
  if (!under.length) return { ok: false, code: "computed", dimension: found.dimension.name };
  const writes = rateWrites(db, {
    group: input.group,
    month: input.month,
    member: input.member,
    leaves: under.map((l) => l.node.key),
    score: input.score,
    raterGroup: "leader",
    by: input.by,
    comment: input.comment,
    now: input.now,
  });
  return {
    ok: true,
    code: "rated",
    path: found.path.map((p) => p.name),
    items: under.map((l) => l.node.name),
    writes,
  };
}
