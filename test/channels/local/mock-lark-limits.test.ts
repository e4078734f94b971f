import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LarkCode, startMockLarkServer, type MockLarkServer } from "../../../src/channels/local/mock-lark";
import { larkChatId, larkOpenId } from "../../support/ids";

const APP = { appId: "cli_limits_app", appSecret: "s3cret" };
const OTHER = { appId: "cli_limits_other", appSecret: "other" };
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

let clock = T0;
let server: MockLarkServer;
let token: string;

const raw = async (method: string, path: string, body?: unknown, bearer = token) => {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
};

const tokenFor = async (app: { appId: string; appSecret: string }) => {
  const res = await fetch(`${server.url}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ app_id: app.appId, app_secret: app.appSecret }),
  });
  return ((await res.json()) as { tenant_access_token: string }).tenant_access_token;
};

const sendText = (chatId: string, s: string, bearer = token) =>
  raw(
    "POST",
    "/open-apis/im/v1/messages?receive_id_type=chat_id",
    { receive_id: chatId, msg_type: "text", content: JSON.stringify({ text: s }) },
    bearer,
  );

const sendCard = async (chatId: string, card: Record<string, unknown>) =>
  (
    await raw("POST", "/open-apis/im/v1/messages?receive_id_type=chat_id", {
      receive_id: chatId,
      msg_type: "interactive",
      content: JSON.stringify(card),
    })
  ).body.data.message_id as string;

const v2card = (title: string) => ({
  schema: "2.0",
  header: { title: { tag: "plain_text", content: title } },
  body: { elements: [] },
});

beforeEach(async () => {
  clock = T0;
  server = await startMockLarkServer({ apps: [APP, OTHER], now: () => clock });
  const people = [
    { openId: larkOpenId("a"), name: "A" },
    { openId: larkOpenId("b"), name: "B" },
  ];
  server.mock.addChat({ chatId: larkChatId("one"), name: "One", ownerOpenId: larkOpenId("a"), members: people });
  server.mock.addChat({ chatId: larkChatId("two"), name: "Two", ownerOpenId: larkOpenId("a"), members: people });
  token = await tokenFor(APP);
});
afterEach(() => server.close());

describe("per-app, per-API limit (50/s, 1000/min)", () => {
  it("answers the 51st request in one second with 429, 99991400 and the reset headers", async () => {
    for (let i = 0; i < 50; i++)
      expect((await raw("GET", `/open-apis/im/v1/chats/${larkChatId("one")}`)).status).toBe(200);
    clock += 400;
    const limited = await raw("GET", `/open-apis/im/v1/chats/${larkChatId("one")}`);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 99991400, msg: "request trigger frequency limit" });
    expect(limited.headers.get("x-ogw-ratelimit-limit")).toBe("50");
    expect(limited.headers.get("x-ogw-ratelimit-reset")).toBe("1");
    // Each API has its own bucket, and so does each app.
    expect((await raw("GET", "/open-apis/bot/v3/info")).status).toBe(200);
    expect(
      (await raw("GET", `/open-apis/im/v1/chats/${larkChatId("one")}`, undefined, await tokenFor(OTHER))).status,
    ).toBe(200);
    clock += 600;
    expect((await raw("GET", `/open-apis/im/v1/chats/${larkChatId("one")}`)).status).toBe(200);
    expect(server.mock.stats().rateLimited).toBe(1);
    expect(server.mock.stats().byRoute["im.chat.get"]).toBe(53);
  });

  it("answers the 1001st request in a minute with 429 and the seconds left in the minute", async () => {
    for (let second = 0; second < 20; second++) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, () => raw("GET", `/open-apis/im/v1/chats/${larkChatId("one")}`)),
      );
      expect(batch.every((r) => r.status === 200)).toBe(true);
      clock += 1000;
    }
    const limited = await raw("GET", `/open-apis/im/v1/chats/${larkChatId("one")}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("x-ogw-ratelimit-limit")).toBe("1000");
    expect(limited.headers.get("x-ogw-ratelimit-reset")).toBe("40");
    clock += 40_000;
    expect((await raw("GET", `/open-apis/im/v1/chats/${larkChatId("one")}`)).status).toBe(200);
  });
});

