import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Logger } from "../../src/bot/deps";
import { cardActionEvent } from "../../src/channels/local/lark-events";
import { claimDecisions, claims, groups, processedEvents } from "../../src/db/schema";
import { groupIdFor } from "../../src/db/ids";
import { APP, OFFICE, TENANT, TOKEN, startHarness, type Harness } from "../support/bot-harness";
import { buttons } from "../support/card-buttons";

/**
 * One error path for every kind of update (issue 17): whatever fails while an update is handled is
 * logged the same way, then answered as its kind needs — a click gets a toast (Lark never retries a
 * card callback), a group event is refused so Lark delivers it again. The failures are real: the
 * database refuses the write (a trigger that writes to a table that does not exist, as a broken
 * schema would), which is no constraint, so nothing may mistake it for a lost race or a duplicate.
 */
const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const GROUP = groupIdFor("lark", OFFICE.chatId);

const logged: { message: string; fields?: Record<string, unknown> }[] = [];
const log: Logger = {
  info: () => {},
  warn: () => {},
  error: (message, fields) => void logged.push({ message, fields }),
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z", log });
  await h.addBotToOffice();
});
afterAll(() => h.close());

/** Makes every write to `table` fail inside SQLite (not a constraint) until `heal()`. */
async function breakWrites(table: string, on: "INSERT" | "UPDATE") {
  const name = `broken_${table}`;
  await h.bot.db.run(
    sql.raw(`CREATE TRIGGER ${name} AFTER ${on} ON ${table} BEGIN INSERT INTO no_such_table VALUES (1); END`),
  );
  return { heal: () => h.bot.db.run(sql.raw(`DROP TRIGGER ${name}`)) };
}

describe("a card click whose commit the database refuses (no constraint)", () => {
  test("gets the actionFailed toast, not a 500; nothing is decided; the click is remembered and logged", async () => {
    const before = h.lark.mock.sentMessages({ openId: LEADER.openId }).length;
    await h.say(ZHANG.openId, "申报 加分 联村 2 牵头完成秋收调度，提前三天完成");
    await h.lark.mock.waitForMessages((m) => h.lark.mock.sentMessages({ openId: LEADER.openId }).includes(m), {
      count: before + 1,
    });
    await h.bot.idle();
    const card = h.lark.mock.sentMessages({ openId: LEADER.openId }).at(-1)!;
    const [claim] = await h.bot.db.select().from(claims);
    const broken = await breakWrites("claim_decisions", "INSERT");
    const event = cardActionEvent({
      token: TOKEN,
      appId: APP.appId,
      tenantKey: TENANT,
      operatorOpenId: LEADER.openId,
      value: buttons(card.parsed)["approve"]!,
      messageId: card.messageId,
      chatId: card.chatId,
    });
    const res = await h.post(event);
    await broken.heal();
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { toast?: { type: string; content: string } };
    expect(answer.toast).toEqual({ type: "error", content: "没有处理成功，请稍后再点一次" });
    expect(await h.bot.db.select().from(claimDecisions).where(eq(claimDecisions.claimId, claim!.id))).toEqual([]);
    expect((await h.bot.db.select().from(claims).where(eq(claims.id, claim!.id)))[0]!.status).toBe("pending");
    expect(logged.find((l) => l.message === "card action failed")?.fields).toMatchObject({
      kind: "card_action",
      action: "claim.decide",
      error: expect.stringContaining("no such table"),
    });
    // The same callback delivered again is known: it was remembered, and says so.
    const again = (await (await h.post(event)).json()) as { toast?: { type: string } };
    expect(again.toast?.type).toBe("info");
  });
});

describe("bot_removed goes through the same dispatch", () => {
  const fixture = JSON.parse(
    readFileSync(join(import.meta.dirname, "../fixtures/lark/im.chat.member.bot.deleted_v1.json"), "utf8"),
  ) as { payload: { header: { event_id: string }; event: { chat_id: string } } };
  const removal = (eventId: string) => ({
    ...fixture.payload,
    header: { ...fixture.payload.header, event_id: eventId },
    event: { ...fixture.payload.event, chat_id: OFFICE.chatId },
  });

  test("a removal the database refuses is logged like any failure and refused, so Lark delivers it again", async () => {
    const eventId = "5a1f0c3e9b7d4e2f8a6c1b0d3e5f7a9c";
    const broken = await breakWrites("groups", "UPDATE");
    const res = await h.post(removal(eventId));
    await broken.heal();
    expect(res.status).toBe(500);
    expect(logged.find((l) => l.message === "bot removed failed")?.fields).toMatchObject({
      kind: "bot_removed",
      eventId,
      error: expect.stringContaining("no such table"),
    });
    expect((await h.bot.db.select().from(groups).where(eq(groups.id, GROUP)))[0]!.active).toBe(true);
    expect(await h.bot.db.select().from(processedEvents).where(eq(processedEvents.eventId, eventId))).toEqual([]);

    // Lark's redelivery of the same event now deactivates the group, once.
    expect((await h.post(removal(eventId))).status).toBe(200);
    expect((await h.bot.db.select().from(groups).where(eq(groups.id, GROUP)))[0]!.active).toBe(false);
    expect((await h.post(removal(eventId))).status).toBe(200);
    expect(await h.bot.db.select().from(processedEvents).where(eq(processedEvents.eventId, eventId))).toHaveLength(1);
  });
});
