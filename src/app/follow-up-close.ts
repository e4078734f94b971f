import type { Database } from "../db/database";
import { isLeader } from "./authority";
import { closeFollowUp, groupPeople, type CloseOutcome } from "./follow-ups";
import type { Group, Member } from "./model";

export type CloseByCommandResult = { code: "leaders_only" } | (CloseOutcome & { people: Member[] });

/**
 * 销号 <编号>: a leader of the group closes an item by its number. The group's people come back
 * for the reply, which names who the item is about.
 */
export async function closeFollowUpByNo(
  deps: { db: Database },
  input: { group: Group; member: Member; no: number; note: string; by: string; now: Date },
): Promise<CloseByCommandResult> {
  if (!isLeader(input.member)) return { code: "leaders_only" };
  const { group, no, note, by, now } = input;
  const outcome = await closeFollowUp(deps.db, { group, no, note, by, now });
  return { ...outcome, people: await groupPeople(deps.db, group.id) };
}
