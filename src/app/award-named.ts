import type { Database } from "../db/database";
import type { IsoMonth } from "../domain/dates";
import { displayName } from "../domain/names";
import { isLeader } from "./authority";
import { giveAward, type AwardResult } from "./awards";
import type { Group, Member } from "./model";
import type { Mention } from "./ports";
import { resolveTargets, type TargetProblem } from "./targets";

export type AwardNamedResult =
  | { ok: false; code: "leaders_only" }
  | { ok: false; code: "no_target"; problems: TargetProblem[] }
  | (AwardResult & { names: string[] });

/** 奖励 @某人 …: a leader of the group records an award for the people named (or @mentioned). */
export async function awardNamed(
  deps: { db: Database },
  input: {
    group: Group;
    leader: Member;
    who: string[];
    mentions: readonly Mention[];
    level: string;
    reason: string;
    month: IsoMonth;
    by: string;
    now: Date;
  },
): Promise<AwardNamedResult> {
  if (!isLeader(input.leader)) return { ok: false, code: "leaders_only" };
  const { group, level, reason, month, by, now } = input;
  const targets = await resolveTargets(deps.db, group, input.who, input.mentions);
  if (!targets.ok) return { ok: false, code: "no_target", problems: targets.problems };
  const people = targets.members;
  const done = await giveAward(deps, { group, people, level, reason, month, by, now });
  return { ...done, names: people.map(displayName) };
}
