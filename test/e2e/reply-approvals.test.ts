import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { claims } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z" });
  await h.addBotToOffice();
});
afterAll(() => h.close());

const lastTo = (openId: string) => JSON.stringify(h.lark.mock.sentMessages({ openId }).at(-1)?.parsed ?? null);

test("in Lark too, a leader can decide by reply command with the claim's number in the group", async () => {
  await h.say(ZHANG.openId, "申报 加分 联村 2 牵头完成秋收调度，提前三天完成");
  await h.say(ZHANG.openId, "申报 加分 作风 1 连续两周义务值守服务点");
  await h.bot.idle();
  const rows = await h.bot.db.select().from(claims);
  expect(rows.map((c) => c.no).sort()).toEqual([1, 2]);

  await h.say(LEADER.openId, "调整 2 0.5 按实际值守天数计", { chatType: "p2p" });
  await h.bot.idle();
  // The answer is the approval card as it now reads (the copy sent earlier is updated in place too).
  expect(lastTo(LEADER.openId)).toContain("已调整 · 李主任");
  expect(lastTo(LEADER.openId)).toContain("调整为 0.5 分");
  const [adjusted] = await h.bot.db.select().from(claims).where(eq(claims.no, 2));
  expect(adjusted!.status).toBe("approved");

  await h.say(LEADER.openId, "同意 x", { chatType: "p2p" });
  await h.bot.idle();
  expect(lastTo(LEADER.openId)).toContain("请写上申报编号");
});
