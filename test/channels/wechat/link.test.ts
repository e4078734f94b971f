import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, chatLinks, groups, records } from "../../../src/db/schema";
import { memberIdFor } from "../../../src/db/ids";
import { OFFICE, startHarness, type Harness } from "../../support/bot-harness";
import { WX, startWechatWorld, type WechatWorld } from "../../support/wechat-harness";
import { groupIdFor } from "../../../src/db/ids";

const LARK_GROUP = groupIdFor("lark", OFFICE.chatId);
const ZHANG = OFFICE.members[0]!;

let h: Harness;
let world: WechatWorld;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z" });
  await h.addBotToOffice();
  // The Lark bot and the WeChat bridge share one database, as two processes on one machine do.
  world = await startWechatWorld(h.bot.db, { clock: h.clock });
});
afterAll(async () => {
  await world.stop();
  await h.close();
});

/** The code in the bot's latest Lark message to a chat or person. */
async function codeFrom(openIdOrChat: { chatId?: string; openId?: string }): Promise<string> {
  await h.bot.idle();
  const last = h.lark.mock.sentMessages(openIdOrChat).at(-1)!;
  const code = /绑定码 (\d{6})/.exec(JSON.stringify(last.parsed))?.[1];
  expect(code).toBeDefined();
  return code!;
}

describe("绑定: one appraisal group in Lark and WeChat", () => {
  test("a code from a Lark leader links the WeChat room; a wrong or reused code does not", async () => {
    await h.say(ZHANG.openId, "绑定码");
    await h.bot.idle();
    expect(JSON.stringify(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!.parsed)).toContain(
      "只有负责人可以操作",
    );

    await h.say(OFFICE.owner.openId, "绑定码");
    const code = await codeFrom({ chatId: OFFICE.chatId });
    await world.inRoom("zhang", "绑定 000000", { mentionBot: true });
    await world.settle();
    expect(world.sent.at(-1)!.text).toContain("绑定码无效或已过期");

    await world.inRoom("leader", `绑定 ${code}`, { mentionBot: true });
    await world.settle();
    expect(world.sent.at(-1)!.text).toContain(`本群已与「${OFFICE.name}」合并`);
    const [link] = await h.bot.db.select().from(chatLinks).where(eq(chatLinks.externalId, WX.room.id));
    expect(link).toMatchObject({ kind: "room", groupId: LARK_GROUP, createdBy: WX.leader.id });
    expect((await h.bot.db.select().from(auditLog).where(eq(auditLog.action, "link.room")))[0]!.subjectId).toBe(
      WX.room.id,
    );
    const [own] = await h.bot.db.select().from(groups).where(eq(groups.chatId, WX.room.id));
    expect(own!.active).toBe(false);

    await world.inRoom("li", `绑定 ${code}`, { mentionBot: true });
    await world.settle();
    expect(world.sent.at(-1)!.text).toContain("绑定码无效或已过期");
  });

  test("a person's own code links their WeChat to their Lark member: records land on one person", async () => {
    await h.say(ZHANG.openId, "绑定码", { chatType: "p2p" });
    const code = await codeFrom({ openId: ZHANG.openId });
    await world.privately("zhang", `绑定 ${code}`);
    await world.settle();
    expect(world.sent.at(-1)!.text).toContain("你的微信已绑定到");

    await world.inRoom("zhang", "日报 在微信群里写的", { mentionBot: true });
    await world.privately("zhang", "在微信私聊里写的");
    await h.say(ZHANG.openId, "日报 在飞书里写的");
    await world.settle();
    await h.bot.idle();
    const mine = await h.bot.db
      .select()
      .from(records)
      .where(eq(records.memberId, memberIdFor(LARK_GROUP, ZHANG.openId)));
    expect(mine.map((r) => r.text).sort()).toEqual(["在微信私聊里写的", "在微信群里写的", "在飞书里写的"].sort());
    // Someone unlinked who writes in the linked room joins the same group under their WeChat id.
    await world.inRoom("li", "日报 李四的微信日报", { mentionBot: true });
    await world.settle();
    const li = await h.bot.db
      .select()
      .from(records)
      .where(and(eq(records.groupId, LARK_GROUP), eq(records.text, "李四的微信日报")));
    expect(li).toHaveLength(1);
  });

  test("the group's monthly ranking reaches the Lark group and the linked WeChat room", async () => {
    for (const [who, score] of [
      [ZHANG, 95],
      [OFFICE.members[1]!, 85],
    ] as const) {
      for (const dim of ["联村", "业务", "作风"])
        await h.say(OFFICE.owner.openId, `评分 @${who.name} ${dim} ${score}`, { mentions: [who] });
    }
    await h.bot.idle();
    const before = world.sent.length;
    await h.bot.runJobs(new Date("2026-12-01T01:05:00Z"));
    const lark = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).map((m) => JSON.stringify(m.parsed));
    expect(lark.some((m) => m.includes("11 月考核排名"))).toBe(true);
    await world.bridge.drain();
    await world.sentCount(before + 3);
    const inRoom = world.sent.slice(before).filter((m) => m.to === WX.room.id);
    expect(inRoom.map((m) => m.image)).toEqual([true, false]);
    expect(inRoom[1]!.text).toContain("11 月考核排名");
    // The group is served by a WeChat room: 张三, who linked his WeChat, hears his own place there, once;
    // 李四 of the Lark group, not linked, hears his on Lark.
    const zhangHears = world.sent.slice(before).filter((m) => m.to === WX.zhang.id);
    expect(zhangHears).toHaveLength(1);
    expect(zhangHears[0]!.text).toContain("第 1");
    const onLark = (openId: string) =>
      h.lark.mock
        .sentMessages({ openId })
        .map((m) => JSON.stringify(m.parsed))
        .filter((m) => m.includes("11 月"));
    expect(onLark(ZHANG.openId)).toHaveLength(0);
    expect(onLark(OFFICE.members[1]!.openId)).toHaveLength(1);
    // A second run (the bridge and the Lark server both run jobs) sends nothing twice.
    await h.bot.runJobs(new Date("2026-12-01T01:06:00Z"));
    await world.bridge.drain();
    await world.settle();
    expect(world.sent.slice(before).filter((m) => m.to === WX.zhang.id)).toHaveLength(1);
  });
});
