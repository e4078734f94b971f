import { and, eq } from "drizzle-orm";
import type { Mention } from "./ports";
import type { Database } from "../db/database";
import { members, type Group, type Member } from "../db/schema";

/**
 * Who a leader's command is about: "@张三" as a real mention (Lark gives the
 * person's id), or a name typed by hand (as WeChat users do), matched against
 * the group's members: exact name first, then a unique prefix. Answers are
 * codes (issue 17); cards/targets.ts words them.
 */

/** Why a name did not resolve (cards/targets.ts says it in the user's language). */
export type TargetProblem =
  /** A mention of someone who is not an appraised member of this group. */
  | { code: "not-member"; name: string }
  /** Several members share the typed name exactly: only a mention can tell them apart. */
  | { code: "namesake"; name: string; count: number }
  /** The typed name begins several members' names. */
  | { code: "ambiguous"; name: string; candidates: string[] }
  | { code: "not-found"; name: string };

export type TargetResult = { ok: true; member: Member } | { ok: false; problem: TargetProblem };
export type TargetsResult = { ok: true; members: Member[] } | { ok: false; problems: TargetProblem[] };

/** Most people one 加分/扣分/奖励 may name: a whole team (同奖同赔), not the whole unit by accident. */
export const MAX_TARGETS = 20;

/** Candidates listed when a typed name is ambiguous. */
const MAX_CANDIDATES = 8;

/** Splits leading "@name" tokens off the text: "@张三 业务 90" → ["张三"], ["业务", "90"]. */
export function splitTargets(text: string): { names: string[]; words: string[] } {
  const tokens = text.trim().split(/\s+/u).filter(Boolean);
  const names: string[] = [];
  while (tokens[0] && /^[@＠]/u.test(tokens[0])) names.push(tokens.shift()!.slice(1));
  return { names: names.filter(Boolean), words: tokens };
}

/**
 * Matches one typed name. A mention wins over a typed name because it carries
 * the person's id; `used` holds mentions already taken, so two people who
 * share a display name and are both @mentioned resolve to two people.
 */
export function matchTarget(
  people: readonly Member[],
  name: string,
  mentions: readonly Mention[],
  used: Set<Mention> = new Set(),
): TargetResult {
  const mentioned = mentions.find((m) => m.name === name && !used.has(m));
  if (mentioned) {
    used.add(mentioned);
    const hit = people.find((p) => p.userId === mentioned.userId);
    return hit ? { ok: true, member: hit } : { ok: false, problem: { code: "not-member", name } };
  }
  const exact = people.filter((p) => p.name === name);
  if (exact.length === 1) return { ok: true, member: exact[0]! };
  // Namesakes cannot be told apart by typing: only a mention (an id) can.
  if (exact.length > 1) return { ok: false, problem: { code: "namesake", name, count: exact.length } };
  const prefix = people.filter((p) => p.name && p.name.startsWith(name));
  if (prefix.length === 1) return { ok: true, member: prefix[0]! };
  if (prefix.length > 1) {
    const candidates = [...new Set(prefix.map((p) => p.name!))].slice(0, MAX_CANDIDATES);
    return { ok: false, problem: { code: "ambiguous", name, candidates } };
  }
  return { ok: false, problem: { code: "not-found", name } };
}

function activeMembers(db: Database, group: Group) {
  return db
    .select()
    .from(members)
    .where(and(eq(members.groupId, group.id), eq(members.active, true)));
}

export async function resolveTarget(
  db: Database,
  group: Group,
  name: string,
  mentions: readonly Mention[],
): Promise<TargetResult> {
  return matchTarget(await activeMembers(db, group), name, mentions);
}

/**
 * Several people at once (加分/扣分/奖励 for a team): all of them must
 * resolve, or nothing is written and every name that failed is listed.
 * Naming the same person twice counts them once.
 */
export async function resolveTargets(
  db: Database,
  group: Group,
  names: readonly string[],
  mentions: readonly Mention[],
): Promise<TargetsResult> {
  const people = await activeMembers(db, group);
  const used = new Set<Mention>();
  const found = new Map<string, Member>();
  const problems: TargetProblem[] = [];
  for (const name of names) {
    const r = matchTarget(people, name, mentions, used);
    if (r.ok) found.set(r.member.id, r.member);
    else problems.push(r.problem);
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, members: [...found.values()] };
}
