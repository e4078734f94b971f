import type { Database } from "../db/database";
import type { Group } from "../db/schema";
import { monthsOfQuarter } from "../domain/periods";
import { combinePeriods, splitPool, toCents, yuanToFen } from "../domain/scoring";
import { groupCalibration } from "./organisation";
import type { PeriodSource } from "./period-data";
import { computeMonth } from "./scores";

// The results of a quarter and of a year, as the report cards, appeals, corrections and the
// export read them. The jobs that publish them (src/jobs) and the use cases both build on these.

/** The quarter of a group: its months scored, combined, with the names the cards need. */
export async function computeQuarter(db: Database, group: Group, quarter: string, now: Date, source?: PeriodSource) {
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
export async function computeYear(db: Database, group: Group, year: string, now: Date, source?: PeriodSource) {
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
  const combined = combinePeriods(scheme, parts);
  const pay = splitPool(
    yuanToFen(scheme.annualPool),
    combined.members.map((m) => ({ id: m.id, cents: toCents(m.total) })),
  );
  return { scheme, combined, pay: pay.byMember };
}
