import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createMockLark,
  LarkCode,
  MOCK_TENANT_KEY,
  startMockLarkServer,
  type MockLarkServer,
} from "../../../src/channels/local/mock-lark";
import { larkChatId, larkMessageId, larkOpenId } from "../../support/ids";

const APP = { appId: "cli_fetch_app", appSecret: "s3cret" };
const OTHER = { appId: "cli_other_app", appSecret: "other" };
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

let clock = T0;
let server: MockLarkServer;

const raw = async (method: string, path: string, init: { body?: unknown; token?: string } = {}) => {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(server.url + path, {
    method,
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
};

const tokenFor = async (app: { appId: string; appSecret: string } = APP): Promise<string> => {
  const res = await raw("POST", "/open-apis/auth/v3/tenant_access_token/internal", {
    body: { app_id: app.appId, app_secret: app.appSecret },
  });
  return res.body.tenant_access_token as string;
};

const members = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ openId: larkOpenId(`m${i}`), name: `Member ${i}` }));
const text = (s: string) => JSON.stringify({ text: s });
const card = (title: string) =>
  JSON.stringify({
    schema: "2.0",
    config: { update_multi: true },
    header: { title: { tag: "plain_text", content: title } },
    body: { elements: [] },
  });

beforeEach(async () => {
  clock = T0;
  server = await startMockLarkServer({ apps: [APP, OTHER], now: () => clock });
  server.mock.addChat({ chatId: larkChatId("team"), name: "Team", ownerOpenId: larkOpenId("m0"), members: members(3) });
  server.mock.addChat({
    chatId: larkChatId("nobot"),
    name: "No bot",
    ownerOpenId: larkOpenId("m0"),
    members: members(2),
    botInChat: false,
  });
});
afterEach(() => server.close());

describe("tenant_access_token", () => {
  it("issues a t- token with expire 7200 at the top level, and reuses it while 30+ minutes remain", async () => {
    const first = await raw("POST", "/open-apis/auth/v3/tenant_access_token/internal", {
      body: { app_id: APP.appId, app_secret: APP.appSecret },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ code: 0, msg: "ok", expire: 7200 });
    expect(first.body.tenant_access_token).toMatch(/^t-[0-9a-f]{40}$/);
    expect(first.body.data).toBeUndefined();

    clock += 10 * 60_000;
    const again = await raw("POST", "/open-apis/auth/v3/tenant_access_token/internal", {
      body: { app_id: APP.appId, app_secret: APP.appSecret },
    });
    expect(again.body.tenant_access_token).toBe(first.body.tenant_access_token);
    expect(again.body.expire).toBe(6600);
  });

  it("renews under 30 minutes left; the old token works until its own 2 hours are up", async () => {
    const old = await tokenFor();
    clock += 95 * 60_000;
    const fresh = await tokenFor();
    expect(fresh).not.toBe(old);
    expect((await raw("GET", "/open-apis/bot/v3/info", { token: old })).body.code).toBe(0);
    clock += 26 * 60_000;
    const expired = await raw("GET", "/open-apis/bot/v3/info", { token: old });
    expect(expired).toMatchObject({ status: 400, body: { code: LarkCode.TOKEN_INVALID } });
    expect((await raw("GET", "/open-apis/bot/v3/info", { token: fresh })).body.code).toBe(0);
  });

  it("refuses a wrong secret with 10014 and an unknown app with 10003", async () => {
    const wrong = await raw("POST", "/open-apis/auth/v3/tenant_access_token/internal", {
      body: { app_id: APP.appId, app_secret: "nope" },
    });
    expect(wrong).toMatchObject({ status: 400, body: { code: 10014, msg: "app secret invalid" } });
    expect(wrong.body.tenant_access_token).toBeUndefined();
    const unknown = await raw("POST", "/open-apis/auth/v3/tenant_access_token/internal", {
      body: { app_id: "cli_nobody", app_secret: "x" },
    });
    expect(unknown).toMatchObject({ status: 400, body: { code: 10003 } });
  });

  it("answers a missing, malformed or unknown bearer token with HTTP 400 and Lark's codes", async () => {
    expect(await raw("GET", "/open-apis/bot/v3/info")).toMatchObject({ status: 400, body: { code: 99991661 } });
    expect(await raw("GET", "/open-apis/bot/v3/info", { token: "abc" })).toMatchObject({ body: { code: 99991671 } });
    const unknown = await raw("GET", "/open-apis/bot/v3/info", { token: "t-0000" });
    expect(unknown).toMatchObject({ status: 400, body: { code: 99991663 } });
    expect(unknown.body.error.log_id).toBeTruthy();
  });
});

