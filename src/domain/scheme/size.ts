/**
 * How large a scheme may be when it is saved. Every card that lists dimensions (方案, 成绩,
 * 成绩单, the 月评议 form with a field per dimension) must stay within Lark's 200 elements and
 * 30 KB; 40 dimensions, sub-items included, is what they are built and tested for.
 * Checked on saving only: versions saved before the bound still load.
 */
import { fieldError } from "./issues";
import type { Dimension, FieldError } from "./types";

export const MAX_DIMENSIONS = 40;

const countNodes = (nodes: readonly Dimension[]): number =>
  nodes.reduce((n, d) => n + 1 + countNodes(d.children ?? []), 0);

export function checkSchemeSize(dimensions: readonly Dimension[]): FieldError[] {
  const n = countNodes(dimensions);
  return n > MAX_DIMENSIONS
    ? [
        fieldError(
          ["dimensions"],
          `方案最多 ${MAX_DIMENSIONS} 个维度和指标（含子项），这份有 ${n} 个，请合并一些`,
          `a scheme has at most ${MAX_DIMENSIONS} dimensions and items (sub-items included); this one has ${n}`,
        ),
      ]
    : [];
}
