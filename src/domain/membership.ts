/**
 * People joining or leaving a group's chat, as the platform announces them (Lark's 用户进群 /
 * 用户出群 / 撤销拉用户进群, WeChat's room-join / room-leave): what becomes of each membership.
 * The member rows keep their history: nobody is deleted, someone who leaves keeps the day they
 * left (the months that begin before it still count them), someone who comes back gets the same
 * row again. Pure: the app layer reads the rows and writes what this decides.
 */

/** Someone the platform names in a join or leave. */
export interface ChatPerson {
  userId: string;
  name: string;
  /**
   * Someone of another organisation (a Lark user of another tenant in an external chat): not a
   * member of this unit, so never put on its roster nor expected to record.
   */
  external?: boolean;
}

/** A membership as stored, as far as joining and leaving read it. */
export interface KnownMember {
  id: string;
  userId: string;
  name: string;
  active: boolean;
  leftOn: string | null;
  /** Set when the roster moved the person to another group (部门调动). */
  movedTo: string | null;
}

export interface JoinPlan {
  /** New to this group: a row to add. */
  add: ChatPerson[];
  /** Left the chat before and are back: the same row active again, its leave day cleared. */
  back: { member: KnownMember; name: string }[];
  /** Already on the roster; only their name changes (it was empty or is different now). */
  renamed: { member: KnownMember; name: string }[];
  /**
   * Moved to another group by the roster: back in this chat changes no department (the roster
   * decides where someone is scored), as the member read leaves them moved.
   */
  stayMoved: KnownMember[];
  /** Of another organisation: left off the roster. */
  external: ChatPerson[];
  /** Already active here under the same name: nothing to do (a repeated event). */
  present: KnownMember[];
}

/** Someone named twice in one event counts once (the first time). */
function distinct<T extends { userId: string }>(people: readonly T[]): T[] {
  const seen = new Set<string>();
  return people.filter((p) => p.userId && !seen.has(p.userId) && seen.add(p.userId));
}

export function planJoin(known: readonly KnownMember[], people: readonly ChatPerson[]): JoinPlan {
  const byUser = new Map(known.map((m) => [m.userId, m]));
  const plan: JoinPlan = { add: [], back: [], renamed: [], stayMoved: [], external: [], present: [] };
  for (const person of distinct(people)) {
    const member = byUser.get(person.userId);
    // Someone of another organisation already on the roster (they wrote before) is left as they are.
    if (person.external && !member) plan.external.push(person);
    else if (!member) plan.add.push(person);
    else if (!member.active && member.movedTo) plan.stayMoved.push(member);
    else if (!member.active) plan.back.push({ member, name: person.name || member.name });
    else if (person.name && person.name !== member.name) plan.renamed.push({ member, name: person.name });
    else plan.present.push(member);
  }
  return plan;
}

export interface LeavePlan {
  /** Active here until now: inactive from `leftOn` on, rows and records kept. */
  leave: KnownMember[];
  /** Already inactive (moved by the roster, or a repeated event): their leave day stays as it is. */
  gone: KnownMember[];
  /** Never on this group's roster. */
  unknown: string[];
}

export function planLeave(known: readonly KnownMember[], userIds: readonly string[]): LeavePlan {
  const byUser = new Map(known.map((m) => [m.userId, m]));
  const plan: LeavePlan = { leave: [], gone: [], unknown: [] };
  for (const { userId } of distinct(userIds.map((userId) => ({ userId })))) {
    const member = byUser.get(userId);
    if (!member) plan.unknown.push(userId);
    else if (member.active) plan.leave.push(member);
    else plan.gone.push(member);
  }
  return plan;
}
