/**
 * The office's scheme for appraising a unit itself (考核单位, issue 14 item 3): a village, an office or a stationed
 * unit, each with its own indicators (篇5 lines 95–98: 镇对村 经济发展、社会管理、党的建设、社会稳定; 镇对驻镇单位
 * 工作配合 20%、社会评价 20%、干部学习 10%、业务工作 50%). The indicator tree is checked exactly as a members'
 * scheme's (weights summing to 100 at every level, keys unique), by the same parser.
 *
 * Options for the pay that follows the unit's result (issue 14 item 4):
 * - `coefficient`: the unit's size coefficient (篇5 line 95: 「高于1500人、2000人的村基础分各乘以1.042和1.083」),
 *   used inside the pool split only; the unit's score stays on the 100-point scale.
 * - `pay.basis`: what splits the unit's share over its people: a top-level dimension of the members' scheme (篇5
 *   line 95: 「按照各村干部民主测评得分计算出村干部个人工资」) or "total".
 * - `pay.basePct`: a guaranteed part of the unit's share, equal per head (篇6 line 116: 「兼顾教职工的整体利益，
 *   体现一定的基础性利益保障」).
 * - `pay.allowancePerDay`: the monthly workload allowance (篇6 line 121: 「工作量津贴根据教师个人的实际工作量按月
 *   发放」), in yuan per workday with a daily record (天记录 is the bot's record of the work done).
 */
import { z } from "zod";
import { isCents, parseScheme } from "../scheme/schema";
import { fieldError, fromZodIssues } from "../scheme/issues";
import type { Dimension, FieldError, ParseResult } from "../scheme/types";
import { DimensionShape } from "../scheme/schema";

export interface UnitPayOptions {
  /** A top-level dimension key of the members' scheme, or "total". */
  basis: string;
  /** Percent of the unit's share paid equally per head. */
  basePct: number;
  /** Yuan per workday with a daily record, paid monthly; 0: none. */
  allowancePerDay: number;
}

export interface UnitScheme {
  name: string;
  dimensions: Dimension[];
  coefficient: number;
  pay: UnitPayOptions | null;
}

const PayShape = z.strictObject({
  basis: z
    .string()
    .max(40)
    .regex(/^(total|[a-z0-9_-]+)$/, { message: "key" }),
  basePct: z.number().min(0).max(100).optional(),
  allowancePerDay: z.number().min(0).max(10_000).refine(isCents, { message: "cents" }).optional(),
});

export const UnitSchemeShape = z.strictObject({
  name: z.string().trim().min(1, { message: "blank" }).max(50),
  dimensions: z.array(DimensionShape).min(1),
  /** 0.5–3, as a member's coefficient (the roster's bounds). */
  coefficient: z.number().min(0.5).max(3).optional(),
  pay: PayShape.optional(),
});

export type UnitSchemeJson = z.input<typeof UnitSchemeShape>;

const computed = (nodes: readonly Dimension[], path: PropertyKey[]): FieldError[] =>
  nodes.flatMap((n, i) => [
    ...(n.source === undefined
      ? []
      : [
          fieldError([...path, i, "source"], "单位方案的指标由管理员评分，不能设 source", "no source in a unit scheme"),
        ]),
    ...computed(n.children ?? [], [...path, i, "children"]),
  ]);

/**
 * What a new unit scheme may not carry, though a members' indicator may: the 加分 cap (bonusCapPct), which means
 * something only where 加分/扣分 exist. A unit's items are rated 0–100 and nothing is added to them (篇5 第95行 caps a
 * village's 加分 at 20% of the item and its 附加分 at 3, but the bot has no unit 加分/扣分 yet): a cap accepted and
 * never applied would read as if it were enforced. Checked when a scheme is saved (src/app/units.ts), not in
 * parseUnitScheme, so a version stored before this check still reads (its cap ignored, as it always was).
 */
export function newUnitSchemeProblems(scheme: Pick<UnitScheme, "dimensions">): FieldError[] {
  const caps = (nodes: readonly Dimension[], path: PropertyKey[]): FieldError[] =>
    nodes.flatMap((n, i) => [
      ...(n.bonusCapPct === undefined
        ? []
        : [
            fieldError(
              [...path, i, "bonusCapPct"],
              "单位方案的指标没有加分、扣分（各项由管理员按 0–100 评分），不能设 bonusCapPct",
              "unit items have no bonus to cap",
            ),
          ]),
      ...caps(n.children ?? [], [...path, i, "children"]),
    ]);
  return caps(scheme.dimensions, ["dimensions"]);
}

export function parseUnitScheme(json: unknown): ParseResult<"scheme", UnitScheme> {
  const shaped = UnitSchemeShape.safeParse(json);
  if (!shaped.success) return { ok: false, errors: fromZodIssues(shaped.error.issues) };
  const raw = shaped.data;
  // The tree rules are the members' scheme's: one parser, so both kinds of scheme mean the same by a weight.
  const tree = parseScheme({ rules: 2, name: raw.name, dimensions: raw.dimensions });
  const errors = [...(tree.ok ? [] : tree.errors), ...computed(raw.dimensions, ["dimensions"])];
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    scheme: {
      name: raw.name,
      dimensions: raw.dimensions,
      coefficient: raw.coefficient ?? 1,
      pay: raw.pay
        ? { basis: raw.pay.basis, basePct: raw.pay.basePct ?? 0, allowancePerDay: raw.pay.allowancePerDay ?? 0 }
        : null,
    },
  };
}
