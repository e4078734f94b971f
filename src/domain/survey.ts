/**
 * 群众/社会评价 (满意度测评): the answer scale, the score from vote counts, the minimum sample, the
 * respondent codes, and the vote-totals sheet. Pure: randomness comes in as bytes.
 *
 * The scale is the three-step 满意 / 基本满意 / 不满意 that appraisal offices print on their 测评表
 * (issue 14 item 2; 篇9: 「社会公众形象测评」 weighed 30% of a unit's total), scored 100 / 60 / 0 so
 * that "basically satisfied" sits at a pass and the score reads on the same 0–100 scale as a rating.
 */

export const CHOICES = [
  { key: "good", label: "满意", score: 100 },
  { key: "fair", label: "基本满意", score: 60 },
  { key: "poor", label: "不满意", score: 0 },
] as const;

export type ChoiceKey = (typeof CHOICES)[number]["key"];
export type VoteCounts = Record<ChoiceKey, number>;

export const CHOICE_KEYS = CHOICES.map((c) => c.key) as [ChoiceKey, ...ChoiceKey[]];

/**
 * Below this many answers a survey's result does not count unless the leader sets another minimum:
 * with 30 answers and most people satisfied, the score's standard error is about 7 points.
 */
export const DEFAULT_MIN_SAMPLE = 30;
/** Codes issued for one survey at most: a school's parents or a clinic's month of patients. */
export const MAX_CODES = 2000;
export const DEFAULT_CODES = 100;

/**
 * A survey's result enters scoring as one rating of the 群众 rater group per person covered, given by
 * `survey:<survey id>` (src/app/surveys.ts): the explanation knows such a rating for a sample of answers,
 * not one rater.
 */
export const surveyRaterId = (surveyId: string) => `survey:${surveyId}`;
export const isSurveyRater = (by: string | undefined): boolean => by?.startsWith("survey:") ?? false;

export interface SurveyResult {
  /** Answers counted (the sample size). */
  sample: number;
  /** Σ score × votes ÷ sample, to the hundredth; null without answers. */
  score: number | null;
  /** Whether the sample reached the minimum: only then does the score feed the dimension. */
  counted: boolean;
}

/** The survey's score from its vote counts, and whether it is enough to count. */
export function surveyResult(counts: VoteCounts, minSample: number): SurveyResult {
  const sample = CHOICES.reduce((n, c) => n + counts[c.key], 0);
  if (sample === 0) return { sample, score: null, counted: false };
  const points = CHOICES.reduce((sum, c) => sum + c.score * counts[c.key], 0);
  return { sample, score: Math.round((points / sample) * 100) / 100, counted: sample >= minSample };
}

/**
 * Respondent codes: 10 characters from 32 that cannot be misread on paper (no 0/O, no 1/I), so
 * 50 bits each: guessing one of 2,000 live codes takes about 5.6 × 10^11 tries on average.
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const CODE_LENGTH = 10;
export const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** One code from random bytes (at least CODE_LENGTH of them); 256 is a multiple of 32, so no bias. */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new RangeError("not enough random bytes for a code");
  let out = "";
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[bytes[i]! % 32] ?? "2";
  return out;
}

/** What people type: spaces and dashes between groups, lower case, are all the same code. */
export const normaliseCode = (typed: string): string => typed.replace(/[\s-]/g, "").toUpperCase();

/** A code printed in two groups of five, easier to read out and type. */
export const formatCode = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`;
