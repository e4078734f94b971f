import * as lark from "@larksuiteoapi/node-sdk";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { silentLogger } from "../../../src/bot/deps";
import { startLongConnection } from "../../../src/channels/lark/long-connection/client";
import { EndpointError } from "../../../src/channels/lark/long-connection/endpoint";
import { cardActionEvent, textMessageEvent } from "../../../src/channels/local/lark-events";
import { startMockLarkServer, type MockLarkServer } from "../../../src/channels/local/mock-lark";
import { larkChatId, larkEventId, larkMessageId, larkOpenId, larkTenantKey, nameSequence } from "../../support/ids";

/**
 * The mock speaks Lark's long-connection protocol as the official SDK reads
 * it: the SDK's own WSClient connects to the mock's endpoint, decodes its
 * frames with the SDK's protobuf code, answers them, pings, reconnects after a
 * drop. (The bot's own client is tested against the same mock end to end.)
 */

const hex = (n: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(n / 2)), (b) => b.toString(16).padStart(2, "0")).join("");
// The SDK's WSClient refuses app ids that are not `cli_` + 16 hex, as real ones are.
const APP = {
  appId: `cli_${hex(16)}`,
  appSecret: hex(32),
  botOpenId: larkOpenId("sdk-bot"),
  appName: "绩效考核机器人",
};
const TENANT = larkTenantKey("sdk");
// Every message, chat and person is new: the SDK sees unrelated events.
const next = nameSequence("sdk");
const envelope = { token: hex(32), appId: APP.appId, tenantKey: TENANT };
const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

let server: MockLarkServer;
beforeAll(async () => {
  server = await startMockLarkServer({ apps: [APP], tenantKey: TENANT });
  server.mock.longConnection.setClientConfig({ PingInterval: 1, ReconnectInterval: 0.2, ReconnectNonce: 0.1 });
});
afterAll(() => server.close());

const hub = () => server.mock.longConnection;

function message(text: string) {
  const messageId = larkMessageId(next());
  const event = textMessageEvent({
    ...envelope,
    eventId: larkEventId(next()),
    chatId: larkChatId(next()),
    chatType: "p2p",
    senderOpenId: larkOpenId(next()),
    messageId,
    text,
  });
  return { event, messageId };
}

describe("the official SDK's WSClient against the mock", () => {
  const received: { message_id?: string; text?: string }[] = [];
  let client: lark.WSClient;

  beforeAll(async () => {
    const dispatcher = new lark.EventDispatcher({ logger: quiet }).register({
      "im.message.receive_v1": async (data: { message: { message_id: string; content: string } }) => {
        received.push({
          message_id: data.message.message_id,
          text: (JSON.parse(data.message.content) as { text: string }).text,
        });
      },
      "card.action.trigger": async () => ({ toast: { type: "success", content: "已同意" } }),
    } as never);
    client = new lark.WSClient({
      appId: APP.appId,
      appSecret: APP.appSecret,
      domain: server.url,
      logger: quiet,
      loggerLevel: lark.LoggerLevel.error,
    });
    await client.start({ eventDispatcher: dispatcher });
    await vi.waitFor(() => expect(hub().connectedClients()).toBe(1), { timeout: 10_000 });
  });
  afterAll(() => client.close({ force: true }));

  test("an event frame is decoded, handled and answered with code 200", async () => {
    const { event, messageId } = message("日报 整理了档案室");
    expect(await hub().push(event)).toMatchObject({ code: 200, attempts: 1 });
    expect(received.at(-1)).toEqual({ message_id: messageId, text: "日报 整理了档案室" });
  });

  test("a payload split over three frames is joined by the SDK", async () => {
    const { event, messageId } = message(`日报 ${"走访了三户困难群众，".repeat(30)}`);
    expect(await hub().push(event, { parts: 3 })).toMatchObject({ code: 200 });
    expect(received.at(-1)?.message_id).toBe(messageId);
  });

  test("a card callback's answer comes back base64-encoded in the response frame", async () => {
    const click = cardActionEvent({
      ...envelope,
      eventId: larkEventId(next()),
      operatorOpenId: larkOpenId(next()),
      value: { a: "claim.decide" },
      messageId: larkMessageId(next()),
      chatId: larkChatId(next()),
    });
    const answer = await hub().push(click);
    expect(answer).toMatchObject({ code: 200, data: { toast: { type: "success", content: "已同意" } } });
  });

  test("the SDK pings and the mock answers with a pong carrying the client config", async () => {
    await expect.poll(() => hub().stats.pings, { timeout: 10_000 }).toBeGreaterThan(0);
  });

  test("after a drop the SDK reconnects and receives what was sent meanwhile", async () => {
    const connections = hub().stats.connections;
    hub().dropConnections();
    const { event, messageId } = message("日报 整理了会议纪要");
    const answer = hub().push(event);
    expect(hub().pending()).toBe(1);
    expect(await answer).toMatchObject({ code: 200, attempts: 1 });
    expect(hub().stats.connections).toBe(connections + 1);
    expect(received.at(-1)?.message_id).toBe(messageId);
  });
});

describe("the endpoint and the socket refuse strangers", () => {
  test("a wrong secret: the endpoint refuses, and the bot's client gives up with the reason", async () => {
    const connection = startLongConnection({
      appId: APP.appId,
      appSecret: "wrong",
      domain: server.url,
      log: silentLogger,
      handle: async () => undefined,
    });
    await expect(connection.started).rejects.toBeInstanceOf(EndpointError);
    await expect(connection.started).rejects.toMatchObject({ retryable: false, code: 514 });
    await connection.close();
  });

  test("a socket without a ticket, or with one already used, is refused before the handshake", async () => {
    const res = await fetch(`${server.url}/callback/ws/endpoint`, {
      method: "POST",
      body: JSON.stringify({ AppID: APP.appId, AppSecret: APP.appSecret }),
    });
    const { data } = (await res.json()) as { data: { URL: string } };
    const status = (url: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url);
        ws.on("open", () => {
          resolve(101);
          ws.terminate();
        });
        ws.on("unexpected-response", (_req, r) => resolve(r.statusCode ?? 0));
        ws.on("error", () => resolve(-1));
      });
    expect(await status(data.URL.replace(/ticket=[^&]+/, "ticket=forged"))).toBe(403);
    expect(await status(data.URL)).toBe(101);
    expect(await status(data.URL)).toBe(403); // one-time
  });
});
