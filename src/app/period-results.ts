import type { Database } from "../db/database";
import type { Group } from "../db/schema";
import { monthsOfQuarter } from "../domain/periods";
import { combinePeriods, splitPool, toCents, yearParts, yuanToFen } from "../domain/scoring";
import { groupCalibration } from "./organisation";
import type { MonthSource } from "./period-data";
import { computeMonth } from "./scores";
import { yearReviewScores } from "./year-reviews";

// The results of a quarter and of a year, as the report cards, appeals, corrections and the
// export read them. The jobs that publish them (src/jobs) and the use cases both build on these.

/** The quarter of a group: its months scored, combined, with the names the cards need. */
export async function computeQuarter(db: Database, group: Group, quarter: string, now: Date, source?: MonthSource) {
  const months = await Promise.all(
    monthsOfQuarter(quarter).map((m) => (source ? source.month(group, m) : computeMonth(db, group, m, now))),
  );
  // The scheme of the quarter's last month decides grades, quotas and prizes for the quarter.
  const scheme = months.at(-1)!.inForce.scheme;
  // A month in which nobody in the group was scored (before the bot arrived, say) is left out.
  const scoredMonths = months.filter((m) => m.result.members.some((x) => x.total > 0));
  const combined = combinePeriods(
    scheme,
    scoredMonths.map((m) => ({ period: m.month, result: m.result })),
  );
  const calibration = await groupCalibration(
    db,
    group,
    scheme.departmentCalibration,
    scoredMonths.map((m) => m.month),
    combined.members.map((m) => m.total),
    source,
  );
  return { months, scheme, combined, calibration };
}

/** The year of a group: its quarters, weighted as the scheme says, and the year-end pool split. */
export async function computeYear(db: Database, group: Group, year: string, now: Date, source?: MonthSource) {
  const quarters = await Promise.all([1, 2, 3, 4].map((q) => computeQuarter(db, group, `${year}-Q${q}`, now, source)));
  // The scheme in force at the year's end decides weights, grades, prizes and the pool.
  const scheme = quarters[3]!.scheme;
  const parts = quarters
    .map((q, i) => ({
      period: `${year}-Q${i + 1}`,
      result: {
        members: q.combined.members.map((m) => ({
          ...m,
          dimensions: Object.fromEntries(Object.entries(m.dimensions).map(([k, v]) => [k, { score: v }])),
        })),
      },
      weight: scheme.yearWeights[i]!,
    }))
    // A quarter nobody was scored in (the bot arrived mid-year) does not drag the year down.
    .filter((p) => p.result.members.some((m) => m.total > 0) && p.weight > 0);
  // Rules 2 pays place prizes on the period the scheme names (篇5 line 101: the year's result).
  // 篇9 line 193: a half-year (or other) review is its own part of the year, with its own weight.
  const reviews = await yearReviewScores(db, group, scheme, year);
  const combined = combinePeriods(scheme, yearParts(scheme, parts, reviews), { kind: "year" });
  const pay = splitPool(
    yuanToFen(scheme.annualPool),
    // 篇5 line 95: where the scheme says so, the coefficient weights the pay split, never the score.
    combined.members.map((m) => ({
      id: m.id,
      cents: toCents(m.total),
      ...(scheme.coefficient === "pay" && m.coefficient !== undefined ? { coefficient: m.coefficient } : {}),
    })),
  );
  return { scheme, combined, pay: pay.byMember };
}