describe("per-chat and per-user frequency (5/s)", () => {
  it("refuses the 6th message to one chat in a second with HTTP 400 / 230020; other chats are unaffected", async () => {
    for (let i = 0; i < 5; i++) expect((await sendText(larkChatId("one"), `m${i}`)).body.code).toBe(0);
    const sixth = await sendText(larkChatId("one"), "m5");
    expect(sixth).toMatchObject({
      status: 400,
      body: { code: 230020, msg: "This operation triggers the frequency limit." },
    });
    expect((await sendText(larkChatId("two"), "elsewhere")).body.code).toBe(0);
    // The chat's limit is shared by all bots in it.
    expect((await sendText(larkChatId("one"), "other bot", await tokenFor(OTHER))).body.code).toBe(230020);
    clock += 1000;
    expect((await sendText(larkChatId("one"), "later")).body.code).toBe(0);
    expect(server.mock.sentMessages({ chatId: larkChatId("one") })).toHaveLength(6);
    expect(server.mock.stats().frequencyLimited).toBe(2);
  });

  it("limits messages to one user to 5/s, and card updates of one message to 5/s", async () => {
    const toUser = () =>
      raw("POST", "/open-apis/im/v1/messages?receive_id_type=open_id", {
        receive_id: larkOpenId("b"),
        msg_type: "text",
        content: JSON.stringify({ text: "dm" }),
      });
    for (let i = 0; i < 5; i++) expect((await toUser()).body.code).toBe(0);
    expect((await toUser()).body.code).toBe(230020);

    const id = await sendCard(larkChatId("two"), v2card("v0"));
    const patch = (n: number) =>
      raw("PATCH", `/open-apis/im/v1/messages/${id}`, { content: JSON.stringify(v2card(`v${n}`)) });
    for (let i = 1; i <= 5; i++) expect((await patch(i)).body.code).toBe(0);
    expect((await patch(6)).body.code).toBe(230020);
    expect(server.mock.message(id)?.edits).toHaveLength(5);
  });

  it("a uuid replay does not count against the chat's limit", async () => {
    const body = {
      receive_id: larkChatId("one"),
      msg_type: "text",
      content: JSON.stringify({ text: "once" }),
      uuid: "k1",
    };
    for (let i = 0; i < 8; i++) {
      expect((await raw("POST", "/open-apis/im/v1/messages?receive_id_type=chat_id", body)).body.code).toBe(0);
    }
    expect(server.mock.sentMessages()).toHaveLength(1);
  });

  it("takes its limits from options", async () => {
    const strict = await startMockLarkServer({ apps: [APP], now: () => clock, limits: { chatPerSecond: 1 } });
    try {
      strict.mock.addChat({
        chatId: larkChatId("s"),
        name: "S",
        ownerOpenId: larkOpenId("a"),
        members: [{ openId: larkOpenId("a"), name: "A" }],
      });
      const bearer = (
        (await (
          await fetch(`${strict.url}/open-apis/auth/v3/tenant_access_token/internal`, {
            method: "POST",
            body: JSON.stringify({ app_id: APP.appId, app_secret: APP.appSecret }),
          })
        ).json()) as { tenant_access_token: string }
      ).tenant_access_token;
      const send = async () => {
        const res = await fetch(`${strict.url}/open-apis/im/v1/messages?receive_id_type=chat_id`, {
          method: "POST",
          headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
          body: JSON.stringify({
            receive_id: larkChatId("s"),
            msg_type: "text",
            content: JSON.stringify({ text: "x" }),
          }),
        });
        return ((await res.json()) as { code: number }).code;
      };
      expect(await send()).toBe(0);
      expect(await send()).toBe(230020);
    } finally {
      await strict.close();
    }
  });
});

