import { prng } from "../../bench/scoring";
import type { BatchItem, Database } from "../../src/db/database";
import { adjustments, awards, groups, members, ratings } from "../../src/db/schema";
import { larkChatId, larkOpenId } from "./ids";
import { groupIdFor, memberIdFor } from "../../src/db/ids";

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂";

export interface SeedOptions {
  tenantKey: string;
  groups: number;
  perGroup: number;
  months: string[];
  seed?: number;
  /** Dimension keys rated each month (the default scheme's: village, business, conduct). */
  leaves?: string[];
  /** Keeps ids apart when several tenants are seeded into one database. */
  prefix?: string;
  at: Date;
}

/**
 * A tenant of `groups` groups × `perGroup` people, each rated by the group's
 * leader on every leaf every month, with a bonus and an award here and there:
 * direct inserts in large batches, for tests and the export benchmark.
 */
export async function seedTenant(db: Database, o: SeedOptions) {
  const random = prng(o.seed ?? 7);
  const leaves = o.leaves ?? ["village", "business", "conduct"];
  const at = o.at;
  const x = o.prefix ?? "";
  const groupRows = Array.from({ length: o.groups }, (_, g) => ({
    id: groupIdFor("lark", larkChatId(`seed_${x}${g}`)),
    platform: "lark" as const,
    tenantKey: o.tenantKey,
    chatId: larkChatId(`seed_${x}${g}`),
    name: `第${g + 1}科室`,
    timezone: "Asia/Shanghai",
    createdAt: at,
  }));
  const memberRows = groupRows.flatMap((g, gi) => [
    {
      id: memberIdFor(g.id, larkOpenId(`${x}${gi}_leader`)),
      groupId: g.id,
      userId: larkOpenId(`${x}${gi}_leader`),
      name: `负责人${gi + 1}`,
      role: "leader" as const,
      coefficient: 1,
      createdAt: at,
    },
    ...Array.from({ length: o.perGroup }, (_, j) => ({
      id: memberIdFor(g.id, larkOpenId(`${x}${gi}_${j}`)),
      groupId: g.id,
      userId: larkOpenId(`${x}${gi}_${j}`),
      name: `${SURNAMES[Math.floor(random() * SURNAMES.length)]}${GIVEN[Math.floor(random() * GIVEN.length)]}${j}`,
      role: "staff" as const,
      coefficient: random() < 0.2 ? 1.042 : 1,
      position: random() < 0.5 ? "科员" : "办事员",
      createdAt: at,
    })),
  ]);
  const items: BatchItem[] = [];
  const chunk = <T>(rows: T[], size: number, insert: (part: T[]) => BatchItem) => {
    for (let i = 0; i < rows.length; i += size) items.push(insert(rows.slice(i, i + size)));
  };
  chunk(groupRows, 200, (part) => db.insert(groups).values(part));
  chunk(memberRows, 500, (part) => db.insert(members).values(part));
  const rated: (typeof ratings.$inferInsert)[] = [];
  const adjusted: (typeof adjustments.$inferInsert)[] = [];
  const awarded: (typeof awards.$inferInsert)[] = [];
  for (const month of o.months) {
    for (const m of memberRows) {
      if (m.role === "leader") continue;
      const leader = memberRows.find((l) => l.groupId === m.groupId && l.role === "leader")!.userId;
      for (const leaf of leaves) {
        rated.push({
          id: `rat_${month}_${m.id}_${leaf}`,
          groupId: m.groupId,
          period: month,
          memberId: m.id,
          dimension: leaf,
          raterGroup: "leader",
          raterUserId: leader,
          score: Math.round((60 + random() * 40) * 10) / 10,
          createdAt: at,
        });
      }
      if (random() < 0.1)
        adjusted.push({
          id: `adj_${month}_${m.id}`,
          groupId: m.groupId,
          period: month,
          memberId: m.id,
          dimension: leaves[0]!,
          points: 2,
          reason: "牵头完成防汛值班",
          byUserId: leader,
          createdAt: at,
        });
      if (random() < 0.02)
        awarded.push({
          id: `awd_${month}_${m.id}`,
          groupId: m.groupId,
          period: month,
          memberId: m.id,
          level: "county",
          reason: "获县级先进个人",
          byUserId: leader,
          createdAt: at,
        });
    }
  }
  chunk(rated, 500, (part) => db.insert(ratings).values(part));
  chunk(adjusted, 500, (part) => db.insert(adjustments).values(part));
  chunk(awarded, 500, (part) => db.insert(awards).values(part));
  // One batch per 200 statements keeps a single write from growing without bound.
  for (let i = 0; i < items.length; i += 200) await db.batch(items.slice(i, i + 200) as [BatchItem, ...BatchItem[]]);
  return { groups: groupRows, members: memberRows.filter((m) => m.role === "staff"), ratings: rated.length };
}
