import type { Database } from "../db/database";
import { confirmationOf, overridesOf } from "./grade-confirmations";
import type { ComputedGrade, Group } from "./model";
import { schemeInForce } from "./schemes";

/** The office's confirmation of a period's grades as its card shows it: the rows, overrides in. */
export interface ConfirmationView {
  groupId: string;
  groupName: string;
  period: string;
  rows: ComputedGrade[];
  overrides: Map<string, { grade: string | null; reason: string }>;
  dimensionNames: Map<string, string>;
}

/**
 * A period's confirmation as it stands, or null when none was asked for. `pending` is an
 * override written with this very reply, not committed yet: shown as it will stand.
 */
export async function confirmationView(
  deps: { db: Database },
  input: { group: Group; period: string; pending?: { memberId: string; grade: string | null; reason: string } },
): Promise<ConfirmationView | null> {
  const { db } = deps;
  const { group, period } = input;
  const row = await confirmationOf(db, group.id, period);
  if (!row) return null;
  const { scheme } = await schemeInForce(db, group.id);
  const overrides = new Map<string, { grade: string | null; reason: string }>(await overridesOf(db, group.id, period));
  if (input.pending) overrides.set(input.pending.memberId, input.pending);
  return {
    groupId: group.id,
    groupName: group.name,
    period,
    rows: row.computed,
    overrides,
    dimensionNames: new Map(scheme.dimensions.map((d) => [d.key, d.name] as const)),
  };
}