describe("delayed card update (interactive/v1/card/update)", () => {
  it("a token updates the card twice, then is used up (300040)", async () => {
    const id = await sendCard(larkChatId("one"), v2card("pending"));
    const cardToken = server.mock.issueCardToken(id);
    expect(cardToken).toMatch(/^c-/);
    for (const title of ["approved", "approved again"]) {
      expect(
        (await raw("POST", "/open-apis/interactive/v1/card/update", { token: cardToken, card: v2card(title) })).body,
      ).toEqual({ code: 0, msg: "ok" });
    }
    const third = await raw("POST", "/open-apis/interactive/v1/card/update", {
      token: cardToken,
      card: v2card("third"),
    });
    expect(third.body.code).toBe(300040);
    const message = server.mock.message(id);
    expect(message?.edits.map((e) => e.via)).toEqual(["card_update", "card_update"]);
    expect(message?.parsed).toMatchObject({ header: { title: { content: "approved again" } } });
  });

  it("a token expires after 30 minutes (300030); malformed tokens are 300020", async () => {
    const id = await sendCard(larkChatId("one"), v2card("pending"));
    const cardToken = server.mock.issueCardToken(id);
    clock += 29 * 60_000;
    expect(
      (await raw("POST", "/open-apis/interactive/v1/card/update", { token: cardToken, card: v2card("a") })).body.code,
    ).toBe(0);
    clock += 60_000;
    expect(
      (await raw("POST", "/open-apis/interactive/v1/card/update", { token: cardToken, card: v2card("b") })).body.code,
    ).toBe(300030);
    expect(
      (await raw("POST", "/open-apis/interactive/v1/card/update", { token: "bogus", card: v2card("c") })).body.code,
    ).toBe(300020);
    expect(server.mock.message(id)?.edits).toHaveLength(1);
  });

  it("refuses another app's card (200310) and a per-user 1.0 card without open_ids (300090)", async () => {
    const id = await sendCard(larkChatId("one"), {
      elements: [{ tag: "div", text: { tag: "plain_text", content: "v1" } }],
    });
    const cardToken = server.mock.issueCardToken(id);
    const otherToken = await tokenFor(OTHER);
    const v1 = { elements: [{ tag: "div", text: { tag: "plain_text", content: "v2" } }] };
    expect(
      (await raw("POST", "/open-apis/interactive/v1/card/update", { token: cardToken, card: v1 }, otherToken)).body
        .code,
    ).toBe(200310);
    expect((await raw("POST", "/open-apis/interactive/v1/card/update", { token: cardToken, card: v1 })).body.code).toBe(
      300090,
    );
    const ok = await raw("POST", "/open-apis/interactive/v1/card/update", {
      token: cardToken,
      card: { ...v1, open_ids: [larkOpenId("a")] },
    });
    expect(ok.body.code).toBe(0);
    expect(server.mock.message(id)?.edits[0]).toMatchObject({ via: "card_update", openIds: [larkOpenId("a")] });
  });
});

