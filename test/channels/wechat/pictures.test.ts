import { describe, expect, test } from "vitest";
import { manualClock } from "../../support/bot-harness";
import { WX, useWechatWorld, type TestDatabase, type WechatWorld } from "../../support/wechat-harness";

/** 排名 and 成绩 asked in WeChat answer with the picture first, then the text, as the monthly broadcast does. */
const clock = manualClock("2026-11-27T02:00:00Z");
let world: WechatWorld;
let database: TestDatabase;
useWechatWorld((w) => ({ world, database } = w), { clock });

/** The PNGs the bot sent, in order, with their size (read from the PNG header). */
const pictures: { to: string; width: number; height: number }[] = [];

async function rateEveryone() {
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

async function ask(who: "leader" | "zhang", text: string, where: "room" | "private" = "room") {
  const before = world.sent.length;
  if (where === "room") await world.inRoom(who, text, { mentionBot: true });
  else await world.privately(who, text);
  await world.settle();
  await world.sentCount(before + 2);
  await world.settle();
  return world.sent.slice(before);
}

describe("pictures on demand in WeChat", () => {
  test("setup: a month with scores", async () => {
    world.wechaty.on("message", async (m) => {
      if (!m.self() || m.type() !== world.wechaty.Message.Type.Image) return;
      const png = await (await m.toFileBox()).toBuffer();
      pictures.push({
        to: m.room()?.id ?? m.listener()?.id ?? "",
        width: png.readUInt32BE(16),
        height: png.readUInt32BE(20),
      });
    });
    await world.inRoom("zhang", "日报 起草年终总结", { mentionBot: true });
    await world.settle();
    await rateEveryone();
    expect(database).toBeDefined();
  });

  test("排名 in the room: the ranking picture at 2× (1440 px wide), then the text", async () => {
    const said = await ask("leader", "排名");
    expect(said.map((m) => [m.to, m.image])).toEqual([
      [WX.room.id, true],
      [WX.room.id, false],
    ]);
    expect(said[1]!.text).toMatch(/1\s+张三\s+95\.00/);
    await expect.poll(() => pictures.length).toBe(1);
    expect(pictures[0]).toMatchObject({ to: WX.room.id, width: 1440 });
    expect(pictures[0]!.height).toBeGreaterThan(800); // header, column titles and three rows, at 2×
  });

  test("成绩 and 成绩单 in the room: the score sheet picture, then the text", async () => {
    for (const word of ["成绩", "成绩单"]) {
      const said = await ask("zhang", word);
      expect(said.map((m) => [m.to, m.image])).toEqual([
        [WX.room.id, true],
        [WX.room.id, false],
      ]);
      expect(said[1]!.text).toContain("95.00");
    }
    await expect.poll(() => pictures.length).toBe(3);
    expect(pictures.slice(1).every((p) => p.width === 1440)).toBe(true);
  });

  test("成绩 in private chat: the picture and the text come to the person", async () => {
    const said = await ask("zhang", "成绩", "private");
    expect(said.map((m) => [m.to, m.image])).toEqual([
      [WX.zhang.id, true],
      [WX.zhang.id, false],
    ]);
  });

  test("nothing to show, no picture: 成绩 before anyone rated me is text only", async () => {
    clock.set("2026-12-03T02:00:00Z"); // a new month, nobody rated yet
    const before = world.sent.length;
    await world.inRoom("zhang", "成绩", { mentionBot: true });
    await world.settle();
    await world.sentCount(before + 1);
    await world.settle();
    expect(world.sent.slice(before).map((m) => m.image)).toEqual([false]);
  });
});
