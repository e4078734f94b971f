/** Rules that span several fields of a scheme; zod has already checked each field alone. */
import { fieldError, formatPath } from "./issues";
import type { Dimension, FieldError, Grade } from "./types";

/** A grade as written: rules 2 may leave out `min` (no threshold). */
type GradeJson = Omit<Grade, "min"> & { min?: number | undefined };

/** Weights are percentages typed by people; allow float noise, not a missing point. */
const SUM_TOLERANCE = 1e-6;

const show = (n: number) => String(Math.round(n * 1e6) / 1e6);
const sumOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

interface RawScheme {
  dimensions: readonly Dimension[];
  raters?: Record<string, number> | undefined;
  grades?: readonly GradeJson[] | undefined;
}

export function checkScheme(raw: RawScheme): FieldError[] {
  return [...checkTree(raw.dimensions), ...checkRaters(raw.raters), ...checkGrades(raw.grades ?? [])];
}

function checkTree(top: readonly Dimension[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, string>();

  const visitLevel = (nodes: readonly Dimension[], path: PropertyKey[]) => {
    const total = sumOf(nodes.map((n) => n.weight));
    if (Math.abs(total - 100) > SUM_TOLERANCE) {
      errors.push(
        path.length === 1
          ? fieldError(
              path,
              `维度权重之和须为 100（当前 ${show(total)}）`,
              `dimension weights must sum to 100 (got ${show(total)})`,
            )
          : fieldError(
              path,
              `子项权重之和须为 100（当前 ${show(total)}）`,
              `children weights must sum to 100 (got ${show(total)})`,
            ),
      );
    }
    const names = new Set<string>();
    nodes.forEach((node, i) => {
      const here = [...path, i];
      const previous = seen.get(node.key);
      if (previous !== undefined) {
        errors.push(
          fieldError(
            [...here, "key"],
            `键 ${node.key} 重复（已用于 ${previous}）`,
            `duplicate key ${node.key} (already used at ${previous})`,
          ),
        );
      } else seen.set(node.key, formatPath(here));
      if (names.has(node.name)) {
        errors.push(
          fieldError([...here, "name"], `同级名称 ${node.name} 重复`, `duplicate name ${node.name} among siblings`),
        );
      }
      names.add(node.name);
      // Adjustments are applied at top level only (see scoring/dimension.ts), so a cap lower down would never bite.
      if (path.length > 1 && node.bonusCapPct !== undefined) {
        errors.push(
          fieldError(
            [...here, "bonusCapPct"],
            "加分上限只能设在一级维度上",
            "bonusCapPct is allowed on top-level dimensions only",
          ),
        );
      }
      // A computed score belongs to a leaf: a parent is scored from its children.
      if (node.source !== undefined && node.children?.length) {
        errors.push(
          fieldError(
            [...here, "source"],
            "计算得分（如出勤）只能设在末级指标上",
            "a computed source is allowed on leaves only",
          ),
        );
      }
      // The curve says how targets score: it means nothing on a leaf that is not bound to targets.
      if (node.curve !== undefined && node.source !== "target") {
        errors.push(
          fieldError(
            [...here, "curve"],
            '完成率曲线（curve）只能设在绑定目标的末级指标上（source: "target"）',
            'a curve is allowed only on a leaf with source "target"',
          ),
        );
      }
      if (node.children) visitLevel(node.children, [...here, "children"]);
    });
  };

  visitLevel(top, ["dimensions"]);
  return errors;
}

function checkRaters(raters: Record<string, number> | undefined): FieldError[] {
  if (raters === undefined) return [];
  const weights = Object.values(raters);
  if (weights.length === 0) return [fieldError("raters", "至少需要一个评价主体", "needs at least one rater group")];
  const total = sumOf(weights);
  if (Math.abs(total - 100) > SUM_TOLERANCE) {
    return [
      fieldError(
        "raters",
        `评价主体权重之和须为 100（当前 ${show(total)}）`,
        `rater weights must sum to 100 (got ${show(total)})`,
      ),
    ];
  }
  return [];
}

function checkGrades(grades: readonly GradeJson[]): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  grades.forEach((grade, i) => {
    if (names.has(grade.name))
      errors.push(fieldError(["grades", i, "name"], `等次 ${grade.name} 重复`, `duplicate grade ${grade.name}`));
    names.add(grade.name);
    const previous = grades[i - 1];
    // Grades are handed out best first; a better grade with a lower bar would make the order meaningless.
    if (previous && (grade.min ?? 0) > (previous.min ?? 0)) {
      errors.push(
        fieldError(
          ["grades", i, "min"],
          `等次须从好到差排列：最低分不得高于上一等次（${previous.min ?? 0}）`,
          `grades go best first: min must not exceed the previous grade's (${previous.min ?? 0})`,
        ),
      );
    }
    if (typeof grade.quota === "string" && parseFloat(grade.quota) > 100) {
      errors.push(fieldError(["grades", i, "quota"], "名额比例不能超过 100%", "a quota percentage cannot exceed 100%"));
    }
  });
  return errors;
}
