/**
 * The people a command names, with any failure worded for the reply: the adapter between src/app/targets.ts
 * (codes) and the commands that quote the problem (cards/targets.ts words it).
 */
import type { Lang } from "../cards/kit";
import { targetProblemText, targetProblemsText } from "../cards/targets";
import type { Member } from "../src/app/model";
import * as app from "../src/app/targets";

type Args = Parameters<typeof app.resolveTarget>;

export async function resolveTarget(
  db: Args[0],
  group: Args[1],
  name: string,
  mentions: Args[3],
  lang: Lang,
): Promise<{ ok: true; member: Member } | { ok: false; problem: string }> {
  const r = await app.resolveTarget(db, group, name, mentions);
  return r.ok ? r : { ok: false, problem: targetProblemText(r.problem, lang) };
}

export async function resolveTargets(
  db: Args[0],
  group: Args[1],
  names: readonly string[],
  mentions: Args[3],
  lang: Lang,
): Promise<{ ok: true; members: Member[] } | { ok: false; problem: string }> {
  const r = await app.resolveTargets(db, group, names, mentions);
  return r.ok ? r : { ok: false, problem: targetProblemsText(r.problems, lang) };
}
