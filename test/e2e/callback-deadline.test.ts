import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { silentLogger } from "../../src/bot/deps";
import { botAddedEvent, cardActionEvent, textMessageEvent } from "../../src/channels/local/lark-events";
import { startMockLarkServer, type MockLarkServer, type MockMessage } from "../../src/channels/local/mock-lark";
import { loadConfig } from "../../src/config";
import { records } from "../../src/db/schema";
import { startNodeBot, type NodeBot } from "../../src/node/start";
import { larkChatId, larkEventId, larkOpenId, larkTenantKey, nameSequence } from "../support/ids";

/**
 * Lark's 3-second deadline when the Open API is slow or down (issue 12, item 5).
 * Card callbacks never wait for the bot's own open_id; a message that mentions
 * someone waits a bounded time and is then refused with 503 for Lark to retry,
 * never misread. The Open API is made slow by the mock holding
 * `GET /open-apis/bot/v3/info` unanswered, and down by failing it (and the token).
 * The checks are structural: the answer arrived while the look-up was still held.
 */

const hex = (n: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(n / 2)), (b) => b.toString(16).padStart(2, "0")).join("");
// Every world has new people, chat and events, from readable names.
const next = nameSequence("deadline");
const openId = () => larkOpenId(next());
const BOT_INFO = "/open-apis/bot/v3/info";
const TOKEN_PATH = "/open-apis/auth/v3/tenant_access_token/internal";

interface World {
  dir: string;
  lark: MockLarkServer;
  bot: NodeBot;
  app: { appId: string; appSecret: string; botOpenId: string; appName: string };
  chat: string;
  leader: { openId: string; name: string };
  zhang: { openId: string; name: string };
  tenant: string;
  token: string;
}

/** A bot on loopback whose Open API misbehaves from the start (`before` runs before the bot starts). */
async function startWorld(before: (lark: MockLarkServer) => void, mode: "webhook" | "ws" = "webhook"): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), "appraisal-deadline-"));
  const app = { appId: `cli_${hex(16)}`, appSecret: hex(32), botOpenId: openId(), appName: "绩效考核机器人" };
  const tenant = larkTenantKey(next());
  const token = hex(32);
  const chat = larkChatId(next());
  const leader = { openId: openId(), name: "李主任" };
  const zhang = { openId: openId(), name: "张三" };
  const lark = await startMockLarkServer({ apps: [app], tenantKey: tenant });
  for (const p of [leader, zhang]) lark.mock.addUser(p);
  lark.mock.addChat({ chatId: chat, name: "综合办公室", ownerOpenId: leader.openId, members: [leader, zhang] });
  lark.mock.longConnection.setClientConfig({ PingInterval: 5, ReconnectInterval: 0.2, ReconnectNonce: 0.1 });
  before(lark);
  const config = loadConfig({
    PORT: "0",
    DATABASE_URL: `file:${join(dir, "bot.db")}`,
    LARK_APP_ID: app.appId,
    LARK_APP_SECRET: app.appSecret,
    LARK_VERIFICATION_TOKEN: token,
    LARK_DOMAIN: lark.url,
    LARK_EVENT_MODE: mode,
  });
  const bot = await startNodeBot(config, { clock: { now: () => new Date("2026-11-27T02:00:00Z") }, log: silentLogger });
  return { dir, lark, bot, app, chat, leader, zhang, tenant, token };
}

async function stopWorld(w: World | undefined) {
  if (!w) return;
  w.lark.mock.releaseHeld();
  await w.bot.close();
  await w.lark.close();
  await rm(w.dir, { recursive: true, force: true });
}

/** Lark's plain (unencrypted) delivery: the app has no encrypt key, so the body is the envelope itself. */
const post = (w: World, payload: unknown) =>
  fetch(`${w.bot.url}/lark/events`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });

const envelopeOf = (w: World) => ({ token: w.token, appId: w.app.appId, tenantKey: w.tenant });

async function addBot(w: World) {
  expect(
    (
      await post(
        w,
        botAddedEvent({
          ...envelopeOf(w),
          eventId: larkEventId(next()),
          chatId: w.chat,
          operatorOpenId: w.leader.openId,
        }),
      )
    ).status,
  ).toBe(200);
  await w.bot.idle();
}

/** 张三's private message (no mentions: the bot's open_id is not needed to read it). */
async function privateRecord(w: World, text: string) {
  const p2p = w.lark.mock.store.p2pChat(w.app.appId, w.zhang.openId).chatId;
  const messageId = w.lark.mock.addUserMessage({
    chatId: p2p,
    openId: w.zhang.openId,
    content: JSON.stringify({ text }),
  }).messageId;
  const res = await post(
    w,
    textMessageEvent({
      ...envelopeOf(w),
      eventId: larkEventId(next()),
      chatId: p2p,
      chatType: "p2p",
      senderOpenId: w.zhang.openId,
      text,
      messageId,
    }),
  );
  return { res, messageId, p2p };
}

