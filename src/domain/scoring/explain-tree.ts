/** Explanation lines for one top-level dimension: its formula, its sub-indicators, its adjustments. */
import { raterLabel } from "../scheme/labels";
import { isSurveyRater } from "../survey";
import type { TopDimensionScore } from "./dimension";
import { fix2, num, pct, signed } from "./format";
import type { LeafScore, RaterGroupScore } from "./leaf";
import type { NodeScore } from "./tree";

/** Beyond this many ratings in a group, show the count instead of every score. */
const MAX_LISTED = 5;
const INDENT = "  ";

/** Rater groups whose members stay anonymous to the person rated: only their average is shown. */
const ANONYMOUS_GROUPS = new Set(["peer", "subordinate", "public"]);

/**
 * The sample sizes of the ratings that are survey results, by rater id (`survey:<id>`): a survey's score is
 * one rating but many answers, so its figure names the sample, never 「1 人平均」.
 */
export type SurveySamples = ReadonlyMap<string, number>;

/** A group's figure where some of its ratings are survey results: the sample instead of a head count. */
function surveyedFigure(label: string, g: RaterGroupScore, samples: SurveySamples): string | null {
  const surveyed = g.ratings.filter((r) => isSurveyRater(r.by));
  if (surveyed.length === 0) return null;
  const sizes = surveyed.map((r) => samples.get(r.by!));
  const known = sizes.every((n) => n !== undefined);
  const total = sizes.reduce<number>((a, n) => a + (n ?? 0), 0);
  const sample = known ? `样本 ${total} 份` : "";
  const people = g.ratings.length - surveyed.length;
  if (people === 0 && surveyed.length === 1) return `${label} ${num(g.average)}（问卷${sample ? `，${sample}` : ""}）`;
  const parts = [
    `${surveyed.length} 次问卷${sample ? `（${sample}）` : ""}`,
    ...(people > 0 ? [`${people} 人评分`] : []),
  ];
  return `${label} ${num(g.average)}（${parts.join("与")}的平均）`;
}

function groupFigure(g: RaterGroupScore, samples: SurveySamples): string {
  const label = raterLabel(g.group);
  const surveyed = surveyedFigure(label, g, samples);
  if (surveyed) return surveyed;
  if (ANONYMOUS_GROUPS.has(g.group)) return `${label} ${num(g.average)}（${g.ratings.length} 人平均）`;
  if (g.ratings.length === 1) return `${label} ${num(g.average)}`;
  const detail =
    g.ratings.length <= MAX_LISTED
      ? `${g.ratings.map((r) => num(r.score)).join("、")} 的平均`
      : `${g.ratings.length} 人平均`;
  return `${label} ${num(g.average)}（${detail}）`;
}

/** "领导 88×60% + 同事 86.5×30% + 自评 90×10%", or the renormalised form when a group did not rate. */
function leafFormula(leaf: LeafScore, samples: SurveySamples): string {
  const [only] = leaf.groups;
  if (leaf.groups.length === 1 && only) return groupFigure(only, samples);
  if (leaf.unrated.length === 0)
    return leaf.groups.map((g) => `${groupFigure(g, samples)}×${pct(g.weight)}`).join(" + ");
  const terms = leaf.groups.map((g) => `${groupFigure(g, samples)}×${num(g.weight)}`).join(" + ");
  return `(${terms}) ÷ ${num(leaf.ratedWeight)}`;
}

function leafNote(leaf: LeafScore): string {
  if (leaf.unrated.length === 0 || leaf.groups.length === 0) return "";
  const who = leaf.unrated.map(raterLabel).join("、");
  const [only] = leaf.groups;
  if (leaf.groups.length === 1 && only) return `（${who} 未评分，只计${raterLabel(only.group)}评分）`;
  return `（${who} 未评分，按已评权重 ${num(leaf.ratedWeight)} 归一）`;
}

function nodeFormula(node: NodeScore, samples: SurveySamples): string {
  if (node.leaf) return `${leafFormula(node.leaf, samples)} = ${fix2(node.score)} 分${leafNote(node.leaf)}`;
  const terms = (node.children ?? []).map((c) => `${c.name} ${num(c.score)}×${pct(c.weight)}`).join(" + ");
  return `${terms} = ${fix2(node.score)} 分`;
}

const unrated = (node: NodeScore) => node.leaf !== undefined && node.leaf.groups.length === 0;

function childLines(node: NodeScore, depth: number, samples: SurveySamples): string[] {
  const lines: string[] = [];
  for (const child of node.children ?? []) {
    const pad = INDENT.repeat(depth);
    lines.push(
      unrated(child)
        ? `${pad}${child.name}：无人评分，记 0 分`
        : `${pad}${child.name} = ${nodeFormula(child, samples)}`,
    );
    lines.push(...childLines(child, depth + 1, samples));
  }
  return lines;
}

function adjustmentLine(d: TopDimensionScore): string | null {
  if (d.adjustments.length === 0) return null;
  const items = d.adjustments.map((a) => `${signed(a.points)}（${a.reason}）`).join("、");
  const notes: string[] = [];
  if (d.bonusCap !== null && d.bonusRequested > d.bonusCap) {
    notes.push(`加分 ${num(d.bonusRequested)} 超过上限 ${num(d.bonusCap)}，按 ${num(d.bonus)} 计`);
  }
  if (d.deduction < d.deductionRequested)
    notes.push(`扣分 ${num(d.deductionRequested)} 超过可扣分数，按 ${num(d.deduction)} 计，最低 0 分`);
  const sum = `${fix2(d.base)} + ${num(d.bonus)} - ${num(d.deduction)} = ${fix2(d.points)} 分`;
  return `${INDENT}${d.name}加减分：${items}；${notes.length > 0 ? `${notes.join("；")}；` : ""}${sum}`;
}

export function dimensionLines(d: TopDimensionScore, samples: SurveySamples = new Map()): string[] {
  const head = unrated(d)
    ? `${d.name}：无人评分，记 0 分 → ${num(d.weight)} 权重 = 0.00 分`
    : `${d.name} = ${nodeFormula(d, samples)} → ${num(d.weight)} 权重 = ${fix2(d.base)} 分`;
  const adjusted = adjustmentLine(d);
  return [head, ...childLines(d, 1, samples), ...(adjusted ? [adjusted] : [])];
}
