import { and, eq } from "drizzle-orm";
import type { Lang } from "../../cards/kit";
import { t } from "../../cards/kit";
import type { Mention } from "../bot/update";
import type { Database } from "../db/database";
import { members, type Group, type Member } from "../db/schema";

/**
 * Who a leader's command is about: "@张三" as a real mention (Lark gives the
 * person's id), or a name typed by hand (as WeChat users do), matched against
 * the group's members: exact name first, then a unique prefix.
 */
export type TargetResult = { ok: true; member: Member } | { ok: false; problem: string };

/** Splits leading "@name" tokens off the text: "@张三 业务 90" → ["张三"], ["业务", "90"]. */
export function splitTargets(text: string): { names: string[]; words: string[] } {
  const tokens = text.trim().split(/\s+/u).filter(Boolean);
  const names: string[] = [];
  while (tokens[0] && /^[@＠]/u.test(tokens[0])) names.push(tokens.shift()!.slice(1));
  return { names: names.filter(Boolean), words: tokens };
}

export async function resolveTarget(db: Database, group: Group, name: string, mentions: readonly Mention[], lang: Lang): Promise<TargetResult> {
  const people = await db.select().from(members).where(and(eq(members.groupId, group.id), eq(members.active, true)));
  const mentioned = mentions.find((m) => m.name === name);
  if (mentioned) {
    const hit = people.find((p) => p.userId === mentioned.userId);
    return hit ? { ok: true, member: hit } : { ok: false, problem: t(lang, `${name} 不是本群的考核成员`, `${name} is not a member of this group`) };
  }
  const exact = people.filter((p) => p.name === name);
  if (exact.length === 1) return { ok: true, member: exact[0]! };
  const prefix = exact.length ? exact : people.filter((p) => p.name && p.name.startsWith(name));
  if (prefix.length === 1) return { ok: true, member: prefix[0]! };
  if (prefix.length > 1) {
    const names = prefix.slice(0, 8).map((p) => p.name).join("、");
    return { ok: false, problem: t(lang, `「${name}」对应多人：${names}。请 @ 具体的人`, `“${name}” matches several people: ${names}. Please @mention one`) };
  }
  return { ok: false, problem: t(lang, `群里没有「${name}」。请 @ 要打分的人`, `Nobody called “${name}” here. Please @mention the person`) };
}
