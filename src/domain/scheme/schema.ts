/**
 * The scheme as JSON, checked in two passes: zod for shape and ranges, then `checkScheme` for the
 * rules that span fields (weights summing to 100, keys unique across the tree). Defaults are filled
 * only once both passes agree, so a `Scheme` value is always complete.
 */
import { z } from "zod";
import { fromZodIssues } from "./issues";
import { checkScheme } from "./checks";
import { checkGradeOptions, gradeOptionsOf, GradeOptionsFields } from "./grade-options";
import type { Dimension, ParseResult, Scheme } from "./types";

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

/** An amount in yuan must be representable in fen exactly. */
export const isCents = (n: number): boolean => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

const text = (max: number) => z.string().trim().min(1, { message: "blank" }).max(max);
const key = z.string().max(40).regex(KEY_PATTERN, { message: "key" });

export const DimensionShape: z.ZodType<Dimension, Dimension> = z.strictObject({
  key,
  name: text(40),
  weight: z.number().gt(0).max(100),
  bonusCapPct: z.number().min(0).max(100).optional(),
  source: z.enum(["attendance"]).optional(),
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
  min: z.number().min(0),
  quota: QuotaShape.optional(),
});

export const SchemeShape = z.strictObject({
  name: text(50),
  dimensions: z.array(DimensionShape).min(1),
  raters: z.record(text(32), z.number().gt(0).max(100)).optional(),
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
  /** 等次确认, 优秀's dimension floor, 整改线: see grade-options.ts. */
  ...GradeOptionsFields,
});

/** A scheme as written in JSON, before defaults (what templates and the scheme editor hold). */
export type SchemeJson = z.input<typeof SchemeShape>;

/** Validate a scheme (already JSON-parsed) and fill its defaults. */
export function parseScheme(json: unknown): ParseResult<"scheme", Scheme> {
  const shaped = SchemeShape.safeParse(json);
  if (!shaped.success) return { ok: false, errors: fromZodIssues(shaped.error.issues) };
  const raw = shaped.data;
  const errors = [...checkScheme(raw), ...checkGradeOptions(raw)];
  if (errors.length > 0) return { ok: false, errors };
  const scheme: Scheme = {
    name: raw.name,
    dimensions: raw.dimensions,
    raters: raw.raters ?? { ...DEFAULT_RATERS },
    awards: raw.awards ?? { ...DEFAULT_AWARDS },
    grades: raw.grades ?? [],
    prizes: raw.prizes ?? [],
    rankingVisibility: raw.rankingVisibility ?? "top",
    backfillDays: raw.backfillDays ?? DEFAULT_BACKFILL_DAYS,
    yearWeights: raw.yearWeights ?? [25, 25, 25, 25],
    annualPool: raw.annualPool ?? 0,
    departmentCalibration: raw.departmentCalibration ?? false,
    ...gradeOptionsOf(raw),
  };
  if (raw.extraCap !== undefined) scheme.extraCap = raw.extraCap;
  return { ok: true, scheme };
}