describe("fault injection", () => {
  it("fails the next matching requests with the given status and code, then recovers", async () => {
    server.mock.failNext({ path: "/open-apis/im/v1/messages", status: 500, code: 1000003, times: 2 });
    expect((await raw("GET", "/open-apis/bot/v3/info")).status).toBe(200);
    expect(await sendText(larkChatId("one"), "1")).toMatchObject({ status: 500, body: { code: 1000003 } });
    expect((await sendText(larkChatId("one"), "2")).status).toBe(500);
    expect((await sendText(larkChatId("one"), "3")).body.code).toBe(0);
    expect(server.mock.sentMessages().map((m) => m.parsed)).toEqual([{ text: "3" }]);
    expect(server.mock.stats().faults).toBe(2);
  });

  it("a 429 fault carries 99991400 and the rate-limit headers by default; RegExp and method filter", async () => {
    server.mock.failNext({ path: /\/reply$/, method: "POST", status: 429 });
    const asked = server.mock.addUserMessage({
      chatId: larkChatId("one"),
      openId: larkOpenId("a"),
      content: JSON.stringify({ text: "q" }),
    });
    expect((await sendText(larkChatId("one"), "not a reply")).status).toBe(200);
    const res = await raw("POST", `/open-apis/im/v1/messages/${asked.messageId}/reply`, {
      msg_type: "text",
      content: JSON.stringify({ text: "a" }),
    });
    expect(res).toMatchObject({ status: 429, body: { code: 99991400 } });
    expect(res.headers.get("x-ogw-ratelimit-reset")).toBe("1");
  });

  it("delays a request without failing it, and drops a connection", async () => {
    server.mock.failNext({ path: "/open-apis/bot/v3/info", delayMs: 120 });
    const started = performance.now();
    expect((await raw("GET", "/open-apis/bot/v3/info")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);

    server.mock.failNext({ path: "/open-apis/im/v1/messages", drop: true });
    await expect(sendText(larkChatId("one"), "lost")).rejects.toThrow(/fetch failed/);
    expect(server.mock.sentMessages()).toHaveLength(0);
    expect((await sendText(larkChatId("one"), "retried")).body.code).toBe(0);
  });

  it("reset() forgets faults, messages and rate windows but keeps chats and tokens", async () => {
    for (let i = 0; i < 5; i++) await sendText(larkChatId("one"), `m${i}`);
    server.mock.failNext({ status: 503 });
    server.mock.reset();
    expect(server.mock.sentMessages()).toEqual([]);
    expect((await sendText(larkChatId("one"), "after reset")).body.code).toBe(0);
    expect(server.mock.stats()).toMatchObject({ faults: 0, requests: 1 });
  });
});

describe("card limits as Lark measures them (230025, 230099)", () => {
  const CHAT = larkChatId("card-limits");
  const PERSON = { openId: larkOpenId("ouyang"), name: "欧阳明" };
  const card = (
    elements: unknown[],
    header: Record<string, unknown> = { title: { tag: "plain_text", content: "t" } },
  ) => ({ schema: "2.0", header, body: { elements } });
  /** The raw request as a client sends it, and its size: Lark limits the request body. */
  const post = async (path: string, body: Record<string, unknown>, method = "POST") => {
    const text = JSON.stringify(body);
    const res = await fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: text,
    });
    return {
      bytes: new TextEncoder().encode(text).length,
      status: res.status,
      body: (await res.json()) as Record<string, any>,
    };
  };
  const send = (c: unknown, uuid?: string) =>
    post("/open-apis/im/v1/messages?receive_id_type=chat_id", {
      receive_id: CHAT,
      msg_type: "interactive",
      content: JSON.stringify(c),
      ...(uuid ? { uuid } : {}),
    });
  /** A markdown element whose text is `n` double quotes: 2 bytes each in the card, 4 in the request body. */
  const quotes = (n: number) => card([{ tag: "markdown", content: '"'.repeat(n) }]);

  beforeEach(() => {
    server.mock.addUser(PERSON);
    server.mock.addChat({ chatId: CHAT, name: "综合办公室", ownerOpenId: PERSON.openId, members: [PERSON] });
  });

  it("measures the request body, the card escaped inside it: a 16 KB card can be a 31 KB request", async () => {
    const c = quotes(7_550);
    expect(new TextEncoder().encode(JSON.stringify(c)).length).toBeLessThan(16_000);
    const refused = await send(c);
    expect(refused.bytes).toBeGreaterThan(30_000);
    expect(refused).toMatchObject({
      status: 400,
      body: { code: 230025, msg: expect.stringContaining("The length of the message content reaches its limit") },
    });
    const fits = await send(quotes(7_550 - 200));
    expect(fits.bytes).toBeLessThanOrEqual(30_000);
    expect(fits.body.code).toBe(0);
    expect(server.mock.sentMessages({ chatId: CHAT })).toHaveLength(1);
  });

  it("refuses an oversized reply and an oversized card update the same way", async () => {
    const asked = server.mock.addUserMessage({
      chatId: CHAT,
      openId: PERSON.openId,
      content: JSON.stringify({ text: "排名" }),
    });
    const reply = await post(`/open-apis/im/v1/messages/${asked.messageId}/reply`, {
      msg_type: "interactive",
      content: JSON.stringify(quotes(7_600)),
    });
    expect(reply.body.code).toBe(230025);
    const sent = await send(card([{ tag: "markdown", content: "v1" }]));
    const id = sent.body.data.message_id as string;
    const patch = await post(`/open-apis/im/v1/messages/${id}`, { content: JSON.stringify(quotes(7_600)) }, "PATCH");
    expect(patch.body.code).toBe(230025);
    expect(server.mock.message(id)?.edits).toHaveLength(0);
  });

  it("counts every object with a tag, text objects and the header included: 200 pass, 201 are refused with 230099", async () => {
    // 66 buttons of 2 elements (button + its plain_text) + 1 header title = 133; markdown fills to the count.
    const buttons = Array.from({ length: 66 }, (_, i) => ({
      tag: "button",
      text: { tag: "plain_text", content: `b${i}` },
      behaviors: [{ type: "callback", value: { i } }],
    }));
    const filler = (n: number) => Array.from({ length: n }, () => ({ tag: "markdown", content: "x" }));
    const ok = await send(card([...buttons, ...filler(200 - 133)]));
    expect(ok.body.code).toBe(0);
    const over = await send(card([...buttons, ...filler(201 - 133)]));
    expect(over).toMatchObject({ status: 400, body: { code: 230099, msg: expect.stringContaining("11310") } });
    // Only 134 components in body.elements: a count of body.elements alone would have let it through.
    expect(over.body.msg).toContain("201 > 200");
  });

  it("takes at most 5 tables in a card", async () => {
    const table = { tag: "table", columns: [{ name: "a", display_name: "A", data_type: "text" }], rows: [{ a: "1" }] };
    expect((await send(card(Array.from({ length: 5 }, () => table)))).body.code).toBe(0);
    expect((await send(card(Array.from({ length: 6 }, () => table)))).body).toMatchObject({
      code: 230099,
      msg: expect.stringContaining("table number over limit"),
    });
  });
});
