import { and, eq } from "drizzle-orm";
import type { Database } from "../db/database";
import { publications, type Group, type Member, type Publication } from "../db/schema";
import { findDimension } from "../domain/scheme";
import type { Writes } from "./audit";
import { isLeader } from "./authority";
import { correctionMonth, correctionWrites } from "./corrections";
import { schemeForMonth } from "./schemes";

/**
 * 更正: a leader changes a final (定稿) quarter or year. During the 公示 window the way is an
 * appeal, or a change in the month itself; only a final result is corrected, logged, and re-issued.
 */
export type FinalResult =
  | { ok: false; code: "not_leader" | "not_published" | "still_open" }
  | { ok: true; code: "final"; publication: Publication };

/** The group's final result for a period, or why there is none for this person to correct (leaders only). */
export async function finalPublication(
  deps: { db: Database },
  input: { group: Group; member: Pick<Member, "role">; period: string },
): Promise<FinalResult> {
  if (!isLeader(input.member)) return { ok: false, code: "not_leader" };
  const [publication] = await deps.db
    .select()
    .from(publications)
    .where(and(eq(publications.groupId, input.group.id), eq(publications.period, input.period)))
    .limit(1);
  if (!publication) return { ok: false, code: "not_published" };
  if (publication.status !== "final") return { ok: false, code: "still_open" };
  return { ok: true, code: "final", publication };
}

export type CorrectFinalResult =
  | { ok: false; code: "dimension_unknown"; options: string[] }
  | { ok: true; code: "corrected"; dimension: string; version: number; writes: Writes };

/** The correction's writes, on the top-level dimension of the scheme that scored the period's last month. */
export async function correctFinal(
  deps: { db: Database },
  input: {
    group: Group;
    publication: Publication;
    member: Member;
    item: string;
    points: number;
    reason: string;
    by: string;
    now: Date;
  },
): Promise<CorrectFinalResult> {
  const { db } = deps;
  const { group, publication } = input;
  const { scheme } = await schemeForMonth(db, group, correctionMonth(publication.period), input.now);
  const found = findDimension(scheme, input.item);
  if (found.kind !== "found")
    return { ok: false, code: "dimension_unknown", options: scheme.dimensions.map((d) => d.name) };
  const top = found.path[0]!;
  const writes = correctionWrites(db, {
    group,
    publication,
    member: input.member,
    dimension: top.key,
    points: input.points,
    reason: `更正：${input.reason}`,
    by: input.by,
    action: "publication.correct",
    now: input.now,
  });
  return { ok: true, code: "corrected", dimension: top.name, version: publication.version + 1, writes };
}
