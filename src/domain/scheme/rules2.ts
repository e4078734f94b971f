/**
 * Checks of a rules-2 scheme (issue 13) that span fields: rater groups tied to the dimensions they rate, a group
 * nobody records, a rating order, extra year components, quotas that cannot all be given.
 */
import { fieldError } from "./issues";
import { raterLabel } from "./labels";
import type { FieldError } from "./types";

/** The fields only rules 2 knows; a rules-1 scheme naming one is refused (it would silently do nothing). */
export const RULES2_ONLY = [
  "coefficient",
  "prizePeriod",
  "raterScope",
  "raterSequence",
  "yearReviews",
] as const satisfies readonly string[];

const SUM_TOLERANCE = 1e-6;
const show = (n: number) => String(Math.round(n * 1e6) / 1e6);

interface Rules2Json {
  dimensions: readonly { key: string; name: string }[];
  raters?: Record<string, number> | undefined;
  raterScope?: Record<string, string[]> | undefined;
  raterSequence?: string[] | undefined;
  yearReviews?: { key: string; name: string; weight: number }[] | undefined;
  grades?: readonly { quota?: number | string | undefined }[] | undefined;
}

/** The rater groups that rate top-level dimension `key`: those with no scope, and those whose scope names it. */
export function ratersOf(
  raters: Readonly<Record<string, number>>,
  scope: Readonly<Record<string, readonly string[]>>,
  key: string,
): [string, number][] {
  return Object.entries(raters).filter(([group]) => !scope[group] || scope[group].includes(key));
}

export function checkRules2(raw: Rules2Json, recorded: readonly string[]): FieldError[] {
  const raters = raw.raters ?? { leader: 100 };
  const scope = raw.raterScope ?? {};
  const sequence = raw.raterSequence ?? [];
  const errors: FieldError[] = [];
  const groups = Object.keys(raters);
  if (groups.length === 0) errors.push(fieldError("raters", "至少需要一个评价主体", "needs at least one rater group"));

  // Item 8: a group nobody can fill would drop out of every score unnoticed.
  for (const group of groups) {
    if (!recorded.includes(group))
      errors.push(
        fieldError(
          ["raters", group],
          `评价主体「${raterLabel(group)}」（${group}）目前没有任何途径录入评分，其权重会被悄悄略去；` +
            `可录入的有：${recorded.join("、")}`,
          `nothing records ratings for rater group ${group}; its weight would silently drop out ` +
            `(recorded: ${recorded.join(", ")})`,
        ),
      );
  }

  const tops = new Set(raw.dimensions.map((d) => d.key));
  for (const [group, keys] of Object.entries(scope)) {
    if (!(group in raters))
      errors.push(fieldError(["raterScope", group], "不是本方案的评价主体", "not a rater group of this scheme"));
    keys.forEach((k, i) => {
      if (!tops.has(k))
        errors.push(fieldError(["raterScope", group, i], `没有一级维度 ${k}`, `no top-level dimension ${k}`));
    });
  }

  // Per dimension, the groups that rate it carry 100% between them, and at least one of them counts.
  for (const dim of raw.dimensions) {
    const applying = ratersOf(raters, scope, dim.key);
    const total = applying.reduce((sum, [, w]) => sum + w, 0);
    if (Math.abs(total - 100) > SUM_TOLERANCE)
      errors.push(
        fieldError(
          "raters",
          `评价「${dim.name}」的评价主体权重之和须为 100（当前 ${show(total)}）`,
          `the rater groups of ${dim.key} must weigh 100 together (got ${show(total)})`,
        ),
      );
  }

  const seen = new Set<string>();
  sequence.forEach((group, i) => {
    if (!(group in raters))
      errors.push(fieldError(["raterSequence", i], "不是本方案的评价主体", "not a rater group of this scheme"));
    if (seen.has(group)) errors.push(fieldError(["raterSequence", i], "重复", "listed twice"));
    seen.add(group);
  });
  if (sequence.length === 1)
    errors.push(fieldError("raterSequence", "先后顺序至少需要两个评价主体", "an order needs at least two groups"));
  // A group of weight 0 only makes sense as the first step of an order: shown to the next, not counted.
  for (const [group, weight] of Object.entries(raters)) {
    const at = sequence.indexOf(group);
    if (weight === 0 && (at < 0 || at === sequence.length - 1))
      errors.push(
        fieldError(
          ["raters", group],
          "权重为 0 的评价主体只能作为先后顺序中的前一步（如先民测、再由领导评分），否则不起任何作用",
          "a group of weight 0 must come before another in raterSequence, or it does nothing",
        ),
      );
  }

  const reviewKeys = new Set<string>();
  let reviewWeight = 0;
  (raw.yearReviews ?? []).forEach((r, i) => {
    if (tops.has(r.key) || reviewKeys.has(r.key))
      errors.push(fieldError(["yearReviews", i, "key"], `键 ${r.key} 重复`, `duplicate key ${r.key}`));
    reviewKeys.add(r.key);
    reviewWeight += r.weight;
  });
  if (reviewWeight >= 100)
    errors.push(
      fieldError(
        "yearReviews",
        `年度评价项权重之和须小于 100，四个季度才有份额（当前 ${show(reviewWeight)}）`,
        `year review weights must sum below 100 so the quarters keep a share (got ${show(reviewWeight)})`,
      ),
    );

  const percent = (raw.grades ?? []).reduce(
    (sum, g) => sum + (typeof g.quota === "string" ? Number.parseFloat(g.quota) : 0),
    0,
  );
  if (percent > 100 + SUM_TOLERANCE)
    errors.push(
      fieldError(
        "grades",
        `各等次名额比例之和不能超过 100%（当前 ${show(percent)}%）`,
        `grade quota percentages cannot exceed 100% together (got ${show(percent)}%)`,
      ),
    );
  return errors;
}

/** The year review `item` names (its key, its name, or a unique part of its name), if any. */
export function findYearReview<R extends { key: string; name: string }>(
  reviews: readonly R[],
  item: string,
): R | undefined {
  const q = item.trim();
  if (!q) return undefined;
  const exact = reviews.find((r) => r.key === q.toLowerCase() || r.name === q);
  if (exact) return exact;
  const partial = reviews.filter((r) => r.name.includes(q));
  return partial.length === 1 ? partial[0] : undefined;
}