describe("bot and chats", () => {
  it("bot/v3/info reports the bot's open_id and app name under `bot`", async () => {
    const res = await raw("GET", "/open-apis/bot/v3/info", { token: await tokenFor() });
    expect(res.body).toMatchObject({
      code: 0,
      bot: { open_id: server.mock.bot().botOpenId, app_name: "Appraisal Bot" },
    });
    expect(res.body.bot.open_id).toMatch(/^ou_/);
  });

  it("chat get returns owner_id in the requested id type, and only a brief view outside the chat", async () => {
    const token = await tokenFor();
    const full = await raw("GET", `/open-apis/im/v1/chats/${larkChatId("team")}?user_id_type=open_id`, { token });
    expect(full.body).toMatchObject({
      code: 0,
      data: { name: "Team", owner_id: larkOpenId("m0"), owner_id_type: "open_id", chat_mode: "group", user_count: "3" },
    });
    const byUserId = await raw("GET", `/open-apis/im/v1/chats/${larkChatId("team")}?user_id_type=user_id`, { token });
    expect(byUserId.body.data.owner_id).toBe(server.mock.store.users.get(larkOpenId("m0"))?.userId);
    const outside = await raw("GET", `/open-apis/im/v1/chats/${larkChatId("nobot")}`, { token });
    expect(outside.body.data).toEqual({
      avatar: "",
      name: "No bot",
      user_count: "2",
      bot_count: "0",
      chat_status: "normal",
    });
    expect((await raw("GET", `/open-apis/im/v1/chats/${larkChatId("missing")}`, { token })).body.code).toBe(
      LarkCode.CHAT_ID_INVALID,
    );
  });

  it("pages 250 members 100 at a time, page_token only while has_more", async () => {
    server.mock.addChat({
      chatId: larkChatId("big"),
      name: "Big",
      ownerOpenId: larkOpenId("m0"),
      members: members(250),
    });
    const token = await tokenFor();
    const pages: Record<string, any>[] = [];
    let pageToken: string | undefined;
    do {
      const q = `member_id_type=open_id&page_size=100${pageToken ? `&page_token=${encodeURIComponent(pageToken)}` : ""}`;
      const res = await raw("GET", `/open-apis/im/v1/chats/${larkChatId("big")}/members?${q}`, { token });
      expect(res.body.code).toBe(0);
      pages.push(res.body.data);
      pageToken = res.body.data.page_token;
    } while (pageToken);
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 50]);
    expect(pages.map((p) => p.has_more)).toEqual([true, true, false]);
    expect(pages[2]).not.toHaveProperty("page_token");
    expect(pages.every((p) => p.member_total === 250)).toBe(true);
    const ids = pages.flatMap((p) => p.items.map((i: { member_id: string }) => i.member_id));
    expect(new Set(ids).size).toBe(250);
    expect(pages[0]?.items[0]).toEqual({
      member_id_type: "open_id",
      member_id: larkOpenId("m0"),
      name: "Member 0",
      tenant_key: MOCK_TENANT_KEY,
    });
  });

  it("defaults to 20 a page, caps page_size at 100, and needs the bot in the chat", async () => {
    server.mock.addChat({
      chatId: larkChatId("big"),
      name: "Big",
      ownerOpenId: larkOpenId("m0"),
      members: members(30),
    });
    const token = await tokenFor();
    expect(
      (await raw("GET", `/open-apis/im/v1/chats/${larkChatId("big")}/members`, { token })).body.data.items,
    ).toHaveLength(20);
    const tooBig = await raw("GET", `/open-apis/im/v1/chats/${larkChatId("big")}/members?page_size=101`, { token });
    expect(tooBig).toMatchObject({ status: 400, body: { code: LarkCode.FIELD_VALIDATION } });
    const outside = await raw("GET", `/open-apis/im/v1/chats/${larkChatId("nobot")}/members`, { token });
    expect(outside).toMatchObject({ status: 400, body: { code: LarkCode.OPERATOR_NOT_IN_CHAT } });
  });
});