const receiptOf = (w: World, messageId: string) =>
  w.lark.mock.sentMessages({ openId: w.zhang.openId }).find((m) => m.parentId === messageId);
const withdrawValue = (card: MockMessage) =>
  JSON.stringify(card.parsed).match(/"value":(\{"action":"record\.withdraw"[^}]*\})/)?.[1] ?? "";

describe("the Open API is slow: bot/v3/info held unanswered", () => {
  let w: World;
  beforeAll(async () => {
    // The bot asks for its open_id as it starts: that request is held for the whole test.
    w = await startWorld((lark) => lark.mock.failNext({ path: BOT_INFO, hold: true }));
  });
  afterAll(() => stopWorld(w));

  test("events that do not need the bot's open_id are handled at once", async () => {
    await addBot(w);
    const { res, messageId } = await privateRecord(w, "整理了档案室");
    expect(res.status).toBe(200);
    await w.bot.idle();
    expect(await w.bot.db.select().from(records)).toMatchObject([{ text: "整理了档案室", sourceMessageId: messageId }]);
    expect(receiptOf(w, messageId)).toBeDefined();
    await vi.waitFor(() => expect(w.lark.mock.heldRequests()).toBe(1)); // the start-up look-up, still unanswered
  });

  test("a card callback is answered with its toast and card while the look-up is still held", async () => {
    const { messageId, p2p } = await privateRecord(w, "起草了年终总结提纲");
    await w.bot.idle();
    const receipt = receiptOf(w, messageId)!;
    const value = JSON.parse(withdrawValue(receipt)) as Record<string, unknown>;
    const res = await post(
      w,
      cardActionEvent({
        ...envelopeOf(w),
        eventId: larkEventId(next()),
        operatorOpenId: w.zhang.openId,
        value,
        messageId: receipt.messageId,
        chatId: p2p,
      }),
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as {
      toast?: { type: string; content: string };
      card?: { type: string; data: unknown };
    };
    expect(answer.toast).toMatchObject({ type: "success" });
    expect(answer.toast?.content).toContain("已撤回");
    expect(JSON.stringify(answer.card?.data)).toContain("记录已撤回");
    // Answered, and the look-up has not completed: it is still held, and bot/v3/info never answered.
    expect(w.lark.mock.heldRequests()).toBe(1);
    expect(w.lark.mock.stats().byRoute["bot.info"]).toBeUndefined();
  });

  test("a message that mentions the bot is refused with 503 (Lark retries it), not misread; the retry after the look-up succeeds is handled once", async () => {
    const messageId = w.lark.mock.addUserMessage({ chatId: w.chat, openId: w.zhang.openId, content: "{}" }).messageId;
    const event = textMessageEvent({
      ...envelopeOf(w),
      eventId: larkEventId(next()),
      chatId: w.chat,
      chatType: "group",
      senderOpenId: w.zhang.openId,
      text: "@绩效考核机器人 日报 接待了来访群众",
      messageId,
      mentions: [{ openId: w.app.botOpenId, name: "绩效考核机器人" }],
    });
    const refused = await post(w, event);
    expect(refused.status).toBe(503);
    expect((await w.bot.db.select().from(records)).filter((r) => r.sourceMessageId === messageId)).toHaveLength(0);
    expect(w.lark.mock.heldRequests()).toBe(1); // the same look-up, not a new one per event

    w.lark.mock.releaseHeld();
    await vi.waitFor(() => expect(w.lark.mock.stats().byRoute["bot.info"]).toBe(1));
    for (const attempt of [1, 2]) expect((await post(w, event)).status, `delivery ${attempt}`).toBe(200);
    await w.bot.idle();
    expect((await w.bot.db.select().from(records)).filter((r) => r.sourceMessageId === messageId)).toMatchObject([
      { text: "接待了来访群众" },
    ]);
    expect(w.lark.mock.sentMessages({ chatId: w.chat }).filter((m) => m.parentId === messageId)).toHaveLength(1);
    expect(w.lark.mock.stats().byRoute["bot.info"]).toBe(1); // cached once it succeeded
  });
});

describe("the Open API is down: bot/v3/info fails", () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld((lark) => lark.mock.failNext({ path: BOT_INFO, status: 500, times: 1000 }));
    await addBot(w);
  });
  afterAll(() => stopWorld(w));

  test("a card callback still gets its answer; the token endpoint failing too changes nothing", async () => {
    const { messageId, p2p } = await privateRecord(w, "核对了报销凭证");
    await w.bot.idle();
    const receipt = receiptOf(w, messageId)!;
    w.lark.mock.failNext({ path: TOKEN_PATH, status: 500, times: 1000 });
    const value = JSON.parse(withdrawValue(receipt)) as Record<string, unknown>;
    const res = await post(
      w,
      cardActionEvent({
        ...envelopeOf(w),
        eventId: larkEventId(next()),
        operatorOpenId: w.zhang.openId,
        value,
        messageId: receipt.messageId,
        chatId: p2p,
      }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { toast?: { content: string } }).toast?.content).toContain("已撤回");
    expect(w.lark.mock.stats().byRoute["bot.info"]).toBeUndefined(); // it never once answered
  });

  test("a message that mentions the bot gets 503, and nothing is stored", async () => {
    const messageId = w.lark.mock.addUserMessage({ chatId: w.chat, openId: w.zhang.openId, content: "{}" }).messageId;
    const res = await post(
      w,
      textMessageEvent({
        ...envelopeOf(w),
        eventId: larkEventId(next()),
        chatId: w.chat,
        chatType: "group",
        senderOpenId: w.zhang.openId,
        text: "@绩效考核机器人 日报 整理了会议纪要",
        messageId,
        mentions: [{ openId: w.app.botOpenId, name: "绩效考核机器人" }],
      }),
    );
    expect(res.status).toBe(503);
    expect((await w.bot.db.select().from(records)).filter((r) => r.sourceMessageId === messageId)).toHaveLength(0);
  });
});

