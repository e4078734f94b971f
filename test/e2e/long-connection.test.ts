import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { silentLogger } from "../../src/bot/deps";
import { botAddedEvent, cardActionEvent, textMessageEvent } from "../../src/channels/local/lark-events";
import { startMockLarkServer, type MockLarkServer, type MockMessage } from "../../src/channels/local/mock-lark";
import { loadConfig } from "../../src/config";
import { adjustments, claimDecisions, members, processedEvents, records } from "../../src/db/schema";
import { startNodeBot, type NodeBot } from "../../src/node/start";
import { larkChatId, larkEventId, larkOpenId, larkTenantKey, nameSequence } from "../support/ids";
import { buttons } from "../support/card-buttons";

/**
 * The whole journey over Lark's long connection (LARK_EVENT_MODE=ws): the bot
 * dials the mock's endpoint, events and card callbacks arrive as protobuf
 * frames, answers go back as frames. Midway the link drops twice — once with
 * an answer lost after the bot acted, once with events sent while it is down —
 * and every event is still handled exactly once.
 */

const hex = (n: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(n / 2)), (b) => b.toString(16).padStart(2, "0")).join("");
// Every person, chat and event gets a new id from a readable name.
const next = nameSequence("long-connection");
const openId = () => larkOpenId(next());

const APP = { appId: `cli_${hex(16)}`, appSecret: hex(32), botOpenId: openId(), appName: "绩效考核机器人" };
const TENANT = larkTenantKey("long-connection");
const TOKEN = hex(32);
const CHAT = larkChatId(next());
const LEADER = { openId: openId(), name: "李主任" };
const ZHANG = { openId: openId(), name: "张三" };
const LI = { openId: openId(), name: "李四" };
const envelope = { token: TOKEN, appId: APP.appId, tenantKey: TENANT };

let dir: string;
let lark: MockLarkServer;
let bot: NodeBot;
let clockNow = new Date("2026-11-27T02:00:00Z").getTime();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-ws-"));
  lark = await startMockLarkServer({ apps: [APP], tenantKey: TENANT });
  // Quick reconnects, so the test does not wait Lark's two minutes.
  lark.mock.longConnection.setClientConfig({ PingInterval: 5, ReconnectInterval: 0.2, ReconnectNonce: 0.1 });
  for (const p of [LEADER, ZHANG, LI]) lark.mock.addUser(p);
  lark.mock.addChat({ chatId: CHAT, name: "综合办公室", ownerOpenId: LEADER.openId, members: [LEADER, ZHANG, LI] });
  const config = loadConfig({
    PORT: "0",
    DATABASE_URL: `file:${join(dir, "bot.db")}`,
    LARK_APP_ID: APP.appId,
    LARK_APP_SECRET: APP.appSecret,
    LARK_DOMAIN: lark.url,
    LARK_EVENT_MODE: "ws",
  });
  bot = await startNodeBot(config, { clock: { now: () => new Date(clockNow) }, log: silentLogger });
});
afterAll(async () => {
  await bot?.close();
  await lark?.close();
  await rm(dir, { recursive: true, force: true });
});

const hub = () => lark.mock.longConnection;

/** A person's group message that @mentions the bot, as Lark delivers it over the long connection. */
function groupMessage(from: { openId: string }, text: string, eventId = larkEventId(next())) {
  const messageId = lark.mock.addUserMessage({
    chatId: CHAT,
    openId: from.openId,
    content: JSON.stringify({ text }),
  }).messageId;
  const event = textMessageEvent({
    ...envelope,
    eventId,
    chatId: CHAT,
    chatType: "group",
    senderOpenId: from.openId,
    text: `@绩效考核机器人 ${text}`,
    messageId,
    mentions: [{ openId: APP.botOpenId, name: "绩效考核机器人" }],
  });
  return { event, messageId };
}

const repliesTo = (messageId: string) =>
  lark.mock.sentMessages({ chatId: CHAT }).filter((m) => m.parentId === messageId);

