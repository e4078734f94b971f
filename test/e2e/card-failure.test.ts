import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Logger } from "../../src/bot/deps";
import { cardActionEvent } from "../../src/channels/local/lark-events";
import { claimDecisions, claims } from "../../src/db/schema";
import { APP, OFFICE, TENANT, TOKEN, startHarness, type Harness } from "../support/bot-harness";
import { buttons } from "../support/card-buttons";

/**
 * "A failure is never silent" for a card button (issue 12 item 3): Lark never
 * retries a card callback, so a click whose work fails must still get an
 * answer within the callback, a toast that says what to do, never a 500. The
 * failure is real: the claim's stored detail is not JSON any more, so reading
 * the claim throws inside the decision.
 */
const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;

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

describe("a card button whose work fails", () => {
  test("answers with a toast that says it did not work, changes nothing, and logs the failure", async () => {
    const before = h.lark.mock.sentMessages({ openId: LEADER.openId }).length;
    expect((await h.say(ZHANG.openId, "申报 加分 联村 2 牵头完成秋收调度，提前三天完成")).status).toBe(200);
    await h.lark.mock.waitForMessages((m) => h.lark.mock.sentMessages({ openId: LEADER.openId }).includes(m), {
      count: before + 1,
    });
    await h.bot.idle();
    const card = h.lark.mock.sentMessages({ openId: LEADER.openId }).at(-1);
    const [claim] = await h.bot.db.select().from(claims);
    expect(claim).toBeDefined();
    // The corruption: the claim's detail is no longer the JSON the app wrote.
    await h.bot.db.run(sql`update claims set detail = 'not json' where id = ${claim!.id}`);

    const res = await h.post(
      cardActionEvent({
        token: TOKEN,
        appId: APP.appId,
        tenantKey: TENANT,
        operatorOpenId: LEADER.openId,
        value: buttons(card!.parsed)["approve"]!,
        messageId: card!.messageId,
        chatId: card!.chatId,
      }),
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { toast?: { type: string; content: string }; card?: unknown };
    expect(answer.toast).toEqual({ type: "error", content: "没有处理成功，请稍后再点一次" });
    expect(answer.card).toBeUndefined();
    // Nothing was decided, and the failure is in the log for whoever looks after the bot.
    expect(await h.bot.db.select().from(claimDecisions).where(eq(claimDecisions.claimId, claim!.id))).toEqual([]);
    expect(
      (await h.bot.db.select({ status: claims.status }).from(claims).where(eq(claims.id, claim!.id)))[0]!.status,
    ).toBe("pending");
    expect(logged.find((l) => l.message === "card action failed")?.fields).toMatchObject({
      action: "claim.decide",
      error: expect.stringMatching(/JSON/),
    });
  });
});