describe("send and reply", () => {
  it("sends to a chat and returns Lark's message object; the mock keeps the parsed content", async () => {
    const res = await raw("POST", "/open-apis/im/v1/messages?receive_id_type=chat_id", {
      token: await tokenFor(),
      body: { receive_id: larkChatId("team"), msg_type: "text", content: text("日报已收到") },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: 0,
      data: {
        msg_type: "text",
        chat_id: larkChatId("team"),
        create_time: String(T0),
        sender: { id: APP.appId, id_type: "app_id", sender_type: "app" },
        body: { content: text("日报已收到") },
      },
    });
    expect(res.body.data.message_id).toMatch(/^om_[0-9a-f]{32}$/);
    const [sent] = server.mock.sentMessages({ chatId: larkChatId("team") });
    expect(sent?.parsed).toEqual({ text: "日报已收到" });
  });

  it("sends to a user by open_id into their p2p chat; refuses unknown and unavailable users", async () => {
    const token = await tokenFor();
    server.mock.addUser({ openId: larkOpenId("away"), name: "Away", available: false });
    const res = await raw("POST", "/open-apis/im/v1/messages?receive_id_type=open_id", {
      token,
      body: { receive_id: larkOpenId("m1"), msg_type: "text", content: text("hi") },
    });
    expect(res.body.data.chat_id).toMatch(/^oc_/);
    expect(server.mock.sentMessages({ openId: larkOpenId("m1") })).toHaveLength(1);
    const unknown = await raw("POST", "/open-apis/im/v1/messages?receive_id_type=open_id", {
      token,
      body: { receive_id: larkOpenId("ghost"), msg_type: "text", content: text("hi") },
    });
    expect(unknown.body.code).toBe(LarkCode.RECEIVE_ID_INVALID);
    const away = await raw("POST", "/open-apis/im/v1/messages?receive_id_type=open_id", {
      token,
      body: { receive_id: larkOpenId("away"), msg_type: "text", content: text("hi") },
    });
    expect(away.body.code).toBe(LarkCode.BOT_NO_AVAILABILITY);
  });

  it("refuses a chat without the bot (230002), bad params (99992402 / 230001) and oversized content (230025)", async () => {
    const token = await tokenFor();
    const send = (query: string, body: unknown) => raw("POST", `/open-apis/im/v1/messages${query}`, { token, body });
    expect(
      await send("?receive_id_type=chat_id", { receive_id: larkChatId("nobot"), msg_type: "text", content: text("x") }),
    ).toMatchObject({ status: 400, body: { code: 230002, msg: "The bot can not be outside the group." } });
    expect((await send("", { receive_id: larkChatId("team"), msg_type: "text", content: text("x") })).body.code).toBe(
      99992402,
    );
    expect(
      (await send("?receive_id_type=chat_id", { receive_id: larkChatId("team"), msg_type: "text" })).body.code,
    ).toBe(99992402);
    expect(
      (
        await send("?receive_id_type=chat_id", {
          receive_id: larkChatId("team"),
          msg_type: "text",
          content: "not json",
        })
      ).body.code,
    ).toBe(230001);

    const bigCard = JSON.stringify({
      schema: "2.0",
      body: { elements: [{ tag: "markdown", content: "x".repeat(31 * 1024) }] },
    });
    expect(
      (
        await send("?receive_id_type=chat_id", {
          receive_id: larkChatId("team"),
          msg_type: "interactive",
          content: bigCard,
        })
      ).body.code,
    ).toBe(230025);
    const okText = text("字".repeat(40_000)); // 120 KB of UTF-8: fine for text, over the 30 KB card limit
    expect(
      (await send("?receive_id_type=chat_id", { receive_id: larkChatId("team"), msg_type: "text", content: okText }))
        .body.code,
    ).toBe(0);
    expect(
      (
        await send("?receive_id_type=chat_id", {
          receive_id: larkChatId("team"),
          msg_type: "text",
          content: text("字".repeat(52_000)),
        })
      ).body.code,
    ).toBe(230025);
    expect(server.mock.sentMessages()).toHaveLength(1);
  });

  it("a repeated uuid within an hour returns the first message and stores nothing new", async () => {
    const token = await tokenFor();
    const body = {
      receive_id: larkChatId("team"),
      msg_type: "text",
      content: text("ranking"),
      uuid: `rk:2026-01:${larkChatId("team")}`,
    };
    const first = await raw("POST", "/open-apis/im/v1/messages?receive_id_type=chat_id", { token, body });
    clock += 59 * 60_000;
    const second = await raw("POST", "/open-apis/im/v1/messages?receive_id_type=chat_id", { token, body });
    expect(second.body.data.message_id).toBe(first.body.data.message_id);
    expect(server.mock.sentMessages()).toHaveLength(1);
    clock += 2 * 60_000;
    const later = await raw("POST", "/open-apis/im/v1/messages?receive_id_type=chat_id", { token, body });
    expect(later.body.data.message_id).not.toBe(first.body.data.message_id);
    const tooLong = await raw("POST", "/open-apis/im/v1/messages?receive_id_type=chat_id", {
      token,
      body: { ...body, uuid: "u".repeat(51) },
    });
    expect(tooLong.body.code).toBe(LarkCode.FIELD_VALIDATION);
  });

  it("replies to a user's message with root and parent ids, deduped by uuid too", async () => {
    const token = await tokenFor();
    const asked = server.mock.addUserMessage({
      chatId: larkChatId("team"),
      openId: larkOpenId("m1"),
      content: text("@bot 日报 done"),
    });
    const body = { msg_type: "text", content: text("收到"), uuid: "reply-1" };
    const res = await raw("POST", `/open-apis/im/v1/messages/${asked.messageId}/reply`, { token, body });
    expect(res.body.data).toMatchObject({
      chat_id: larkChatId("team"),
      root_id: asked.messageId,
      parent_id: asked.messageId,
    });
    const again = await raw("POST", `/open-apis/im/v1/messages/${asked.messageId}/reply`, { token, body });
    expect(again.body.data.message_id).toBe(res.body.data.message_id);
    const inThread = await raw("POST", `/open-apis/im/v1/messages/${asked.messageId}/reply`, {
      token,
      body: { msg_type: "text", content: text("thread"), reply_in_thread: true },
    });
    expect(inThread.body.data.thread_id).toMatch(/^omt_/);
    const missing = await raw("POST", `/open-apis/im/v1/messages/${larkMessageId("missing")}/reply`, { token, body });
    expect(missing.body.code).toBe(LarkCode.MESSAGE_ID_NOT_EXIST);
    expect(server.mock.sentMessages({ chatId: larkChatId("team") })).toHaveLength(2);
  });
});

