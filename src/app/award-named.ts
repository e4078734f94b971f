import type { Database } from "../db/database";
import type { IsoMonth } from "../domain/dates";
import type { Lang } from "../domain/lang";
import { displayName } from "../domain/names";
import { isLeader } from "./authority";
import { giveAward, type AwardResult } from "./awards";
import type { Group, Member } from "./model";
import type { Mention } from "./ports";
import { resolveTargets } from "./targets";

export type AwardNamedResult =
  | { ok: false; code: "leaders_only" }
  | { ok: false; code: "no_target"; problem: string }
  | (AwardResult & { names: string[] });

/** 奖励 @某人 …: a leader of the group records an award for the people named (or @mentioned). */
export async function awardNamed(
  deps: { db: Database },
  input: {
    group: Group;
    leader: Member;
    who: string[];
    mentions: readonly Mention[];
    lang: Lang;
    level: string;
    reason: string;
    month: IsoMonth;
    by: string;
    now: Date;
  },
): Promise<AwardNamedResult> {
  if (!isLeader(input.leader)) return { ok: false, code: "leaders_only" };
  const { group, level, reason, month, by, now } = input;
  const targets = await resolveTargets(deps.db, group, input.who, input.mentions, input.lang);
  if (!targets.ok) return { ok: false, code: "no_target", problem: targets.problem };
  const people = targets.members;
  const done = await giveAward(deps, { group, people, level, reason, month, by, now });
  return { ...done, names: people.map(displayName) };
}