describe("over the long connection, with bot/v3/info held", () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld((lark) => lark.mock.failNext({ path: BOT_INFO, hold: true }), "ws");
    await vi.waitFor(() => expect(w.lark.mock.longConnection.connectedClients()).toBe(1));
    const added = await w.lark.mock.longConnection.push(
      botAddedEvent({
        ...envelopeOf(w),
        eventId: larkEventId(next()),
        chatId: w.chat,
        operatorOpenId: w.leader.openId,
      }),
    );
    expect(added.code).toBe(200);
    await w.bot.idle();
  });
  afterAll(() => stopWorld(w));

  test("a card callback frame is answered with toast and card while the look-up is held", async () => {
    const p2p = w.lark.mock.store.p2pChat(w.app.appId, w.zhang.openId).chatId;
    const messageId = w.lark.mock.addUserMessage({ chatId: p2p, openId: w.zhang.openId, content: "{}" }).messageId;
    const sent = await w.lark.mock.longConnection.push(
      textMessageEvent({
        ...envelopeOf(w),
        eventId: larkEventId(next()),
        chatId: p2p,
        chatType: "p2p",
        senderOpenId: w.zhang.openId,
        text: "整理了档案室",
        messageId,
      }),
    );
    expect(sent.code).toBe(200);
    await w.bot.idle();
    const receipt = receiptOf(w, messageId)!;
    const value = JSON.parse(withdrawValue(receipt)) as Record<string, unknown>;
    const answer = await w.lark.mock.longConnection.push(
      cardActionEvent({
        ...envelopeOf(w),
        eventId: larkEventId(next()),
        operatorOpenId: w.zhang.openId,
        value,
        messageId: receipt.messageId,
        chatId: p2p,
      }),
      { type: "card" },
    );
    expect(answer.code).toBe(200);
    expect(answer.data).toMatchObject({ toast: { type: "success" }, card: { type: "raw" } });
    expect(w.lark.mock.heldRequests()).toBe(1);
  });

  test("a message that mentions the bot is answered 500 until the look-up lands, then handled once", async () => {
    const messageId = w.lark.mock.addUserMessage({ chatId: w.chat, openId: w.zhang.openId, content: "{}" }).messageId;
    const delivered = w.lark.mock.longConnection.push(
      textMessageEvent({
        ...envelopeOf(w),
        eventId: larkEventId(next()),
        chatId: w.chat,
        chatType: "group",
        senderOpenId: w.zhang.openId,
        text: "@绩效考核机器人 日报 接待了来访群众",
        messageId,
        mentions: [{ openId: w.app.botOpenId, name: "绩效考核机器人" }],
      }),
    );
    // Lark is told "not handled" (code 500) and delivers it again, until the bot can read it.
    await vi.waitFor(() => expect(w.lark.mock.longConnection.stats.redeliveries).toBeGreaterThan(0), {
      timeout: 10_000,
    });
    expect((await w.bot.db.select().from(records)).filter((r) => r.sourceMessageId === messageId)).toHaveLength(0);
    w.lark.mock.releaseHeld();
    expect(await delivered).toMatchObject({ code: 200 });
    await w.bot.idle();
    expect((await w.bot.db.select().from(records)).filter((r) => r.sourceMessageId === messageId)).toMatchObject([
      { text: "接待了来访群众" },
    ]);
    expect(w.lark.mock.sentMessages({ chatId: w.chat }).filter((m) => m.parentId === messageId)).toHaveLength(1);
  });
});
