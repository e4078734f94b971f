import type { Database } from "../db/database";
import type { Group, Member } from "../db/schema";
import type { IsoMonth } from "../domain/dates";
import { awardLabel } from "../domain/scheme";
import type { Writes } from "./audit";
import { schemeInForce } from "./schemes";
import { awardWrites } from "./scores";

/** "国家级", "国家", "national" → national; the scheme decides which levels exist. */
export function matchAwardLevel(levels: readonly string[], typed: string): string | undefined {
  const q = typed.trim().toLowerCase();
  return levels.find(
    (l) => l === q || awardLabel(l) === typed || awardLabel(l).replace(/级$/, "") === typed.replace(/级$/, ""),
  );
}

export type AwardResult =
  | { ok: false; code: "level_unknown"; levels: { level: string; points: number }[] }
  | {
      ok: true;
      code: "awarded";
      level: string;
      points: number;
      /** The 附加分 cap awards share, where they share one. */
      extraCap?: number;
      /** Rules 2 (篇5 line 99): awards are added in full, outside the 附加分 cap. */
      outsideCap: boolean;
      writes: Writes;
    };

/** 奖励: a leader records an award (国家级/省级/市级/县级) for one or more people, worth the scheme's points. */
export async function giveAward(
  deps: { db: Database },
  input: { group: Group; people: Member[]; level: string; reason: string; month: IsoMonth; by: string; now: Date },
): Promise<AwardResult> {
  const { db } = deps;
  const { scheme } = await schemeInForce(db, input.group.id);
  const levels = Object.keys(scheme.awards);
  const level = matchAwardLevel(levels, input.level);
  if (!level)
    return { ok: false, code: "level_unknown", levels: levels.map((l) => ({ level: l, points: scheme.awards[l]! })) };
  const writes = input.people.flatMap((member) =>
    awardWrites(db, {
      group: input.group,
      month: input.month,
      member,
      level,
      reason: input.reason,
      by: input.by,
      now: input.now,
    }),
  );
  const points = scheme.awards[level]!;
  const outsideCap = scheme.rules === 2;
  return { ok: true, code: "awarded", level, points, extraCap: scheme.extraCap, outsideCap, writes };
}
