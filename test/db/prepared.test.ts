import { and, eq, isNull, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { addMember, findGroupAndMember, groupAndMember, registerGroup } from "../../src/app/groups";
import { addRecord, getRecord, withdrawRecord } from "../../src/app/records";
import { insertMarker } from "../../src/bot/bot";
import type { BatchItem, Database } from "../../src/db/database";
import { groups, members, outbox, processedEvents, records } from "../../src/db/schema";
import { enqueueRows, queuedRows, type OutboundMessage } from "../../src/outbox/message";
import { openTestDatabase } from "../support/db";
import { larkChatId, larkEventId, larkMessageId, larkOpenId, larkTenantKey, wechatRoomId } from "../support/ids";

/**
 * The hot path's prepared queries (src/db/prepared.ts) store and read exactly what the drizzle
 * builders they replace did: two real, migrated libSQL files, one written through the builders and
 * one through the prepared writes, end with the same rows, column for column.
 */
type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;
let built: TestDatabase;
let prepared: TestDatabase;
beforeEach(async () => {
  built = await openTestDatabase();
  prepared = await openTestDatabase();
});
afterEach(async () => {
  await built.dispose();
  await prepared.dispose();
});

const NOW = new Date("2026-12-02T09:30:15.123Z");
const CHAT = larkChatId("office");
const ZHANG = larkOpenId("zhang");
const key = { platform: "lark" as const, tenantKey: larkTenantKey("acme"), chatId: CHAT };

/** The group and one member, the same in both files. */
async function seed(db: Database) {
  const group = registerGroup(db, key, { timezone: "Asia/Shanghai", now: NOW });
  const member = addMember(db, group.group.id, ZHANG, NOW);
  await db.batch([group.write, member.write] as [BatchItem, ...BatchItem[]]);
  return { group: group.group, member: member.member };
}

const batch = (db: Database, items: BatchItem[]) => db.batch(items as [BatchItem, ...BatchItem[]]);
/** Every row of a table in insertion order (generic, so each table keeps its row type). */
const all = <T extends typeof records | typeof processedEvents | typeof outbox>(db: Database, table: T) =>
  db
    .select()
    .from(table as typeof records)
    .orderBy(sql`rowid`) as unknown as Promise<T["$inferSelect"][]>;

describe("prepared writes store what the builders stored", () => {
  test("records, with and without the message they came from", async () => {
    for (const [db, way] of [
      [built.db, "built"],
      [prepared.db, "prepared"],
    ] as const) {
      const { group, member } = await seed(db);
      const inputs = [
        { group, member, date: "2026-12-02", text: "完成了季度报表初稿", now: NOW, id: "rec_a" },
        {
          group,
          member,
          date: "2026-12-02",
          text: "日报 第二条",
          now: NOW,
          id: "rec_b",
          sourceMessageId: larkMessageId("m"),
        },
      ];
      const writes =
        way === "built"
          ? inputs.map((i) =>
              db.insert(records).values({
                id: i.id,
                groupId: i.group.id,
                memberId: i.member.id,
                date: i.date,
                text: i.text,
                sourceMessageId: i.sourceMessageId,
                createdAt: i.now,
              }),
            )
          : inputs.flatMap((i) => addRecord(db, i).writes);
      await batch(db, writes);
    }
    const rows = await all(prepared.db, records);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.sourceMessageId).toBeNull();
    expect(rows).toEqual(await all(built.db, records));
    const raw = "select id, typeof(created_at), created_at, typeof(source_message_id) from records order by rowid";
    const values = async (d: TestDatabase) => (await d.client.execute(raw)).rows.map((r) => Array.from(r));
    expect(await values(prepared)).toEqual(await values(built));
    expect((await values(prepared))[0]).toEqual(["rec_a", "integer", NOW.getTime(), "null"]);
  });

  test("撤回: the record marked withdrawn once, a second 撤回 changing nothing", async () => {
    const changed: number[][] = [];
    for (const [db, way] of [
      [built.db, "built"],
      [prepared.db, "prepared"],
    ] as const) {
      const { group, member } = await seed(db);
      await batch(
        db,
        addRecord(db, { group, member, date: "2026-12-02", text: "写了周报", now: NOW, id: "rec_w" }).writes,
      );
      const [record] = await db.select().from(records);
      const later = new Date(NOW.getTime() + 60_000);
      const withdraw = () =>
        way === "built"
          ? db
              .update(records)
              .set({ withdrawnAt: later })
              .where(and(eq(records.id, record!.id), isNull(records.withdrawnAt)))
          : withdrawRecord(db, record!, ZHANG, later)[0]!;
      const first = (await batch(db, [withdraw()])) as { rowsAffected: number }[];
      const second = (await batch(db, [withdraw()])) as { rowsAffected: number }[];
      changed.push([first[0]!.rowsAffected, second[0]!.rowsAffected]);
    }
    expect(changed).toEqual([
      [1, 0],
      [1, 0],
    ]);
    const rows = await all(prepared.db, records);
    expect(rows[0]!.withdrawnAt).toEqual(new Date(NOW.getTime() + 60_000));
    expect(rows).toEqual(await all(built.db, records));
    expect(await getRecord(prepared.db, "rec_w")).toEqual(rows[0]);
    expect(await getRecord(prepared.db, "rec_none")).toBeUndefined();
  });

  test("queued messages: a Lark reply card, a chat text with its subject, a file, a WeChat picture and text", async () => {
    const messages: OutboundMessage[] = [
      {
        key: `m:${larkMessageId("a")}:0`,
        to: { type: "reply", id: larkMessageId("a"), chatId: CHAT },
        card: { header: { title: { tag: "plain_text", content: "已记录" } } },
        text: "已记录",
      },
      { key: "welcome:1", to: { type: "chat_id", id: CHAT }, text: "欢迎", subject: { kind: "welcome", id: CHAT } },
      {
        key: "export:1",
        to: { type: "open_id", id: ZHANG },
        text: "导出",
        file: {
          name: "2026年.xlsx",
          source: { kind: "export", platform: "lark", tenantKey: "t", period: "2026", at: "x" },
        },
      },
    ];
    const wechat: OutboundMessage = {
      key: "rank:1",
      to: { type: "reply", id: "msg-1", chatId: wechatRoomId("room") },
      text: "排行",
      image: { kind: "ranking", model: { title: "排行", subtitle: "12月", rows: [] } },
    };
    const results: unknown[] = [];
    for (const [db, rows] of [
      [built.db, enqueueRows],
      [prepared.db, queuedRows],
    ] as const) {
      const items = [...messages.flatMap((m) => rows(db, m, NOW)), ...rows(db, wechat, NOW, "wechat")];
      // The same key again is dropped by the key's conflict clause, in both.
      items.push(rows(db, messages[0]!, new Date(NOW.getTime() + 1000))[0]!);
      results.push(((await batch(db, items)) as { rowsAffected: number }[]).map((r) => r.rowsAffected));
    }
    expect(results[1]).toEqual([1, 1, 1, 1, 1, 0]);
    expect(results[1]).toEqual(results[0]);
    const rows = await all(prepared.db, outbox);
    expect(rows.map((r) => r.msgType)).toEqual(["interactive", "text", "file", "image", "text"]);
    expect(rows).toEqual(await all(built.db, outbox));
  });

  test("dedupe markers, with and without a message id; a redelivery still fails its batch", async () => {
    const markers = [
      { eventId: larkEventId("1"), messageId: larkMessageId("1"), kind: "message", receivedAt: NOW },
      { eventId: larkEventId("2"), kind: "card_action", receivedAt: NOW },
    ];
    await batch(
      built.db,
      markers.map((m) => built.db.insert(processedEvents).values(m)),
    );
    // The bot's own marker write (src/bot/bot.ts), no message id given as the bot gives it: null.
    await batch(
      prepared.db,
      markers.map((m) => insertMarker(prepared.db, { ...m, messageId: m.messageId ?? null })),
    );
    // A redelivery: its marker's key fails the batch, as the builder's did (src/bot/bot.ts isDuplicate).
    const again = batch(prepared.db, [insertMarker(prepared.db, { ...markers[0]!, messageId: null })]);
    await expect(again).rejects.toMatchObject({ code: expect.stringMatching(/CONSTRAINT/) });
    expect(await all(prepared.db, processedEvents)).toEqual(await all(built.db, processedEvents));
  });
});

