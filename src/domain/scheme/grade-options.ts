/**
 * The scheme's options for issue 14 item 5, kept apart from the scoring fields (another part of the
 * scheme changes often): the office confirms grades before publication (篇6 line 122 「先由各处室…进行评分，
 * 再由校考核小组评定等级」), a grade can ask for a minimum on one dimension (篇9 line 186 「综合成绩排名很靠前，
 * 但公众形象测评分数低影响了表彰」), and a result below a line gets a follow-up list (篇3 line 57
 * 「问题、措施、责任、时限“四项清单”…逐项逐条核实销号」).
 */
import { z } from "zod";
import { fieldError } from "./issues";
import type { Dimension, FieldError, Grade } from "./types";

export interface GradeFloor {
  /** The grade that needs it (优秀). */
  grade: string;
  /** A top-level dimension's key. */
  dimension: string;
  /** The dimension's score (0–100) the person must reach, inclusive. */
  min: number;
}

export interface GradeOptions {
  /** The period's grades are published only once the office (管理员) has confirmed them. */
  confirmGrades?: boolean;
  gradeFloor?: GradeFloor;
  /** A total below this (exclusive) gets a follow-up list (整改清单) on the report card. */
  followUpBelow?: number;
}

/** The zod fields, spread into the scheme's shape. */
export const GradeOptionsFields = {
  confirmGrades: z.boolean().optional(),
  gradeFloor: z
    .strictObject({
      grade: z.string().trim().min(1, { message: "blank" }).max(20),
      dimension: z.string().max(40),
      min: z.number().min(0).max(100),
    })
    .optional(),
  followUpBelow: z.number().min(0).max(100).optional(),
};

/**
 * Rules across fields: the floor names a grade and a top-level dimension the scheme has. Only the grades' names
 * are read, so the scheme as written (rules 2 leaves a grade's `min` out) is checked before its defaults.
 */
export function checkGradeOptions(raw: {
  dimensions: readonly Dimension[];
  grades?: readonly Pick<Grade, "name">[] | undefined;
  gradeFloor?: GradeFloor | undefined;
}): FieldError[] {
  const floor = raw.gradeFloor;
  if (!floor) return [];
  const errors: FieldError[] = [];
  const grades = (raw.grades ?? []).map((g) => g.name);
  if (!grades.includes(floor.grade))
    errors.push(
      fieldError(
        ["gradeFloor", "grade"],
        `等次「${floor.grade}」不在方案的等次中（${grades.join("、") || "未设等次"}）`,
        `grade ${floor.grade} is not one of the scheme's grades`,
      ),
    );
  if (!raw.dimensions.some((d) => d.key === floor.dimension))
    errors.push(
      fieldError(
        ["gradeFloor", "dimension"],
        `维度键「${floor.dimension}」不是方案的一级维度（${raw.dimensions.map((d) => d.key).join("、")}）`,
        `${floor.dimension} is not a top-level dimension key`,
      ),
    );
  return errors;
}

/** The options as given, without absent keys (a Scheme value carries only what was set). */
export function gradeOptionsOf(raw: GradeOptions): GradeOptions {
  return {
    ...(raw.confirmGrades !== undefined ? { confirmGrades: raw.confirmGrades } : {}),
    ...(raw.gradeFloor ? { gradeFloor: raw.gradeFloor } : {}),
    ...(raw.followUpBelow !== undefined ? { followUpBelow: raw.followUpBelow } : {}),
  };
}
