/**
 * Finding a dimension from what a person types in chat ("评分 @张三 业务 90"): people type part of a
 * Chinese name far more often than a key, so a unique partial match is enough, and an ambiguous one
 * hands the candidates back for the bot to ask which was meant.
 */
import { indexScheme, type NodeInfo } from "./tree";
import type { Dimension, Scheme } from "./types";

export type FindResult =
  | { kind: "found"; dimension: Dimension; path: Dimension[] }
  | { kind: "ambiguous"; candidates: Dimension[] }
  | { kind: "none" };

export interface FindOptions {
  /** Only leaves can be rated; a rating command passes true. */
  leavesOnly?: boolean;
}

const squash = (s: string) => s.replace(/\s+/g, "").toLowerCase();

/** Match strength, strongest first; the first tier with any match decides. */
const TIERS: ReadonlyArray<(n: Dimension, q: string) => boolean> = [
  (n, q) => n.key === q,
  (n, q) => squash(n.name) === q,
  (n, q) => squash(n.name).startsWith(q) || n.key.startsWith(q),
  (n, q) => squash(n.name).includes(q),
];

export function findDimension(
  scheme: Pick<Scheme, "dimensions">,
  query: string,
  options: FindOptions = {},
): FindResult {
  const q = squash(query);
  if (q === "") return { kind: "none" };
  const pool = indexScheme(scheme).nodes.filter((n) => !options.leavesOnly || n.isLeaf);
  for (const matches of TIERS) {
    const hits: NodeInfo[] = pool.filter((n) => matches(n.node, q));
    const [only] = hits;
    if (hits.length === 1 && only) return { kind: "found", dimension: only.node, path: only.path };
    if (hits.length > 1) return { kind: "ambiguous", candidates: hits.map((h) => h.node) };
  }
  return { kind: "none" };
}
