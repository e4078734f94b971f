/**
 * Splitting a long list over several cards, each within Lark's limits (see kit.ts): a card
 * that would be refused with 230025 is never built, and nothing is cut. Sizes are measured
 * on the card as built, so whatever a card carries besides the rows (a chart, notes) is
 * counted too.
 */
import { fitsLark, t, type Card, type Lang } from "./kit";

export interface Page {
  /** 1-based. */
  index: number;
  count: number;
}

/** "（第 2/3 张）": where a card stands among its pages; nothing when there is one. */
export function pageLabel(page: Page | undefined, lang: Lang): string {
  return page && page.count > 1
    ? t(lang, `（第 ${page.index}/${page.count} 张）`, ` (card ${page.index} of ${page.count})`)
    : "";
}

/** The largest number of rows from `start` on that `build` turns into a card Lark takes (at least 1). */
function fitFrom<T>(
  rows: readonly T[],
  start: number,
  build: (rows: readonly T[]) => Card,
  maxRows = Infinity,
): number {
  let lo = 1;
  let hi = Math.min(rows.length - start, maxRows);
  if (fitsLark(build(rows.slice(start, start + hi)))) return hi;
  // Binary search: a card grows with every row it takes, so "fits" holds for a prefix of sizes.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fitsLark(build(rows.slice(start, start + mid)))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** How many of the first rows one card takes, as `build` makes it (all of them when they fit; 0 for none). */
export function fitPrefix<T>(rows: readonly T[], build: (rows: readonly T[]) => Card): number {
  return rows.length ? fitFrom(rows, 0, build) : 0;
}

/**
 * Rows split into pages, each a card Lark takes. `build` makes the card for a page's rows;
 * it is first asked with the largest page count possible (the label can only get shorter
 * once the real count is known), then once more per page for the real thing.
 * A single row too large for a card of its own is the builder's defect: it throws.
 */
export function paginate<T, C>(
  rows: readonly T[],
  build: (rows: readonly T[], page: Page) => Card,
  render: (rows: readonly T[], page: Page) => C,
  opts: { maxRows?: number } = {},
): C[] {
  if (!rows.length) return [render([], { index: 1, count: 1 })];
  const bound = rows.length;
  const slices: T[][] = [];
  for (let start = 0; start < rows.length; ) {
    const index = slices.length + 1;
    const n = fitFrom(rows, start, (part) => build(part, { index, count: bound }), opts.maxRows);
    slices.push(rows.slice(start, start + n));
    start += n;
  }
  return slices.map((part, i) => {
    const page = { index: i + 1, count: slices.length };
    if (!fitsLark(build(part, page))) throw new Error(`a card of ${part.length} row(s) is over Lark's limits`);
    return render(part, page);
  });
}
