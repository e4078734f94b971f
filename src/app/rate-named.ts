import type { Database } from "../db/database";
import type { IsoMonth } from "../domain/dates";
import { displayName } from "../domain/names";
import { isLeader } from "./authority";
import type { Group, Member } from "./model";
import type { Mention } from "./ports";
import { rateMember, type RateResult } from "./ratings";
import { resolveTarget, type TargetProblem } from "./targets";

export type RateNamedResult =
  | { ok: false; code: "leaders_only" }
  | { ok: false; code: "no_target"; problem: TargetProblem }
  | (RateResult & { who: string });

/** 评分 @某人 …: a leader of the group rates the person named (or @mentioned) in it. */
export async function rateNamed(
  deps: { db: Database },
  input: {
    group: Group;
    rater: Member;
    who: string;
    mentions: readonly Mention[];
    item: string;
    score: number;
    comment?: string;
    month: IsoMonth;
    by: string;
    now: Date;
  },
): Promise<RateNamedResult> {
  if (!isLeader(input.rater)) return { ok: false, code: "leaders_only" };
  const { group, item, score, comment, month, by, now } = input;
  const target = await resolveTarget(deps.db, group, input.who, input.mentions);
  if (!target.ok) return { ok: false, code: "no_target", problem: target.problem };
  const member = target.member;
  const done = await rateMember(deps, { group, member, item, score, comment, month, by, now });
  return { ...done, who: displayName(member) };
}
