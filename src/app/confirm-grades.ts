import type { BatchItem, Database } from "../db/database";
import type { Group, Member } from "../db/schema";
import { isLeader } from "./authority";
import { confirmGrades, type ConfirmOutcome } from "./grade-confirmations";
import { addAdminWrites, isAdmin, listAdmins } from "./roles";
import { displayName } from "./scores";

export type ConfirmClickResult = { code: "not-office" } | ConfirmOutcome;

/**
 * 确认发布 on the office's 等次确认 card: the same as 确认等次, for the period the card shows. As with
 * 导出, the office confirms; in a tenant without an admin yet its first leader to click becomes one
 * (the writes that make them so go first). Only an active membership counts, as for a command.
 */
export async function confirmGradesByClick(
  db: Database,
  input: { group: Group; member: Member | undefined; by: string; period: string; now: Date },
): Promise<ConfirmClickResult> {
  const { group, by, now } = input;
  const member = input.member?.active ? input.member : undefined;
  const admin = await isAdmin(db, group, by);
  const first = !admin && isLeader(member) && !(await listAdmins(db, group)).length;
  if (!first && !admin) return { code: "not-office" };
  const outcome = await confirmGrades(db, { group, period: input.period, by, now });
  if (outcome.code !== "confirmed" || !first || !member) return outcome;
  const target = { userId: by, name: displayName(member) };
  const appointed: BatchItem[] = addAdminWrites(db, { group, by, target, now, reason: "first" });
  return { ...outcome, writes: [...appointed, ...outcome.writes] };
}
