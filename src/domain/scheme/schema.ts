/**
 * The scheme as JSON, checked in two passes: zod for shape and ranges, then `checkScheme` for the
 * rules that span fields (weights summing to 100, keys unique across the tree). Defaults are filled
 * only once both passes agree, so a `Scheme` value is always complete.
 */
import { z } from "zod";
import { fieldError, fromZodIssues } from "./issues";
import { checkScheme } from "./checks";
import { checkRules2, RULES2_ONLY } from "./rules2";
import { checkGradeOptions, gradeOptionsOf, GradeOptionsFields } from "./grade-options";
import type { Dimension, FieldError, ParseResult, Scheme } from "./types";
import { MAX_BONUS_PCT } from "../targets/curve";
import { DEFAULT_SCHOOL_YEAR } from "../school-year";

/** Keys appear in chat commands and exports, so they stay ASCII and lower case. */
export const KEY_PATTERN = /^[a-z0-9_-]+$/;
const QUOTA_PERCENT = /^\d+(\.\d+)?%$/;

/** Award levels and points from DOMAIN §2 (国、省、市、县 → 5、3、2、1). */
export const DEFAULT_AWARDS: Readonly<Record<string, number>> = Object.freeze({
  national: 5,
  provincial: 3,
  city: 2,
  county: 1,
});
export const DEFAULT_RATERS: Readonly<Record<string, number>> = Object.freeze({ leader: 100 });
export const DEFAULT_BACKFILL_DAYS = 7;
/**
 * The rater groups the bot records ratings for today: 评分 (leader), 互评 (peer), 自评 (self), and 问卷 or a
 * 测评票数 sheet (public, 群众). A rules-2 scheme naming another group (say `third_party`, 第三方, which nothing
 * records) is refused rather than letting that group's weight drop out unnoticed (issue 13 item 8). A feature
 * that records a new group adds it here.
 */
export const RECORDED_RATERS: readonly string[] = Object.freeze(["leader", "peer", "self", "public"]);

/** An amount in yuan must be representable in fen exactly. */
export const isCents = (n: number): boolean => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

const text = (max: number) => z.string().trim().min(1, { message: "blank" }).max(max);
const key = z.string().max(40).regex(KEY_PATTERN, { message: "key" });

export const DimensionShape: z.ZodType<Dimension, Dimension> = z.strictObject({
  key,
  name: text(40),
  weight: z.number().gt(0).max(100),
  bonusCapPct: z.number().min(0).max(100).optional(),
  source: z.enum(["attendance", "unit", "target"]).optional(),
  curve: z
    .strictObject({
      floor: z.number().min(0).max(100).optional(),
      bonusPerPct: z.number().min(0).max(10).optional(),
      bonusCapPct: z.number().min(0).max(MAX_BONUS_PCT).optional(),
      overStep: z.number().min(0).max(100).optional(),
    })
    .optional(),
  get children() {
    return z.array(DimensionShape).min(1).optional();
  },
});

const QuotaShape = z.union(
  [
    z.number().int({ message: "quota" }).min(0, { message: "quota" }),
    z
      .string()
      .regex(QUOTA_PERCENT, { message: "quota" })
      .transform((s) => s as `${number}%`),
  ],
  { message: "quota" },
);

const GradeShape = z.strictObject({
  name: text(20),
  /** Required by rules 1; rules 2 grades by rank and quota alone unless a minimum is set. */
  min: z.number().min(0).optional(),
  quota: QuotaShape.optional(),
});

export const SchemeShape = z.strictObject({
  name: text(50),
  dimensions: z.array(DimensionShape).min(1),
  /** Which scoring rules (types.ts RulesVersion): absent is 1, the rules every scheme stored before issue 13 used. */
  rules: z.union([z.literal(1), z.literal(2)]).optional(),
  coefficient: z.enum(["pay", "score", "none"]).optional(),
  prizePeriod: z.enum(["every", "month", "quarter", "year"]).optional(),
  raters: z.record(text(32), z.number().min(0).max(100)).optional(),
  raterScope: z.record(text(32), z.array(key).min(1)).optional(),
  raterSequence: z.array(text(32)).optional(),
  yearReviews: z
    .array(z.strictObject({ key, name: text(40), weight: z.number().gt(0).lt(100) }))
    .max(4)
    .optional(),
  extraCap: z.number().min(0).optional(),
  awards: z.record(key, z.number().min(0).max(100)).optional(),
  grades: z.array(GradeShape).optional(),
  prizes: z.array(z.number().min(0).refine(isCents, { message: "cents" })).optional(),
  rankingVisibility: z.enum(["full", "top", "private"]).optional(),
  backfillDays: z.number().int().min(0).max(366).optional(),
  /** 年总结: the quarters' weights in percent (a half-year review at 30% is [15, 15, 35, 35]). */
  yearWeights: z
    .tuple([z.number().min(0), z.number().min(0), z.number().min(0), z.number().min(0)])
    .refine((w) => Math.abs(w.reduce((a, b) => a + b, 0) - 100) < 1e-9, { message: "sum100" })
    .optional(),
  /** The year-end performance bonus pool in yuan, split in proportion to the year's totals. */
  annualPool: z.number().min(0).max(1e11).refine(isCents, { message: "cents" }).optional(),
  /** 部门绩效校正: compare this group's people across the organisation after scaling by the office's 部门绩效. */
  departmentCalibration: z.boolean().optional(),
  /**
   * 学年 and 学期 (domain/school-year.ts): the month the school year starts in (7–10, default 9), the month its second
   * semester starts in (1–4, default 2), and which two `yearReviews` are the 第一 and 第二学期测评.
   */
  schoolYear: z
    .strictObject({
      start: z.number().int().min(7).max(10).optional(),
      secondTerm: z.number().int().min(1).max(4).optional(),
      reviews: z.tuple([key, key]).optional(),
    })
    .optional(),
  /** 等次确认, 优秀's dimension floor, 整改线: see grade-options.ts. */
  ...GradeOptionsFields,
});

