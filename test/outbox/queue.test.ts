import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { addMember, registerGroup } from "../../src/app/groups";
import type { BatchItem } from "../../src/db/database";
import { chatLinks, outbox, type Group } from "../../src/db/schema";
import type { OutboundMessage } from "../../src/outbox/message";
import { queueFor, route } from "../../src/outbox/queue";
import { openTestDatabase } from "../support/db";
import { larkChatId, larkMessageId, larkOpenId, larkTenantKey, wechatContactId, wechatRoomId } from "../support/ids";

/** The one routing of outbound messages (src/outbox/queue.ts), rule by rule, on a real database. */
const NOW = new Date("2026-12-02T03:00:00Z");
const CHAT = larkChatId("office");
const ROOM = wechatRoomId("office");
const LINKED = larkOpenId("zhang"); // linked his own WeChat
const ZHANG_WX = wechatContactId("zhang");
const PLAIN = larkOpenId("li"); // a Lark member, not linked
const STRANGER = wechatContactId("stranger"); // writes to the WeChat bot, in no group

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let group: Group;

beforeAll(async () => {
  database = await openTestDatabase();
  const { db } = database;
  const reg = registerGroup(
    db,
    { platform: "lark", tenantKey: larkTenantKey("t"), chatId: CHAT },
    {
      timezone: "Asia/Shanghai",
      now: NOW,
    },
  );
  group = reg.group;
  const zhang = addMember(db, group.id, LINKED, NOW);
  const li = addMember(db, group.id, PLAIN, NOW);
  const link = (id: string, kind: "room" | "person", externalId: string, memberId: string | null) =>
    db
      .insert(chatLinks)
      .values({ id, kind, externalId, groupId: group.id, memberId, createdBy: LINKED, createdAt: NOW });
  await db.batch([
    reg.write,
    zhang.write,
    li.write,
    link("lnk_room", "room", ROOM, null),
    link("lnk_zhang", "person", ZHANG_WX, zhang.member.id),
  ] as [BatchItem, ...BatchItem[]]);
});
afterAll(() => database.dispose());

const msg = (key: string, to: OutboundMessage["to"]): OutboundMessage => ({ key, to, text: key });
const where = (routed: Awaited<ReturnType<typeof route>>) =>
  routed.map((r) => `${r.message.key} → ${r.channel} ${r.message.to.type}:${r.message.to.id}`);

describe("route", () => {
  test("what the group is told unprompted: its chat and each linked room; linked members on their WeChat", async () => {
    const routed = await route(database.db, group, [
      msg("summary", { type: "chat_id", id: CHAT }),
      msg("zhang", { type: "open_id", id: LINKED }),
      msg("li", { type: "open_id", id: PLAIN }),
    ]);
    expect(where(routed)).toEqual([
      `summary → lark chat_id:${CHAT}`,
      `summary:wx:${ROOM} → wechat chat_id:${ROOM}`,
      `zhang → wechat open_id:${ZHANG_WX}`,
      `li → lark open_id:${PLAIN}`,
    ]);
  });

  test("what a Lark action causes stays on Lark, even for a linked member; replies go back where asked", async () => {
    const said = larkMessageId("said");
    const routed = await route(
      database.db,
      group,
      [
        msg("approval", { type: "open_id", id: LINKED }),
        msg("answer", { type: "reply", id: said, chatId: CHAT }),
        msg("card", { type: "update", id: larkMessageId("card") }),
      ],
      "lark",
    );
    expect(where(routed)).toEqual([
      `approval → lark open_id:${LINKED}`,
      `answer → lark reply:${said}`,
      `card → lark update:${larkMessageId("card")}`,
    ]);
  });

  test("from WeChat: replies and people outside the group on WeChat, Lark members on Lark, cards updated on Lark", async () => {
    const routed = await route(
      database.db,
      group,
      [
        msg("answer", { type: "reply", id: "3482043792834", chatId: ROOM }),
        msg("to-room", { type: "chat_id", id: ROOM }),
        msg("stranger", { type: "open_id", id: STRANGER }),
        msg("li", { type: "open_id", id: PLAIN }),
        msg("zhang", { type: "open_id", id: LINKED }),
        msg("card", { type: "update", id: larkMessageId("card") }),
      ],
      "wechat",
    );
    expect(where(routed)).toEqual([
      `answer → wechat reply:3482043792834`,
      `to-room → wechat chat_id:${ROOM}`,
      `stranger → wechat open_id:${STRANGER}`,
      `li → lark open_id:${PLAIN}`,
      `zhang → wechat open_id:${ZHANG_WX}`,
      `card → lark update:${larkMessageId("card")}`,
    ]);
  });

  test("without a group (nobody known yet) everything goes back where the update came from", async () => {
    const routed = await route(database.db, undefined, [msg("refusal", { type: "open_id", id: STRANGER })], "wechat");
    expect(where(routed)).toEqual([`refusal → wechat open_id:${STRANGER}`]);
  });
});

describe("queueFor", () => {
  test("queues each routed copy once: a second run inserts nothing", async () => {
    const messages = [msg(`summary:${NOW.getTime()}`, { type: "chat_id", id: CHAT })];
    const first = await database.db.batch((await queueFor(database.db, group, messages, NOW)) as [BatchItem]);
    const again = await database.db.batch((await queueFor(database.db, group, messages, NOW)) as [BatchItem]);
    expect(first.map((r) => (r as { rowsAffected: number }).rowsAffected)).toEqual([1, 1]);
    expect(again.map((r) => (r as { rowsAffected: number }).rowsAffected)).toEqual([0, 0]);
    const rows = await database.db.select({ channel: outbox.channel, to: outbox.receiveId }).from(outbox);
    expect(rows).toEqual([
      { channel: "lark", to: CHAT },
      { channel: "wechat", to: ROOM },
    ]);
  });
});
