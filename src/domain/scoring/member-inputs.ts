/**
 * Indexes a period's inputs by member in one pass, so scoring a member never scans the whole
 * list again (10,000 members × 20 ratings stays linear).
 */
import type { SchemeIndex } from "../scheme/tree";
import type { AdjustmentEntry } from "./dimension";
import type { ExtraEntry } from "./extra";
import type { PeriodInputs } from "./inputs";
import type { RatingEntry } from "./leaf";

export interface MemberInputs {
  /** leaf key → rater group → ratings */
  ratings: Map<string, Map<string, RatingEntry[]>>;
  /** top-level key → adjustments (nested targets already moved up to their top-level ancestor) */
  adjustments: Map<string, AdjustmentEntry[]>;
  awards: { level: string; reason: string }[];
  extras: ExtraEntry[];
}

const empty = (): MemberInputs => ({ ratings: new Map(), adjustments: new Map(), awards: [], extras: [] });

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Throws on references parsePeriodInputs would have rejected: computing on them would silently
 * drop someone's rating.
 */
export function groupByMember(tree: SchemeIndex, inputs: PeriodInputs): Map<string, MemberInputs> {
  const byMember = new Map<string, MemberInputs>();
  for (const m of inputs.members) byMember.set(m.id, empty());
  const of = (member: string, what: string) => {
    const found = byMember.get(member);
    if (!found) throw new Error(`${what}: unknown member ${member} (validate with parsePeriodInputs)`);
    return found;
  };

  for (const r of inputs.ratings) {
    const target = of(r.member, "rating").ratings;
    if (!tree.byKey.get(r.dimension)?.isLeaf) throw new Error(`rating: ${r.dimension} is not a leaf of the scheme`);
    let groups = target.get(r.dimension);
    if (!groups) target.set(r.dimension, (groups = new Map()));
    push(groups, r.rater, r.by === undefined ? { score: r.score } : { score: r.score, by: r.by });
  }
  for (const a of inputs.adjustments) {
    const top = tree.byKey.get(a.dimension)?.top;
    if (!top) throw new Error(`adjustment: unknown dimension ${a.dimension}`);
    push(of(a.member, "adjustment").adjustments, top.key, { points: a.points, reason: a.reason, target: a.dimension });
  }
  for (const a of inputs.awards) of(a.member, "award").awards.push({ level: a.level, reason: a.reason });
  for (const e of inputs.extras) of(e.member, "extra").extras.push({ points: e.points, reason: e.reason });
  return byMember;
}
