import { eq } from "drizzle-orm";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { computeMonth } from "../../src/app/scores";
import { DEMO_GROUPS } from "../../src/channels/local/demo";
import { loadConfig } from "../../src/config";
import { goalPlans, goals, groups } from "../../src/db/schema";
import { localDate, monthOf } from "../../src/domain/dates";
import { previousMonth } from "../../src/domain/periods";
import { startNodeBot, type NodeBot } from "../../src/node/start";
import { silentLogger } from "../../src/bot/deps";

/**
 * The playground's demo history (issue 14: 「The playground demo includes a target bound to an indicator」): after the
 * real seeding, 业务一科's plan is approved and its target scores 单位业务 for everyone in the month just past.
 */
let dir: string;
let bot: NodeBot;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-demo-targets-"));
  bot = await startNodeBot(loadConfig({ PORT: "0", DATABASE_URL: `file:${join(dir, "demo.db")}` }), {
    log: silentLogger,
  });
}, 120_000);
afterAll(async () => {
  await bot?.close();
  await rm(dir, { recursive: true, force: true });
});

test("业务一科's target is in an approved, published plan and scores 单位业务 by the curve", async () => {
  const g2 = DEMO_GROUPS[1]!;
  const [group] = await bot.db.select().from(groups).where(eq(groups.chatId, g2.chatId));
  const [plan] = await bot.db.select().from(goalPlans).where(eq(goalPlans.groupId, group!.id));
  expect(plan).toMatchObject({ status: "approved", no: 1 });
  const [goal] = await bot.db.select().from(goals).where(eq(goals.groupId, group!.id));
  expect(goal).toMatchObject({ title: "走访辖区企业 40 家", dimension: "business", planId: plan!.id });
  const now = new Date();
  const month = previousMonth(monthOf(localDate(now, group!.timezone)));
  const scores = await computeMonth(bot.db, group!, month, now);
  expect(scores.result.members.length).toBe(g2.members.length);
  for (const m of scores.result.members) {
    const bound = scores.targets?.get(m.id);
    expect(bound?.map((b) => b.leaf)).toEqual(["business"]);
    expect(m.dimensions.business?.score).toBe(bound![0]!.score);
  }
}, 60_000);
