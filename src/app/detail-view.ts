import type { Database } from "../db/database";
import type { IsoMonth } from "../domain/dates";
import { isLeader } from "./authority";
import { detailOf, type DetailOf } from "./detail";
import type { Group, Member } from "./model";
import type { Mention } from "./ports";
import { resolveTarget, type TargetProblem } from "./targets";

export type PersonDetailResult =
  | { ok: false; code: "no_target"; problem: TargetProblem }
  | { ok: false; code: "own_only" }
  | { ok: true; code: "detail"; subject: Member; months: DetailOf[] };

/**
 * 明细 [@某人]: the trail behind the months asked for, of the sender or (leaders only) of someone
 * else in the group.
 */
export async function personDetail(
  deps: { db: Database },
  input: {
    group: Group;
    member: Member;
    who: string | undefined;
    mentions: readonly Mention[];
    months: IsoMonth[];
    now: Date;
  },
): Promise<PersonDetailResult> {
  const { db } = deps;
  const { group, member } = input;
  let subject = member;
  if (input.who) {
    const target = await resolveTarget(db, group, input.who, input.mentions);
    if (!target.ok) return { ok: false, code: "no_target", problem: target.problem };
    if (target.member.id !== member.id && !isLeader(member)) return { ok: false, code: "own_only" };
    subject = target.member;
  }
  const months: DetailOf[] = [];
  for (const month of input.months) months.push(await detailOf(db, group, subject, month, input.now));
  return { ok: true, code: "detail", subject, months };
}
