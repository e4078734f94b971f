/** Rule 2: a parent's score is the weighted sum of its children's scores, to any depth. */
import type { Dimension } from "../scheme/types";
import { clamp, scoreLeaf, type LeafScore, type RatingEntry } from "./leaf";

export interface NodeScore {
  key: string;
  name: string;
  /** Weight within the parent, in percent. */
  weight: number;
  /** 0–100. */
  score: number;
  /** Present on leaves: how the raters' figures made the score. */
  leaf?: LeafScore;
  children?: NodeScore[];
}

/** leaf key → rater group → ratings. */
export type RatingsByLeaf = ReadonlyMap<string, ReadonlyMap<string, readonly RatingEntry[]>>;

/** Scores `node`; leaves nobody rated are appended to `missing` in tree order. */
export function scoreNode(
  node: Dimension,
  raters: Readonly<Record<string, number>>,
  ratings: RatingsByLeaf,
  missing: string[],
): NodeScore {
  const base = { key: node.key, name: node.name, weight: node.weight };
  if (!node.children || node.children.length === 0) {
    const leaf = scoreLeaf(raters, ratings.get(node.key));
    // A group of weight 0 (民测 shown to the leaders, 篇6 line 122) does not make a leaf rated.
    if (!leaf.groups.some((g) => g.weight > 0)) missing.push(node.key);
    return { ...base, score: leaf.score, leaf };
  }
  const children = node.children.map((child) => scoreNode(child, raters, ratings, missing));
  // `score × weight / 100` rather than `score × (weight / 100)`: 88 × 70 / 100 is exactly 61.6.
  const sum = children.reduce((acc, c) => acc + (c.score * c.weight) / 100, 0);
  return { ...base, score: clamp(sum, 0, 100), children };
}
