import { and, asc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditLog, groups, members } from "../../../src/db/schema";
import { dailyReminder } from "../../../src/jobs/reminder";
import { WX, type TestDatabase, type WechatWorld, useWechatWorld } from "../../support/wechat-harness";
import { groupIdFor, memberIdFor } from "../../../src/db/ids";
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
    expect(await member(WX.li.id)).toMatchObject({ active: true, name: WX.li.name, leftOn: null });
    room.remove(world.people.zhang).by(world.people.leader);
    await world.settle();
    // The bridge's clock reads 2026-11-27 10:00 in Asia/Shanghai: the day he left.
    expect(await member(WX.zhang.id)).toMatchObject({ active: false, leftOn: "2026-11-27", movedTo: null });
    // Nothing was said to the room about it.
    expect(world.sent.filter((m) => m.to === ROOM.id)).toHaveLength(1);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.groupId, GROUP_ID), inArray(auditLog.action, ["member.join", "member.leave"])))
      .orderBy(asc(auditLog.action)); // one of each, at the same (manual) instant
    expect(audit.map((a) => [a.action, a.actorUserId, a.detail])).toEqual([
      [
        "member.join",
        WX.leader.id,
        { added: [memberIdFor(GROUP_ID, WX.li.id)], back: [], renamed: 0, stayMoved: [], external: 0 },
      ],
      [
        "member.leave",
        WX.leader.id,
        { left: [memberIdFor(GROUP_ID, WX.zhang.id)], reason: "removed", leftOn: "2026-11-27" },
      ],
    ]);
  });

  test("someone removed gets no reminder; the room's line counts the others", async () => {
    const [group] = await database.db.select().from(groups).where(eq(groups.id, GROUP_ID));
    const reminders = await dailyReminder(database.db, group!, "2026-11-27");
    const to = reminders.map((m) => m.to.id);
    expect(to).toEqual(expect.arrayContaining([WX.leader.id, WX.li.id, ROOM.id]));
    expect(to).not.toContain(WX.zhang.id);
  });

  test("someone added back is the same member again, the day they left cleared", async () => {
    room.add(world.people.zhang).by(world.people.leader);
    await world.settle();
    expect(await member(WX.zhang.id)).toMatchObject({
      id: memberIdFor(GROUP_ID, WX.zhang.id),
      active: true,
      leftOn: null,
      role: "staff",
    });
    const rows = await database.db.select().from(members).where(eq(members.groupId, GROUP_ID));
    expect(rows.filter((r) => r.userId === WX.zhang.id)).toHaveLength(1);
  });

  test("a join in a room the bot is not in stores nothing", async () => {
    const other = world.mocker.createRoom({
      id: wechatRoomId("elsewhere"),
      topic: "别的群",
      ownerId: WX.leader.id,
      memberIdList: [WX.leader.id],
    });
    other.add(world.people.li).by(world.people.leader);
    await world.settle();
    const id = groupIdFor("wechat", wechatRoomId("elsewhere"));
    expect(await database.db.select().from(groups).where(eq(groups.id, id))).toEqual([]);
    expect(await database.db.select().from(members).where(eq(members.groupId, id))).toEqual([]);
  });

  test("the bot removed from the room stops its group", async () => {
    room.remove(world.people.bot).by(world.people.leader);
    await world.settle();
    const [group] = await database.db.select().from(groups).where(eq(groups.id, GROUP_ID));
    expect(group!.active).toBe(false);
  });
});