describe("the journey over the long connection", () => {
  test("the bot connected with its app's credentials; no webhook is served", async () => {
    expect(bot.longConnection?.isConnected()).toBe(true);
    await vi.waitFor(() => expect(hub().connectedClients()).toBe(1)); // once it has pinged

    expect((await fetch(`${bot.url}/lark/events`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  test("bot added: registered, welcomed, members read", async () => {
    const answer = await hub().push(
      botAddedEvent({ ...envelope, eventId: larkEventId(next()), chatId: CHAT, operatorOpenId: LEADER.openId }),
    );
    expect(answer).toMatchObject({ code: 200, attempts: 1 });
    await bot.idle();
    expect(lark.mock.sentMessages({ chatId: CHAT })).toHaveLength(1); // the welcome
    const people = await bot.db.select().from(members);
    expect(people.map((m) => m.userId).sort()).toEqual([LEADER.openId, ZHANG.openId, LI.openId].sort());
  });

  test("a record: one frame in, one answer out, one receipt", async () => {
    const { event, messageId } = groupMessage(ZHANG, "日报 整理了档案室");
    expect(await hub().push(event)).toMatchObject({ code: 200, attempts: 1 });
    await bot.idle();
    expect(await bot.db.select().from(records)).toMatchObject([{ text: "整理了档案室", sourceMessageId: messageId }]);
    expect(repliesTo(messageId)).toHaveLength(1);
  });

  test("a payload Lark splits over three frames is put back together", async () => {
    const { event, messageId } = groupMessage(LI, `日报 ${"核对了第三季度的报销凭证，".repeat(20)}`);
    expect(await hub().push(event, { parts: 3 })).toMatchObject({ code: 200 });
    await bot.idle();
    const [row] = (await bot.db.select().from(records)).filter((r) => r.sourceMessageId === messageId);
    expect(row?.text).toBe(`${"核对了第三季度的报销凭证，".repeat(20)}`.trim());
  });

  test("the link dies after the bot acted but before Lark got the answer: redelivered after the reconnect, handled once", async () => {
    const before = hub().stats.connections;
    hub().loseNextAnswers(1);
    const { event, messageId } = groupMessage(ZHANG, "日报 起草了年终总结提纲");
    const answer = await hub().push(event);
    // Sent twice (the first answer was lost with the socket), answered once the bot was back.
    expect(answer).toMatchObject({ code: 200, attempts: 2 });
    expect(hub().stats.connections).toBe(before + 1);
    await bot.idle();
    expect((await bot.db.select().from(records)).filter((r) => r.sourceMessageId === messageId)).toHaveLength(1);
    expect(repliesTo(messageId)).toHaveLength(1);
  });

  test("events sent while the link is down wait, and arrive once after the reconnect", async () => {
    const connected = hub().stats.connections;
    hub().dropConnections();
    expect(hub().connectedClients()).toBe(0);
    const a = groupMessage(LI, "日报 接待了来访群众");
    const b = groupMessage(ZHANG, "日报 整理了会议纪要");
    const answers = Promise.all([hub().push(a.event), hub().push(b.event)]);
    expect(hub().pending()).toBe(2); // nobody to deliver to: queued, as Lark keeps them
    // The same event delivered a second time (Lark's retry) is answered and does nothing.
    const again = hub().push(a.event);
    expect(await answers).toMatchObject([
      { code: 200, attempts: 1 },
      { code: 200, attempts: 1 },
    ]);
    expect(await again).toMatchObject({ code: 200 });
    await bot.longConnection!.whenConnected(connected + 1);
    await bot.idle();
    for (const m of [a, b]) {
      expect((await bot.db.select().from(records)).filter((r) => r.sourceMessageId === m.messageId)).toHaveLength(1);
      expect(repliesTo(m.messageId)).toHaveLength(1);
    }
    const handled = await bot.db.select().from(processedEvents);
    expect(new Set(handled.map((e) => e.eventId)).size).toBe(handled.length);
  });

  test("a claim's approval card, clicked: the callback's answer carries the toast and the updated card", async () => {
    const { event } = groupMessage(ZHANG, "申报 加分 联村 2 牵头完成秋收调度");
    expect(await hub().push(event)).toMatchObject({ code: 200 });
    const [card] = await lark.mock.waitForMessages(
      (m) => m.msgType === "interactive" && lark.mock.sentMessages({ openId: LEADER.openId }).includes(m),
    );
    await bot.idle();
    const approve = buttons((card as MockMessage).parsed).approve!;
    const eventId = larkEventId(next());
    const click = cardActionEvent({
      ...envelope,
      eventId,
      operatorOpenId: LEADER.openId,
      value: approve,
      messageId: card!.messageId,
      chatId: card!.chatId,
    });
    // Some tenants get callbacks as `card` frames, others as `event` frames: both are answered.
    const answer = await hub().push(click, { type: "card" });
    expect(answer.code).toBe(200);
    const data = answer.data as { toast?: { type: string }; card?: { type: string; data: unknown } };
    expect(data.toast).toMatchObject({ type: "success" });
    expect(data.card?.type).toBe("raw");
    expect(JSON.stringify(data.card?.data)).toContain("已同意 · 李主任");
    await bot.idle();
    expect(await bot.db.select().from(claimDecisions)).toHaveLength(1);
    expect(await bot.db.select().from(adjustments)).toMatchObject([{ points: 2 }]);
    expect(JSON.stringify(lark.mock.sentMessages({ openId: ZHANG.openId }).at(-1)?.parsed)).toContain("申报已同意");

    // The same callback again, as an `event` frame: answered, and nothing changes.
    const replay = await hub().push(click, { type: "event" });
    expect((replay.data as { toast?: { content: string } }).toast?.content).toContain("已处理过了");
    expect(await bot.db.select().from(claimDecisions)).toHaveLength(1);
  });
});

describe("starting with credentials Lark refuses", () => {
  test("npm start's bot stops with one line that says what to check, and leaves nothing running", async () => {
    const config = loadConfig({
      PORT: "0",
      DATABASE_URL: `file:${join(dir, "refused.db")}`,
      LARK_APP_ID: APP.appId,
      LARK_APP_SECRET: "not-the-secret",
      LARK_DOMAIN: lark.url,
      LARK_EVENT_MODE: "ws",
    });
    await expect(startNodeBot(config, { log: silentLogger })).rejects.toThrow(
      /Lark refused the long connection \(check LARK_APP_ID \/ LARK_APP_SECRET.*code 514/,
    );
  });
});
