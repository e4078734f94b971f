/**
 * The real @larksuiteoapi/node-sdk against the mock over loopback: if the SDK accepts these
 * shapes (token, send, reply, patch, chat, members), the bot's Lark client will too.
 */
import * as lark from "@larksuiteoapi/node-sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMockLarkServer, type MockLarkServer } from "../../../src/channels/local/mock-lark";
import { larkChatId, larkOpenId } from "../../support/ids";

let server: MockLarkServer;
let client: lark.Client;
let appSeq = 0;

const text = (s: string) => JSON.stringify({ text: s });
// `loggerLevel: fatal` is 0, which the SDK reads as "unset" (`level || info`); a no-op logger is quiet.
const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

beforeEach(async () => {
  // The SDK caches tenant tokens per app_id in a module-wide cache by default: a fresh app_id per
  // test keeps one test's token (issued by a server now closed) out of the next.
  const app = { appId: `cli_sdk_${++appSeq}_${Date.now()}`, appSecret: "sdk-secret" };
  server = await startMockLarkServer({ apps: [app] });
  const members = Array.from({ length: 250 }, (_, i) => ({ openId: larkOpenId(`u${i}`), name: `用户${i}` }));
  server.mock.addChat({ chatId: larkChatId("all"), name: "全员", ownerOpenId: larkOpenId("u7"), members });
  server.mock.addChat({
    chatId: larkChatId("lonely"),
    name: "No bot",
    ownerOpenId: larkOpenId("u1"),
    members: members.slice(0, 2),
    botInChat: false,
  });
  client = new lark.Client({ ...app, domain: server.url, logger: quiet });
});
afterEach(() => server.close());

describe("the Lark SDK against the mock", () => {
  it("fetches one tenant token, then sends, replies and patches", async () => {
    const sent = await client.im.message.create({
      params: { receive_id_type: "chat_id" },
      data: { receive_id: larkChatId("all"), msg_type: "text", content: text("考核开始"), uuid: "start-1" },
    });
    expect(sent.code).toBe(0);
    expect(sent.data?.message_id).toMatch(/^om_/);
    expect(sent.data?.sender).toMatchObject({ id_type: "app_id", sender_type: "app" });

    const asked = server.mock.addUserMessage({
      chatId: larkChatId("all"),
      openId: larkOpenId("u3"),
      content: text("@bot 我的分数"),
    });
    const reply = await client.im.message.reply({
      path: { message_id: asked.messageId },
      data: { msg_type: "interactive", content: JSON.stringify({ schema: "2.0", body: { elements: [] } }) },
    });
    expect(reply.data).toMatchObject({
      parent_id: asked.messageId,
      root_id: asked.messageId,
      chat_id: larkChatId("all"),
    });

    const patched = await client.im.message.patch({
      path: { message_id: reply.data?.message_id ?? "" },
      data: { content: JSON.stringify({ schema: "2.0", body: { elements: [{ tag: "markdown", content: "85 分" }] } }) },
    });
    expect(patched.code).toBe(0);
    expect(server.mock.message(reply.data?.message_id ?? "")?.edits).toHaveLength(1);
    expect(server.mock.stats().byRoute["auth.tenant_access_token"]).toBe(1);
  });

  it("pages chat members with page_size 100, by hand and with the SDK's iterator", async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const res = await client.im.chatMembers.get({
        path: { chat_id: larkChatId("all") },
        params: { member_id_type: "open_id", page_size: 100, ...(pageToken ? { page_token: pageToken } : {}) },
      });
      pages++;
      expect(res.data?.member_total).toBe(250);
      seen.push(...(res.data?.items ?? []).map((m) => m.member_id ?? ""));
      pageToken = res.data?.has_more ? res.data.page_token : undefined;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(250);

    const viaIterator: string[] = [];
    for await (const page of await client.im.chatMembers.getWithIterator({
      path: { chat_id: larkChatId("all") },
      params: { member_id_type: "open_id", page_size: 100 },
    })) {
      viaIterator.push(...(page?.items ?? []).map((m) => m.name ?? ""));
    }
    expect(viaIterator).toHaveLength(250);
    expect(viaIterator[249]).toBe("用户249");
  });

  it("reads chat info and the bot's identity", async () => {
    const chat = await client.im.chat.get({
      path: { chat_id: larkChatId("all") },
      params: { user_id_type: "open_id" },
    });
    expect(chat.data).toMatchObject({
      name: "全员",
      owner_id: larkOpenId("u7"),
      owner_id_type: "open_id",
      chat_mode: "group",
      user_count: "250",
    });
    const info = (await client.request({ url: "/open-apis/bot/v3/info", method: "GET" })) as {
      bot?: { open_id?: string };
    };
    expect(info.bot?.open_id).toBe(server.mock.bot().botOpenId);
  });

  it("surfaces Lark's errors the way the SDK does: a rejected axios call with the body", async () => {
    const failure = await client.im.message
      .create({
        params: { receive_id_type: "chat_id" },
        data: { receive_id: larkChatId("lonely"), msg_type: "text", content: text("hi") },
      })
      .then(
        () => undefined,
        (err: { response?: { status: number; data: { code: number } } }) => err,
      );
    expect(failure?.response?.status).toBe(400);
    expect(failure?.response?.data.code).toBe(230002);

    for (let i = 0; i < 5; i++) {
      await client.im.message.create({
        params: { receive_id_type: "chat_id" },
        data: { receive_id: larkChatId("all"), msg_type: "text", content: text(`${i}`) },
      });
    }
    const limited = await client.im.message
      .create({
        params: { receive_id_type: "chat_id" },
        data: { receive_id: larkChatId("all"), msg_type: "text", content: text("6th") },
      })
      .then(
        () => undefined,
        (err: { response?: { data: { code: number } } }) => err,
      );
    expect(limited?.response?.data.code).toBe(230020);
  });

  it("a wrong app secret makes the SDK's token fetch fail, and nothing is sent", async () => {
    const bad = new lark.Client({ appId: `cli_bad_${Date.now()}`, appSecret: "x", domain: server.url, logger: quiet });
    server.mock.addApp({ appId: (bad as unknown as { appId: string }).appId, appSecret: "the-real-one" });
    await expect(
      bad.im.message.create({
        params: { receive_id_type: "chat_id" },
        data: { receive_id: larkChatId("all"), msg_type: "text", content: text("x") },
      }),
    ).rejects.toThrow();
    expect(server.mock.sentMessages()).toHaveLength(0);
  });
});