/** A scheme as written in JSON, before defaults (what templates and the scheme editor hold). */
export type SchemeJson = z.input<typeof SchemeShape>;

export interface ParseOptions {
  /** Rater groups something records ratings for (default RECORDED_RATERS); rules 2 refuses any other. */
  recordedRaters?: readonly string[];
}

/**
 * The JSON to store for a new scheme: the rules it is computed by written into it, 2 where it names none. A scheme
 * read back without `rules` was stored before issue 13 and keeps rules 1, so its published figures never change.
 */
export function withRules(json: unknown): unknown {
  return json !== null && typeof json === "object" && !Array.isArray(json) && !("rules" in json)
    ? { rules: 2, ...json }
    : json;
}

/** Validate a scheme (already JSON-parsed) and fill its defaults. */
export function parseScheme(json: unknown, options: ParseOptions = {}): ParseResult<"scheme", Scheme> {
  const shaped = SchemeShape.safeParse(json);
  if (!shaped.success) return { ok: false, errors: fromZodIssues(shaped.error.issues) };
  const raw = shaped.data;
  const rules = raw.rules ?? 1;
  const errors = [
    ...(rules === 1
      ? [...checkScheme(raw), ...checkRules1(raw)]
      : [
          ...checkScheme({ ...raw, raters: undefined }),
          ...checkRules2(raw, options.recordedRaters ?? RECORDED_RATERS),
        ]),
    ...checkGradeOptions(raw),
    ...checkSchoolYear(raw),
  ];
  if (errors.length > 0) return { ok: false, errors };
  const scheme: Scheme = {
    name: raw.name,
    rules,
    // Rules 1 multiplied every total by the coefficient; rules 2 uses it only where the scheme says (篇5 line 95).
    coefficient: raw.coefficient ?? (rules === 1 ? "score" : "none"),
    // Rules 1 paid prizes on every result; 篇5 line 101 pays them on the year's result (考评结果, 评先创优).
    prizePeriod: raw.prizePeriod ?? (rules === 1 ? "every" : "year"),
    raterScope: raw.raterScope ?? {},
    raterSequence: raw.raterSequence ?? [],
    yearReviews: raw.yearReviews ?? [],
    dimensions: raw.dimensions,
    raters: raw.raters ?? { ...DEFAULT_RATERS },
    awards: raw.awards ?? { ...DEFAULT_AWARDS },
    grades: (raw.grades ?? []).map((g) => ({ ...g, min: g.min ?? 0 })),
    prizes: raw.prizes ?? [],
    rankingVisibility: raw.rankingVisibility ?? "top",
    backfillDays: raw.backfillDays ?? DEFAULT_BACKFILL_DAYS,
    yearWeights: raw.yearWeights ?? [25, 25, 25, 25],
    annualPool: raw.annualPool ?? 0,
    departmentCalibration: raw.departmentCalibration ?? false,
    ...gradeOptionsOf(raw),
  };
  if (raw.extraCap !== undefined) scheme.extraCap = raw.extraCap;
  if (raw.schoolYear)
    scheme.schoolYear = {
      start: raw.schoolYear.start ?? DEFAULT_SCHOOL_YEAR.start,
      secondTerm: raw.schoolYear.secondTerm ?? DEFAULT_SCHOOL_YEAR.secondTerm,
      reviews: raw.schoolYear.reviews ?? null,
    };
  return { ok: true, scheme };
}

/** A school year's two 学期测评 are two different `yearReviews` of the scheme. */
function checkSchoolYear(raw: SchemeJson): FieldError[] {
  const reviews = raw.schoolYear?.reviews;
  if (!reviews) return [];
  const keys = new Set((raw.yearReviews ?? []).map((r) => r.key));
  const errors = reviews.flatMap((k, i) =>
    keys.has(k)
      ? []
      : [
          fieldError(
            ["schoolYear", "reviews", i],
            `学期测评 ${k} 不是本方案 yearReviews 中的一项`,
            `term review ${k} is not one of the scheme's yearReviews`,
          ),
        ],
  );
  if (reviews[0] === reviews[1])
    errors.push(
      fieldError(["schoolYear", "reviews"], "两个学期的测评须是不同的两项", "the two terms need two reviews"),
    );
  return errors;
}

/** Rules 1 is the engine as it was: none of the rules-2 fields, every grade with a minimum, no zero rater weight. */
function checkRules1(raw: SchemeJson): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of RULES2_ONLY) {
    if (raw[field] !== undefined)
      errors.push(
        fieldError(field, `此项需要新规则：请同时设置 "rules": 2`, `this field needs the new rules: set "rules": 2`),
      );
  }
  (raw.grades ?? []).forEach((g, i) => {
    if (g.min === undefined) errors.push(fieldError(["grades", i, "min"], "缺少必填项", "required"));
  });
  for (const [group, weight] of Object.entries(raw.raters ?? {})) {
    if (weight <= 0) errors.push(fieldError(["raters", group], "须 > 0", "must be > 0"));
  }
  return errors;
}