describe("card PATCH", () => {
  it("updates a card the bot sent and records the edit history", async () => {
    const token = await tokenFor();
    const sent = await raw("POST", "/open-apis/im/v1/messages?receive_id_type=chat_id", {
      token,
      body: { receive_id: larkChatId("team"), msg_type: "interactive", content: card("v1") },
    });
    const id = sent.body.data.message_id as string;
    clock += 5_000;
    const patched = await raw("PATCH", `/open-apis/im/v1/messages/${id}`, { token, body: { content: card("v2") } });
    expect(patched).toMatchObject({ status: 200, body: { code: 0, msg: "ok", data: {} } });
    const message = server.mock.message(id);
    expect(message?.parsed).toMatchObject({ header: { title: { content: "v2" } } });
    expect(message?.edits).toEqual([
      expect.objectContaining({ via: "patch", at: T0 + 5_000, parsed: expect.objectContaining({ schema: "2.0" }) }),
    ]);
    expect(message?.updateTime).toBe(T0 + 5_000);
  });

  it("refuses non-cards (230001), another app's card (230027), oversized cards (230025) and cards older than 14 days (230031)", async () => {
    const token = await tokenFor();
    const send = async (msgType: string, content: string) =>
      (
        await raw("POST", "/open-apis/im/v1/messages?receive_id_type=chat_id", {
          token,
          body: { receive_id: larkChatId("team"), msg_type: msgType, content },
        })
      ).body.data.message_id as string;
    const textId = await send("text", text("plain"));
    const cardId = await send("interactive", card("v1"));
    const patch = (id: string, content: string, t = token) =>
      raw("PATCH", `/open-apis/im/v1/messages/${id}`, { token: t, body: { content } });

    expect((await patch(textId, card("x"))).body.code).toBe(230001);
    expect((await patch(cardId, card("x"), await tokenFor(OTHER))).body.code).toBe(230027);
    const huge = JSON.stringify({
      schema: "2.0",
      body: { elements: [{ tag: "markdown", content: "y".repeat(31 * 1024) }] },
    });
    expect((await patch(cardId, huge)).body.code).toBe(230025);
    expect((await patch(larkMessageId("nothing"), card("x"))).body.code).toBe(LarkCode.MESSAGE_ID_NOT_EXIST);
    clock += 14 * 24 * 3600_000 + 1;
    expect((await patch(cardId, card("late"), await tokenFor())).body.code).toBe(230031);
    expect(server.mock.message(cardId)?.edits).toHaveLength(0);
  });
});