describe("the prepared group + member look-ups", () => {
  test("answer as the built query: the member when known, null when not, nothing for an unknown chat", async () => {
    const { group, member } = await seed(prepared.db);
    const builtQuery = (userId: string, chatId: string) =>
      prepared.db
        .select({ group: groups, member: members })
        .from(groups)
        .leftJoin(members, and(eq(members.groupId, groups.id), eq(members.userId, userId)))
        .where(and(eq(groups.platform, "lark"), eq(groups.chatId, chatId)))
        .limit(1)
        .then(([row]) => row);
    const found = await findGroupAndMember(prepared.db, "lark", CHAT, ZHANG);
    expect(found?.group.id).toBe(group.id);
    expect(found?.member?.id).toBe(member.id);
    expect(found).toEqual(await builtQuery(ZHANG, CHAT));
    const stranger = await findGroupAndMember(prepared.db, "lark", CHAT, larkOpenId("li"));
    expect(stranger?.member).toBeNull();
    expect(stranger).toEqual(await builtQuery(larkOpenId("li"), CHAT));
    expect(await findGroupAndMember(prepared.db, "lark", larkChatId("other"), ZHANG)).toBeUndefined();
    expect(await findGroupAndMember(prepared.db, "wechat", CHAT, ZHANG)).toBeUndefined();
    // By the group's id, as a card click asks.
    expect(await groupAndMember(prepared.db, group.id, ZHANG)).toEqual({ group: found!.group, member: found!.member });
    expect(await groupAndMember(prepared.db, group.id, larkOpenId("li"))).toEqual({
      group: found!.group,
      member: undefined,
    });
    expect(await groupAndMember(prepared.db, "grp_none", ZHANG)).toBeUndefined();
  });

  test("every column decoded as drizzle decodes it (settings, dates, booleans, reals, nulls), keys in the table's order", async () => {
    const { group } = await seed(prepared.db);
    const settings = { reminderAt: "18:00", mentionMissing: true, holidays: ["2026-12-24"], workdays: [] };
    const synced = new Date("2026-12-01T08:00:00.456Z");
    await prepared.db
      .update(groups)
      .set({ name: "财务科", settings, syncedAt: synced, active: false })
      .where(eq(groups.id, group.id));
    const li = larkOpenId("li");
    const moved = addMember(prepared.db, group.id, li, NOW);
    await moved.write;
    await prepared.db
      .update(members)
      .set({
        name: "李四",
        role: "leader",
        coefficient: 1.25,
        position: "科长",
        active: false,
        leftOn: "2026-11-30",
        movedTo: "grp_other",
        joinedOn: "2025-03-01",
      })
      .where(eq(members.id, moved.id));
    const builtRow = (userId: string) =>
      prepared.db
        .select({ group: groups, member: members })
        .from(groups)
        .leftJoin(members, and(eq(members.groupId, groups.id), eq(members.userId, userId)))
        .where(eq(groups.id, group.id))
        .then(([row]) => row!);
    for (const userId of [li, ZHANG, larkOpenId("wang")]) {
      const expected = await builtRow(userId);
      const found = await findGroupAndMember(prepared.db, "lark", CHAT, userId);
      expect(found).toStrictEqual(expected);
      expect(Object.keys(found!.group)).toEqual(Object.keys(expected.group));
      expect(found!.member && Object.keys(found!.member)).toEqual(expected.member && Object.keys(expected.member));
      const byId = await groupAndMember(prepared.db, group.id, userId);
      expect(byId).toStrictEqual({ group: expected.group, member: expected.member ?? undefined });
    }
    const found = await findGroupAndMember(prepared.db, "lark", CHAT, li);
    expect(found?.group).toMatchObject({ settings, syncedAt: synced, active: false, name: "财务科" });
    expect(found?.member).toMatchObject({ coefficient: 1.25, active: false, leftOn: "2026-11-30", createdAt: NOW });
  });
});
