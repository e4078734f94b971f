import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OFFICE, startHarness, type Harness } from "../../support/bot-harness";
import { WX, startWechatWorld, type WechatWorld } from "../../support/wechat-harness";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;

let h: Harness;
let world: WechatWorld;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-09-10T02:00:00Z" });
  await h.addBotToOffice();
  // The Lark bot and the WeChat bridge share one database, as two processes on one machine do.
  world = await startWechatWorld(h.bot.db, { clock: h.clock });
});
afterAll(async () => {
  await world.stop();
  await h.close();
});

/** The 6-digit code in the bot's latest Lark message to a chat or person. */
async function codeFrom(where: { chatId?: string; openId?: string }): Promise<string> {
  await h.bot.idle();
  const code = /绑定码 (\d{6})/.exec(JSON.stringify(h.lark.mock.sentMessages(where).at(-1)!.parsed))?.[1];
  expect(code).toBeDefined();
  return code!;
}

describe("a report card re-issued by 更正 in a group served by a linked WeChat room", () => {
  test("reaches the linked WeChat room and the member who linked their WeChat, as the quarterly report did", async () => {
    await h.say(LEADER.openId, "绑定码");
    await world.inRoom("leader", `绑定 ${await codeFrom({ chatId: OFFICE.chatId })}`, { mentionBot: true });
    await world.settle();
    expect(world.sent.at(-1)!.text).toContain("本群已与");
    await h.say(ZHANG.openId, "绑定码", { chatType: "p2p" });
    await world.privately("zhang", `绑定 ${await codeFrom({ openId: ZHANG.openId })}`);
    await world.settle();
    expect(world.sent.at(-1)!.text).toContain("你的微信已绑定到");

    for (const [person, score] of [
      [ZHANG, 90],
      [LI, 80],
    ] as const) {
      for (const dim of ["联村", "业务", "作风"])
        await h.say(LEADER.openId, `评分 @${person.name} ${dim} ${score}`, { mentions: [person] });
    }
    await h.bot.idle();
    // The quarter is reported, its window closes, and it becomes final: only 更正 changes it now.
    await h.bot.runJobs(new Date("2026-10-08T01:05:00Z"));
    await h.bot.runJobs(new Date("2026-10-13T01:00:00Z"));
    await h.bot.idle();
    await world.bridge.drain();
    await world.settle();
    const before = world.sent.length;

    h.clock.set("2026-10-13T02:00:00Z");
    await h.say(LEADER.openId, "更正 2026-Q3 @张三 联村 2 复核发现防汛值班漏记", { mentions: [ZHANG] });
    await h.bot.idle();
    await world.bridge.drain();
    await world.settle();
    const after = world.sent.slice(before);
    // The group's summary, with 张三's corrected total, in the linked room as on Lark.
    const inRoom = after.filter((m) => m.to === WX.room.id && !m.image).map((m) => m.text);
    expect(inRoom.some((t) => t.includes("第三季度考核结果") && t.includes("张三（92.00 分）"))).toBe(true);
    expect(
      h.lark.mock
        .sentMessages({ chatId: OFFICE.chatId })
        .some((m) => JSON.stringify(m.parsed).includes("张三（92.00 分）")),
    ).toBe(true);
    // 张三 linked his WeChat: his corrected card reaches him there (image, then text), and not on Lark.
    const zhangHears = after.filter((m) => m.to === WX.zhang.id);
    expect(zhangHears.map((m) => m.image)).toEqual([true, false]);
    expect(zhangHears[1]!.text).toContain("更正版 2");
    expect(zhangHears[1]!.text).toContain("92.00 分");
    const onLark = (openId: string) =>
      h.lark.mock
        .sentMessages({ openId })
        .map((m) => JSON.stringify(m.parsed))
        .filter((m) => m.includes("更正版 2"));
    expect(onLark(ZHANG.openId)).toHaveLength(0);
    // 李四, not linked, hears his on Lark.
    expect(onLark(LI.openId)).toHaveLength(1);
  });
});