describe("inspection and waiting", () => {
  it("GET /mock/messages?since= returns changes after a revision, including edits", async () => {
    const token = await tokenFor();
    const sent = await raw("POST", "/open-apis/im/v1/messages?receive_id_type=chat_id", {
      token,
      body: { receive_id: larkChatId("team"), msg_type: "interactive", content: card("v1") },
    });
    const first = (await (await fetch(`${server.url}/mock/messages?since=0`)).json()) as Record<string, any>;
    expect(first.messages).toHaveLength(1);
    expect(first.messages[0]).toMatchObject({
      message_id: sent.body.data.message_id,
      seq: 1,
      parsed: { schema: "2.0" },
    });
    const none = (await (await fetch(`${server.url}/mock/messages?since=${first.cursor}`)).json()) as Record<
      string,
      any
    >;
    expect(none.messages).toEqual([]);
    await raw("PATCH", `/open-apis/im/v1/messages/${sent.body.data.message_id}`, {
      token,
      body: { content: card("v2") },
    });
    const changed = (await (await fetch(`${server.url}/mock/messages?since=${first.cursor}`)).json()) as Record<
      string,
      any
    >;
    expect(changed.messages[0]).toMatchObject({ seq: 1, updated: true, edits: [{ via: "patch" }] });
    expect(changed.cursor).toBeGreaterThan(first.cursor);
    const chats = (await (await fetch(`${server.url}/mock/chats`)).json()) as Record<string, any>;
    expect(chats.chats.find((c: { chat_id: string }) => c.chat_id === larkChatId("team")).members).toHaveLength(3);
  });

  it("POST /mock/user-messages and /mock/card-tokens let the playground act as a person", async () => {
    const post = async (path: string, body: unknown) =>
      (await (await fetch(server.url + path, { method: "POST", body: JSON.stringify(body) })).json()) as Record<
        string,
        any
      >;
    const { message } = await post("/mock/user-messages", {
      chat_id: larkChatId("team"),
      open_id: larkOpenId("m2"),
      content: text("@bot 申诉"),
    });
    expect(message).toMatchObject({
      chat_id: larkChatId("team"),
      sender: { id: larkOpenId("m2"), sender_type: "user" },
      parsed: { text: "@bot 申诉" },
    });
    expect(server.mock.sentMessages()).toEqual([]);
    expect(
      (
        await post("/mock/user-messages", {
          chat_id: larkChatId("nope"),
          open_id: larkOpenId("m2"),
          content: text("x"),
        })
      ).code,
    ).toBe(232006);

    const token = await tokenFor();
    const sent = await raw("POST", `/open-apis/im/v1/messages/${message.message_id}/reply`, {
      token,
      body: { msg_type: "interactive", content: card("appeal") },
    });
    const { token: cardToken } = await post("/mock/card-tokens", { message_id: sent.body.data.message_id });
    const updated = await raw("POST", "/open-apis/interactive/v1/card/update", {
      token,
      body: { token: cardToken, card: JSON.parse(card("appeal accepted")) },
    });
    expect(updated.body.code).toBe(0);
  });

  it("waitForMessages resolves when matching messages arrive and rejects on timeout", async () => {
    const token = await tokenFor();
    const waiting = server.mock.waitForMessages((m) => m.chatId === larkChatId("team"), { count: 2, timeoutMs: 2000 });
    for (const s of ["a", "b"]) {
      await raw("POST", "/open-apis/im/v1/messages?receive_id_type=chat_id", {
        token,
        body: { receive_id: larkChatId("team"), msg_type: "text", content: text(s) },
      });
    }
    expect((await waiting).map((m) => m.parsed)).toEqual([{ text: "a" }, { text: "b" }]);
    await expect(
      server.mock.waitForMessages((m) => m.chatId === larkChatId("nobot"), { timeoutMs: 30 }),
    ).rejects.toThrow(/waited 30 ms/);
  });
});

describe("mounting", () => {
  it("serves the same API mounted under a prefix inside another Hono app, errors included", async () => {
    const mock = createMockLark({ apps: [APP] });
    mock.addChat({ chatId: larkChatId("x"), name: "X", ownerOpenId: larkOpenId("m0"), members: members(1) });
    const outer = new Hono();
    outer.route("/lark-mock", mock.app);
    const tokenRes = await outer.request("/lark-mock/open-apis/auth/v3/tenant_access_token/internal", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ app_id: APP.appId, app_secret: APP.appSecret }),
    });
    const { tenant_access_token: token } = (await tokenRes.json()) as { tenant_access_token: string };
    const sent = await outer.request("/lark-mock/open-apis/im/v1/messages?receive_id_type=chat_id", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ receive_id: larkChatId("x"), msg_type: "text", content: text("hi") }),
    });
    expect(sent.status).toBe(200);
    const refused = await outer.request(`/lark-mock/open-apis/im/v1/chats/${larkChatId("x")}`, {
      headers: { authorization: "Bearer t-bad" },
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: LarkCode.TOKEN_INVALID });
  });
});
