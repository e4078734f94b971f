/**
 * What every template shares: its shape, and the figures 篇5 gives for the town's schemes, which the other templates
 * reuse where their own seed passage gives none (each template's note says which).
 */
import type { SchemeJson } from "../schema";

export interface SchemeTemplate {
  id: string;
  name: string;
  description: string;
  /** The seed passage it is taken from, 篇N + line (/work/shared/seeds), shown when templates are listed. */
  source: string;
  /** Where the seed gives no figure: which seed practice the template follows instead, and that it is a start. */
  note?: string;
  scheme: SchemeJson;
}

/** 篇5 line 95: 「加分最高不超过该项分值的20%，附加分最高不超过3分」. */
export const BONUS_CAP_PCT = 20;
export const EXTRA_CAP = 3;
/** 篇5 line 101: 「位于一二三名的，分别奖励900、600、300元」 (villages and units, on the year's result). */
export const PRIZES = [900, 600, 300];
/** 篇5 line 99: 国、省、市、县奖励「直接往干部绩效总分中各加5、3、2、1分」, outside the 附加分 cap. */
export const AWARDS = { national: 5, provincial: 3, city: 2, county: 1 };

/**
 * Grades by rank and quota alone: 篇5 line 98, 「其中优秀5名，良好5名，以分数高低确定」. No minimum score: the seeds set
 * none, so first place with 89 is 优秀. The levels below 良好 are named for the office to use; they carry no quota and
 * no threshold, so everyone after the quotas is 合格 until the office sets its own rules.
 */
export function grades(top: { excellent: number | `${number}%`; good?: number | `${number}%` }) {
  return [
    { name: "优秀", quota: top.excellent },
    top.good === undefined ? { name: "良好" } : { name: "良好", quota: top.good },
    { name: "合格" },
  ];
}

export const capped = (key: string, name: string, weight: number) => ({
  key,
  name,
  weight,
  bonusCapPct: BONUS_CAP_PCT,
});
