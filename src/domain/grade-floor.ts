/**
 * 优秀 that also needs a minimum on one dimension (篇9 line 186: a unit ranked near the top 「但公众形象
 * 测评分数低影响了表彰」). The floor is one more condition of the grade, like its `min` on the total: a
 * person below it cannot take the grade, so its quota place goes to the next person who meets every
 * condition, and the blocked person gets the best grade below whose conditions they meet. Grades are
 * handed out in rank order with ties kept together, as scoring/grades.ts does without a floor.
 */
import type { GradeFloor } from "./scheme/grade-options";
import type { Grade } from "./scheme/types";
import { resolveQuota } from "./scoring/grades";
import { toCents } from "./scoring/fen";

export interface FloorMember {
  id: string;
  total: number;
  /** Top-level dimension key → score (0–100). */
  dimensions: Readonly<Record<string, number>>;
}

export interface FloorOutcome {
  grade: string | null;
  /** Set when the floor kept the person from its grade, with the figures that did. */
  blocked?: { grade: string; dimension: string; score: number; min: number };
}

/**
 * Each member's grade under the floor. `computed` is the engine's grade without it: where nobody is
 * blocked the engine's grades stand as they are.
 */
export function gradesWithFloor(
  grades: readonly Grade[],
  floor: GradeFloor | undefined,
  members: readonly FloorMember[],
  computed: ReadonlyMap<string, string | null>,
): Map<string, FloorOutcome> {
  const same = new Map(members.map((m) => [m.id, { grade: computed.get(m.id) ?? null }] as const));
  if (!floor || !grades.some((g) => g.name === floor.grade)) return same;
  const below = (m: FloorMember) => toCents(m.dimensions[floor.dimension] ?? 0) < toCents(floor.min);
  if (!members.some((m) => computed.get(m.id) === floor.grade && below(m))) return same;

  const quotas = grades.map((g) => resolveQuota(g.quota, members.length));
  const used = grades.map(() => 0);
  const byCents = new Map<number, FloorMember[]>();
  for (const m of members) byCents.set(toCents(m.total), [...(byCents.get(toCents(m.total)) ?? []), m]);
  const out = new Map<string, FloorOutcome>();
  for (const cents of [...byCents.keys()].sort((a, b) => b - a)) {
    const tie = byCents.get(cents)!;
    // A tie is graded against the places left before it, so tied people are never split by order.
    const free = grades.map((_, i) => quotas[i] === null || used[i]! < quotas[i]!);
    for (const m of tie) {
      const fits = (g: Grade, i: number) => cents >= toCents(g.min) && free[i] && !(g.name === floor.grade && below(m));
      const i = grades.findIndex(fits);
      const wouldHave = grades.findIndex((g, j) => cents >= toCents(g.min) && free[j]);
      if (i >= 0) used[i]! += 1;
      const outcome: FloorOutcome = { grade: i >= 0 ? grades[i]!.name : null };
      if (grades[wouldHave]?.name === floor.grade && i !== wouldHave)
        outcome.blocked = {
          grade: floor.grade,
          dimension: floor.dimension,
          score: m.dimensions[floor.dimension] ?? 0,
          min: floor.min,
        };
      out.set(m.id, outcome);
    }
  }
  return out;
}
