import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { groups, members } from "../../../src/db/schema";
import { WX, type TestDatabase, type WechatWorld, useWechatWorld } from "../../support/wechat-harness";
import { groupIdFor } from "../../../src/db/ids";
import { wechatRoomId } from "../../support/ids";

const ROOM = { id: wechatRoomId("second"), topic: "财务科" };
const GROUP_ID = groupIdFor("wechat", ROOM.id);
let database: TestDatabase;
let world: WechatWorld;
let room: ReturnType<WechatWorld["mocker"]["createRoom"]>;
const member = async (userId: string) =>
  (
    await database.db
      .select()
      .from(members)
      .where(and(eq(members.groupId, GROUP_ID), eq(members.userId, userId)))
  )[0];

useWechatWorld((w) => ({ database, world } = w));
beforeAll(() => {
  room = world.mocker.createRoom({
    id: ROOM.id,
    topic: ROOM.topic,
    ownerId: WX.leader.id,
    memberIdList: [WX.leader.id, WX.zhang.id],
  });
});

describe("a WeChat room's membership", () => {
  test("the bot invited into a room registers it, reads its members and welcomes the room", async () => {
    room.add(world.people.bot).by(world.people.leader);
    await world.settle();
    const [group] = await database.db.select().from(groups).where(eq(groups.id, GROUP_ID));
    expect(group).toMatchObject({
      platform: "wechat",
      chatId: ROOM.id,
      tenantKey: WX.bot.id,
      active: true,
      name: ROOM.topic,
    });
    const welcome = world.sent.filter((m) => m.to === ROOM.id);
    expect(welcome).toHaveLength(1);
    expect(welcome[0]!.text).toContain("日报");
    expect(await member(WX.leader.id)).toMatchObject({ role: "leader", active: true });
    expect(await member(WX.zhang.id)).toMatchObject({ role: "staff", active: true });
  });

  test("people who join become members; people who leave stop being active, their rows kept", async () => {
    room.add(world.people.li).by(world.people.leader);
    await world.settle();
    expect(await member(WX.li.id)).toMatchObject({ active: true, name: WX.li.name });
    room.remove(world.people.zhang).by(world.people.leader);
    await world.settle();
    expect(await member(WX.zhang.id)).toMatchObject({ active: false });
    // Nothing was said to the room about it.
    expect(world.sent.filter((m) => m.to === ROOM.id)).toHaveLength(1);
  });

  test("the bot removed from the room stops its group", async () => {
    room.remove(world.people.bot).by(world.people.leader);
    await world.settle();
    const [group] = await database.db.select().from(groups).where(eq(groups.id, GROUP_ID));
    expect(group!.active).toBe(false);
  });
});
