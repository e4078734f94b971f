/**
 * Rule 10: every figure on a report card can be traced (DOMAIN §4: results must be explained).
 * `explain` turns a member's derivation into Chinese lines, from the total down to each rating.
 */
import { awardLabel } from "../scheme/labels";
import { calibrationLine, type Calibration } from "./calibrate";
import { dimensionLines, type SurveySamples } from "./explain-tree";
import type { ExtraScore } from "./extra";
import { fix2, num, yuan } from "./format";
import type { MemberResult } from "./result";
import type { NodeScore } from "./tree";

function totalLine(m: MemberResult): string {
  const d = m.derivation;
  const terms = d.dimensions.map((dim) => `${dim.name} ${fix2(dim.points)}`);
  if (d.extra.awards.length + d.extra.extras.length > 0) terms.push(`附加分 ${fix2(d.extra.applied)}`);
  const sum = terms.join(" + ");
  if (d.coefficient === 1 || d.coefficientUse) return `总分 = ${sum} = ${fix2(d.total)} 分`;
  return `总分 = (${sum}) × 系数 ${d.coefficient} = ${fix2(d.total)} 分`;
}

function extraLine(e: ExtraScore): string | null {
  const terms = [
    ...e.awards.map((a) => `${awardLabel(a.level)}奖励 ${num(a.points)}（${a.reason}）`),
    ...e.extras.map((x) => `${x.reason} ${num(x.points)}`),
  ];
  if (terms.length === 0) return null;
  if (e.awardsOutsideCap) {
    // Rules 2 (篇5 lines 95, 99): the cap is on 附加分 alone; award points are added in full.
    const extras = e.extras.reduce((n, x) => n + x.points, 0);
    const cut =
      e.cap !== null && extras > e.cap ? `（附加分 ${num(extras)} 超过上限 ${num(e.cap)}，按 ${num(e.cap)} 分计）` : "";
    const rule = e.awards.length && e.cap !== null ? `；奖励分不受附加分上限 ${num(e.cap)} 分限制` : "";
    return `附加分 = ${terms.join(" + ")} = ${fix2(e.applied)} 分${cut}${rule}`;
  }
  const capped =
    e.cap !== null && e.requested > e.cap
      ? `，超过上限 ${num(e.cap)}，按 ${fix2(e.applied)} 分计`
      : ` = ${fix2(e.applied)} 分`;
  return `附加分 = ${terms.join(" + ")} = ${num(e.requested)}${capped}`;
}

function rankLines(m: MemberResult): string[] {
  const d = m.derivation;
  const lines = [
    d.tiedWith.length > 1 ? `排名：第 ${m.rank} 名（${d.tiedWith.length} 人并列）` : `排名：第 ${m.rank} 名`,
  ];
  if (d.grade) {
    const g = d.grade;
    const over = g.overQuota ? "；因分数并列，超出名额" : "";
    if (g.byRank) {
      // Rules 2: by rank within the quota (篇5 line 98: 以分数高低确定), a minimum only where the scheme sets one.
      const min = g.min > 0 ? `≥ ${num(g.min)} 分，` : "";
      const quota = g.quotaNote ?? (g.quota === null ? "不限名额" : `名额 ${g.quota} 名`);
      lines.push(`等次：${g.name}（${min}按名次，${quota}${over}）`);
    } else {
      const quota = g.quota === null ? "" : `，名额 ${g.quota} 名`;
      lines.push(`等次：${g.name}（≥ ${num(g.min)} 分${quota}${over}）`);
    }
  }
  if (d.prize) {
    const p = d.prize;
    const places = p.places.map((x) => `第 ${x} 名`).join("、");
    lines.push(
      p.sharedBy === 1
        ? `名次奖：${places} ${yuan(p.fen)} 元`
        : `名次奖：${yuan(p.fen)} 元（${places}奖金合计 ${yuan(p.sharedFen)} 元，${p.sharedBy} 人并列平分）`,
    );
  }
  if (d.pay && d.pay.poolFen > 0) {
    const p = d.pay;
    lines.push(
      p.weightedCents !== undefined && p.mode !== "equal"
        ? `绩效工资 = 奖金池 ${yuan(p.poolFen)} 元 ÷ Σ(总分 × 系数) ${fix2(p.sumCents / 100)}` +
            ` × 本人 ${fix2(p.cents / 100)} × 系数 ${p.coefficient} = ${fix2(p.weightedCents / 100)}` +
            ` → ${yuan(p.fen)} 元（系数只用于分配，见篇5；按最大余数法分到分）`
        : p.mode === "equal"
          ? `绩效工资 = 奖金池 ${yuan(p.poolFen)} 元 ÷ ${p.headcount} 人 = ${yuan(p.fen)} 元（总分均为 0，平均分配）`
          : `绩效工资 = 奖金池 ${yuan(p.poolFen)} 元 ÷ 总分合计 ${fix2(p.sumCents / 100)} × 本人 ${fix2(p.cents / 100)} = ${yuan(p.fen)} 元（按最大余数法分到分）`,
    );
  }
  return lines;
}

function nodeNames(nodes: readonly NodeScore[], into = new Map<string, string>()): Map<string, string> {
  for (const n of nodes) {
    into.set(n.key, n.name);
    nodeNames(n.children ?? [], into);
  }
  return into;
}

/**
 * The explanation of one member's result, top line first. With the group's
 * calibration (部门绩效校正), the calibrated total follows the total. `samples`: the sample sizes of the
 * survey results among the ratings (群众/社会评价), so a survey-fed item names its sample.
 */
export function explain(
  m: MemberResult,
  calibration: Calibration | null = null,
  samples: SurveySamples = new Map(),
): string[] {
  const d = m.derivation;
  const lines = [
    `${m.name}：${totalLine(m)}`,
    ...(calibration ? [calibrationLine(m.total, calibration)] : []),
    ...rankLines(m),
  ];
  for (const dim of d.dimensions) lines.push(...dimensionLines(dim, samples));
  const extra = extraLine(d.extra);
  if (extra) lines.push(extra);
  if (m.missing.length > 0) {
    const names = nodeNames(d.dimensions);
    lines.push(`未评分指标（按 0 分计）：${m.missing.map((key) => names.get(key) ?? key).join("、")}`);
  }
  return lines;
}
