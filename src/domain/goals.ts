/**
 * 目标设置与分解 (DOMAIN §1 四位一体, §2: KPI targets with a planned value and
 * a completion rate, "完成计划投入的106.32%"). Pure: parsing what a leader
 * types, the tags that make a record or a claim count, the rate.
 */
import { monthsOfQuarter, monthsOfYear, periodKind, quarterOf } from "./periods";
import type { IsoMonth } from "./dates";
import type { TargetDirection } from "./targets/curve";

/** A target's period: a month (2026-11), a quarter (2026-Q4) or a year (2026). */
export type GoalPeriod = string;

/** The months a period covers. */
export function monthsOfGoalPeriod(period: GoalPeriod): IsoMonth[] {
  const kind = periodKind(period);
  if (kind === "year") return monthsOfYear(period);
  if (kind === "quarter") return monthsOfQuarter(period);
  return [period];
}

/** "本月" / "本季" / "本年" / "2026-Q4" / "2026-11" / "2026" against the current month; null if it is not a period word. */
export function resolveGoalPeriod(word: string, current: IsoMonth): GoalPeriod | null {
  if (["本月", "当月"].includes(word)) return current;
  if (["本季", "本季度", "当季"].includes(word)) return quarterOf(current);
  if (["本年", "今年", "全年", "本年度"].includes(word)) return current.slice(0, 4);
  const q = /^(\d{4})-?[Qq]([1-4])$/u.exec(word) ?? /^(\d{4})年?第([1-4一二三四])季度?$/u.exec(word);
  if (q) return `${q[1]}-Q${"1234".includes(q[2]!) ? q[2] : "一二三四".indexOf(q[2]!) + 1}`;
  const m = /^(\d{4})-(\d{1,2})$/u.exec(word);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2]!.padStart(2, "0")}`;
  if (/^\d{4}年?$/u.test(word)) return word.slice(0, 4);
  return null;
}

/** The default period of a new target: the quarter (季考核). */
export const defaultGoalPeriod = (current: IsoMonth): GoalPeriod => quarterOf(current);

export interface GoalText {
  title: string;
  planned: number;
  /** What follows the number: "个项目", "万元", "%". */
  unit: string;
  /** "at_most": a limit to stay under (事故不超过2起, 投诉控制在3件以内; 篇13 line 281); else a plan to reach. */
  direction: TargetDirection;
}

/** Words that make a target a limit: 「不超过」「控制在…以内」「≤」. */
const LIMIT_WORDS = /不超过|不多于|不高于|控制在|以内|以下|≤|<=|少于|低于|上限/u;

/** The most a planned value may be: beyond this a typo is likelier than a plan. */
export const MAX_PLANNED = 1e12;

/**
 * "完成12个项目" → planned 12, unit "个项目"; "投入24942万元" → 24942, "万元";
 * "隐患整改率100%" → 100, "%". The first number is the planned value.
 */
export function parseGoalText(text: string): GoalText | null {
  const title = text.trim();
  const m = /(\d+(?:\.\d+)?)\s*([^\d\s，,。；;]*)/u.exec(title);
  if (!m) return null;
  const planned = Number(m[1]);
  const direction: TargetDirection = LIMIT_WORDS.test(title) ? "at_most" : "at_least";
  // A limit may be 0 (「全年无一安全生产事故」); a plan to reach needs something to reach.
  const least = direction === "at_most" ? 0 : Number.MIN_VALUE;
  if (!Number.isFinite(planned) || planned < least || planned > MAX_PLANNED) return null;
  return { title: title.slice(0, 100), planned, unit: m[2]!.replace(LIMIT_WORDS, "").slice(0, 10), direction };
}

export interface GoalTag {
  seq: number;
  amount: number;
}

/**
 * "#目标3" in a record or a claim counts 1 toward target 3; "#目标3 +2" (or
 * "＃目标3＋2") counts 2. A text may name several targets.
 */
export function goalTags(text: string): GoalTag[] {
  const tags: GoalTag[] = [];
  for (const m of text.matchAll(/[#＃]目标\s*(\d+)(?:\s*[+＋]\s*(\d+(?:\.\d+)?))?/gu)) {
    const amount = m[2] === undefined ? 1 : Number(m[2]);
    if (Number.isFinite(amount) && amount > 0) tags.push({ seq: Number(m[1]), amount });
  }
  return tags;
}

/** 完成率 in percent, to 2 decimals: 24942 of 23459 planned → 106.32. */
export function completionRate(done: number, planned: number): number {
  if (planned <= 0) return 0;
  return Math.round((done / planned) * 10000) / 100;
}

/** "完成计划的106.32%" style: 12 planned, 9 done → "已完成 9 个项目，完成率 75.00%". */
export function completionLine(done: number, planned: number, unit: string): string {
  const n = (x: number) => String(Math.round(x * 100) / 100);
  const rate = completionRate(done, planned).toFixed(2);
  return `已完成 ${n(done)}${unit ? ` ${unit}` : ""}，完成计划的 ${rate}%`;
}
