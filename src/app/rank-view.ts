import type { Database } from "../db/database";
import type { IsoMonth } from "../domain/dates";
import { previousMonth } from "../domain/periods";
import { visibleRows } from "../domain/ranking";
import type { RankingVisibility } from "../domain/scheme";
import { isLeader } from "./authority";
import { rankingImage } from "./images";
import type { Group, Member } from "./model";
import type { ImageSpec } from "../outbox/message";
import { computeMonth } from "./scores";

export interface RankRow {
  rank: number;
  name: string;
  total: number;
  grade: string | null;
  me: boolean;
}

export interface GroupRanking {
  month: IsoMonth;
  rows: RankRow[];
  headcount: number;
  visibility: RankingVisibility | "leader";
  /** The viewer's own place, for staff (leaders see every row). */
  myPlace?: RankRow;
  /** The table as a picture, for channels without cards (WeChat). */
  image?: ImageSpec;
}

/** 排名: the group's month as the scheme's rankingVisibility lets this member see it; leaders see all. */
export async function groupRanking(
  deps: { db: Database; platform: string },
  input: { group: Group; member: Member; month: IsoMonth; now: Date },
): Promise<GroupRanking> {
  const { group, member, month, now } = input;
  const { inForce, result } = await computeMonth(deps.db, group, month, now);
  const all = result.members.map((m) => ({
    rank: m.rank,
    name: m.name,
    total: m.total,
    grade: m.grade,
    me: m.id === member.id,
  }));
  const mine = all.find((r) => r.me);
  const leader = isLeader(member);
  const visibility = leader ? "leader" : inForce.scheme.rankingVisibility;
  const rows = visibleRows(all, visibility);
  const image =
    deps.platform === "wechat" && rows.length ? await pictureOf(deps.db, input, result, rows.length) : undefined;
  return {
    month,
    rows,
    headcount: result.headcount,
    visibility,
    ...(mine && !leader ? { myPlace: mine } : {}),
    ...(image ? { image } : {}),
  };
}

type MonthResult = Awaited<ReturnType<typeof computeMonth>>["result"];

/** WeChat shows no cards: the table goes as a picture first (as the monthly broadcast does), with each place's movement. */
async function pictureOf(
  db: Database,
  input: { group: Group; month: IsoMonth; now: Date },
  result: MonthResult,
  shown: number,
) {
  const { group, month } = input;
  const earlier = await computeMonth(db, group, previousMonth(month), input.now);
  const before = new Map(earlier.result.members.map((m) => [m.id, m.rank]));
  return rankingImage({
    groupName: group.name,
    month,
    headcount: result.headcount,
    average: result.members.reduce((n, m) => n + m.total, 0) / result.members.length,
    rows: result.members.slice(0, shown).map((m) => ({
      rank: m.rank,
      name: m.name,
      total: m.total,
      grade: m.grade,
      movement: before.has(m.id) ? before.get(m.id)! - m.rank : null,
    })),
  });
}
