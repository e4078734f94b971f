import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { appeals, outbox } from "../../../src/db/schema";
import { runDueJobs } from "../../../src/jobs/run";
import { pendingCount } from "../../../src/outbox/deliver";
import { silentLogger } from "../../../src/bot/deps";
import { manualClock } from "../../support/bot-harness";
import { openTestDatabase } from "../../support/db";
import { WX, startWechatWorld, type WechatWorld } from "../../support/wechat-harness";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.dispose());

async function rateEveryone(world: WechatWorld) {
  for (const [who, score] of [
    ["zhang", 95],
    ["li", 85],
    ["wang", 75],
  ] as const) {
    for (const dim of ["联村", "业务", "作风"]) {
      await world.inRoom("leader", `评分 @${WX[who].name} ${dim} ${score}`, { mentionBot: true, mentions: [who] });
    }
  }
  await world.settle();
}

describe("the monthly ranking in a WeChat room", () => {
  let world: WechatWorld;
  const clock = manualClock("2026-11-27T02:00:00Z");
  afterAll(() => world.stop());

  test("reaches the room as an image followed by the text, and each person privately", async () => {
    world = await startWechatWorld(database.db, { clock });
    await world.inRoom("zhang", "日报 起草年终总结", { mentionBot: true });
    await world.settle();
    await rateEveryone(world);
    const runs = await runDueJobs(
      { db: database.db, clock, log: silentLogger },
      new Date("2026-12-01T01:05:00Z"),
      "monthly-ranking",
    );
    expect(runs.find((r) => r.kind === "monthly-ranking" && r.period === "2026-11")?.queued).toBe(5); // image + text to the room, one each privately
    const before = world.sent.length;
    await world.bridge.drain();
    await world.sentCount(before + 4);
    const toRoom = world.sent.slice(before).filter((m) => m.to === WX.room.id);
    expect(toRoom.map((m) => m.image)).toEqual([true, false]);
    expect(toRoom[1]!.text).toContain("11 月考核排名");
    expect(toRoom[1]!.text).toMatch(/1\s+张三\s+95\.00/);
    expect(world.sent.slice(before).find((m) => m.to === WX.zhang.id)!.text).toContain("第 1 / 3 名");
    expect(await pendingCount(database.db, "wechat")).toBe(0);
    // 王五 is not the bot's friend: his private message is parked at once, with the reason, not retried.
    const [toWang] = await database.db.select().from(outbox).where(eq(outbox.receiveId, WX.wang.id));
    expect(toWang).toMatchObject({ status: "parked", attempts: 1 });
    expect(toWang!.lastError).toContain("not a WeChat friend");
  });

  test("a quarterly report card reaches each person privately as an image, then its text", async () => {
    const before = world.sent.length;
    const runs = await runDueJobs(
      { db: database.db, clock, log: silentLogger },
      new Date("2027-01-04T02:00:00Z"),
      "quarterly-report",
    );
    expect(runs.find((r) => r.kind === "quarterly-report")?.queued).toBeGreaterThan(0);
    await world.bridge.drain();
    await world.sentCount(before + 4);
    const toZhang = world.sent.slice(before).filter((m) => m.to === WX.zhang.id);
    expect(toZhang.map((m) => m.image)).toEqual([true, false]);
    expect(toZhang[1]!.text).toContain("成绩单");
  });

  test("an appeal reaches the leader with its number, and 「更正申诉 N 维度 分值 理由」 amends it", async () => {
    clock.set("2027-01-05T02:00:00Z");
    await world.privately("zhang", "申诉 11月联村工作的秋收调度加分没有计入");
    await world.settle();
    const toLeader = world.sent.filter((m) => m.to === WX.leader.id).at(-1)!;
    expect(toLeader.text).toContain("回复「维持申诉 1 理由」或「更正申诉 1 维度 加减分 理由」");
    await world.privately("leader", "更正申诉 1 联村 零 秋收漏计");
    await world.settle();
    expect(world.sent.filter((m) => m.to === WX.leader.id).at(-1)!.text).toContain("更正需选择维度并填写加减分");
    await world.privately("leader", "更正申诉 1 联村 1 秋收调度加分漏计");
    await world.settle();
    expect(world.sent.filter((m) => m.to === WX.leader.id).at(-1)!.text).toContain("已更正，成绩单将重发");
    const [row] = await database.db.select().from(appeals);
    expect(row).toMatchObject({ no: 1, status: "amended" });
    expect(world.sent.filter((m) => m.to === WX.zhang.id).some((m) => m.text.includes("已更正（联村工作 +1）"))).toBe(
      true,
    );
  });
});

describe("a bridge restart", () => {
  test("keeps what was queued and sends each message once", async () => {
    const database = await openTestDatabase();
    // One message a second: the stop below lands while the rest wait their turn.
    const first = await startWechatWorld(database.db, { sendIntervalMs: 1000 });
    const texts = ["日报 甲", "日报 乙", "日报 丙", "日报 丁"];
    const firstSend = first.sentCount(1);
    for (const text of texts) await first.inRoom("li", text, { mentionBot: true });
    await firstSend;
    await first.stop();
    const left = await pendingCount(database.db, "wechat");
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(texts.length);

    const second = await startWechatWorld(database.db, { sendIntervalMs: 20 });
    try {
      await second.bridge.drain();
      await second.sentCount(left);
      expect(await pendingCount(database.db, "wechat")).toBe(0);
      const answers = [...first.sent, ...second.sent]
        .filter((m) => /已记录/.test(m.text))
        .map((m) => m.text.split("\n")[2]);
      expect(answers.sort()).toEqual(["丁", "丙", "乙", "甲"].sort());
      const rows = await database.db.select().from(outbox).where(eq(outbox.channel, "wechat"));
      expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    } finally {
      await second.stop();
      await database.dispose();
    }
  });
});
