/**
 * A quarter the office confirms after its report job stopped being due (2026-Q3, confirmed in January)
 * is published by `publishAfter`'s late path (src/jobs/publish-confirmed.ts). It is queued through
 * `queueFor` like every outbound message, so a Lark group served by a linked WeChat room hears it there
 * too, and a member who linked their WeChat gets their report card on WeChat — as the job itself does.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OFFICE, startHarness, type Harness } from "../../support/bot-harness";
import { WX, startWechatWorld, type WechatWorld } from "../../support/wechat-harness";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;

/** The default dimensions, with the office confirming grades before a period goes out (篇6 line 122). */
const SCHEME = {
  name: "办公室考核（等次确认）",
  dimensions: [
    { key: "village", name: "联村", weight: 40 },
    { key: "work", name: "业务", weight: 30 },
    { key: "style", name: "作风", weight: 30 },
  ],
  grades: [
    { name: "优秀", min: 85, quota: 1 },
    { name: "良好", min: 70 },
  ],
  confirmGrades: true,
};

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

/** Until what the Lark bot queued has left on both channels. */
async function delivered(): Promise<void> {
  await h.bot.idle();
  await world.bridge.drain();
  await world.settle();
}

const groupSaw = (needle: string) =>
  h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).some((m) => JSON.stringify(m.parsed).includes(needle));
const cardsOnLark = (openId: string) =>
  h.lark.mock
    .sentMessages({ openId })
    .map((m) => JSON.stringify(m.parsed))
    .filter((m) => m.includes("2026 年第三季度成绩单"));

describe("grades confirmed after their quarter's job stopped being due, in a group with a linked WeChat room", () => {
  test("setup: the room and 张三's WeChat are linked; the office confirms grades; the quarter is rated", async () => {
    await h.say(LEADER.openId, "绑定码");
    await world.inRoom("leader", `绑定 ${await codeFrom({ chatId: OFFICE.chatId })}`, { mentionBot: true });
    await world.settle();
    expect(world.sent.at(-1)!.text).toContain("本群已与");
    await h.say(ZHANG.openId, "绑定码", { chatType: "p2p" });
    await world.privately("zhang", `绑定 ${await codeFrom({ openId: ZHANG.openId })}`);
    await world.settle();
    expect(world.sent.at(-1)!.text).toContain("你的微信已绑定到");

    await h.say(LEADER.openId, `设置 管理员 @${LEADER.name}`, { mentions: [LEADER] });
    await h.say(LEADER.openId, `方案 导入 ${JSON.stringify(SCHEME)}`);
    await h.bot.idle();
    expect(groupSaw("第 1 版")).toBe(true);
    for (const [person, score] of [
      [ZHANG, 90],
      [LI, 80],
    ] as const) {
      for (const dim of ["联村", "业务", "作风"])
        await h.say(LEADER.openId, `评分 @${person.name} ${dim} ${score}`, { mentions: [person] });
    }
    await delivered();
  });

  test("the quarter's job holds it back for the office while it is due: nothing reaches Lark or WeChat", async () => {
    h.clock.set("2026-10-08T01:05:00Z");
    await h.bot.runJobs(new Date("2026-10-08T01:05:00Z"));
    await h.bot.runJobs(new Date("2026-10-13T01:00:00Z"));
    await delivered();
    expect(groupSaw("第三季度考核结果")).toBe(false);
    expect(world.sent.some((m) => m.text.includes("第三季度"))).toBe(false);
    expect(cardsOnLark(LI.openId)).toHaveLength(0);
  });

  test("确认等次 2026-Q3 in January: the group hears it on Lark and in the linked room; 张三 on WeChat", async () => {
    const before = world.sent.length;
    h.clock.set("2027-01-05T02:00:00Z");
    await h.say(LEADER.openId, "确认等次 2026-Q3");
    await delivered();
    expect(groupSaw("已由 李主任 确认")).toBe(true);

    // The group's summary, on Lark and as a copy in the linked WeChat room.
    expect(groupSaw("第三季度考核结果")).toBe(true);
    expect(groupSaw("张三（90.00 分）")).toBe(true);
    const after = world.sent.slice(before);
    const inRoom = after.filter((m) => m.to === WX.room.id && !m.image).map((m) => m.text);
    expect(inRoom.some((t) => t.includes("第三季度考核结果") && t.includes("张三（90.00 分）"))).toBe(true);
    // 张三 linked his WeChat: his report card reaches him there (image, then text), and not on Lark.
    const zhangHears = after.filter((m) => m.to === WX.zhang.id);
    expect(zhangHears.map((m) => m.image)).toEqual([true, false]);
    expect(zhangHears[1]!.text).toContain("2026 年第三季度成绩单");
    expect(zhangHears[1]!.text).toContain("90.00 分");
    expect(cardsOnLark(ZHANG.openId)).toHaveLength(0);
    // 李四, not linked, hears his on Lark.
    expect(cardsOnLark(LI.openId)).toHaveLength(1);
  });
});
