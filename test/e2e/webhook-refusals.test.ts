import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { records } from "../../src/db/schema";
import { textMessageEvent, urlVerification } from "../../src/channels/local/lark-events";
import { APP, ENCRYPT_KEY, OFFICE, TENANT, TOKEN, startHarness, type Harness } from "../support/bot-harness";
import { larkEventId, larkOpenId } from "../support/ids";
import { docEncrypt, docSeal, docSignature } from "../support/lark-seal";

const envelope = { token: TOKEN, appId: APP.appId, tenantKey: TENANT };
const message = (text: string, ids: { eventId?: string; messageId?: string } = {}) =>
  textMessageEvent({
    ...envelope,
    ...ids,
    chatId: OFFICE.chatId,
    chatType: "group",
    senderOpenId: larkOpenId("zhang"),
    text,
  });

describe("POST /lark/events with an encrypt key", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.addBotToOffice();
  });
  afterAll(() => h.close());

  const countRecords = async () => (await h.bot.db.select().from(records)).length;
  const url = () => `${h.bot.url}/lark/events`;

  test("answers url_verification sent encrypted", async () => {
    const res = await h.post(urlVerification(TOKEN, "challenge-123"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "challenge-123" });
  });

  test("answers url_verification encrypted without signature headers (as the console sends it)", async () => {
    const body = JSON.stringify({ encrypt: docEncrypt(JSON.stringify(urlVerification(TOKEN, "c2")), ENCRYPT_KEY) });
    const res = await fetch(url(), { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(await res.json()).toEqual({ challenge: "c2" });
  });

  test("refuses a bad signature with 401 and stores nothing", async () => {
    const res = await h.post(message("日报 伪造"), { headers: { "x-lark-signature": "0".repeat(64) } });
    expect(res.status).toBe(401);
    expect(await countRecords()).toBe(0);
  });

  test("refuses a signature computed without the nonce (a formula Lark does not use)", async () => {
    const sealed = docSeal(message("日报 少了 nonce"), {
      encryptKey: ENCRYPT_KEY,
      timestamp: Math.floor(h.clock.now().getTime() / 1000),
    });
    const withoutNonce = docSignature(sealed.headers["x-lark-request-timestamp"]!, "", ENCRYPT_KEY, sealed.body);
    const res = await fetch(url(), {
      method: "POST",
      headers: { ...sealed.headers, "x-lark-signature": withoutNonce },
      body: sealed.body,
    });
    expect(res.status).toBe(401);
    expect(await countRecords()).toBe(0);
  });

  test("refuses a body changed after signing", async () => {
    const sealed = docSeal(message("日报 原文"), {
      encryptKey: ENCRYPT_KEY,
      timestamp: Math.floor(h.clock.now().getTime() / 1000),
    });
    const res = await fetch(url(), { method: "POST", headers: sealed.headers, body: sealed.body.replace(/.$/, " }") });
    expect(res.status).toBe(401);
  });

  test("refuses a timestamp more than 5 minutes off, either way", async () => {
    const now = Math.floor(h.clock.now().getTime() / 1000);
    expect((await h.post(message("日报 旧"), { timestamp: now - 301 })).status).toBe(401);
    expect((await h.post(message("日报 未来"), { timestamp: now + 301 })).status).toBe(401);
    expect((await h.post(message("日报 刚好"), { timestamp: now - 290 })).status).toBe(200);
    await h.bot.idle();
  });

  test("a decrypted body that is itself an encrypt wrapper is refused, even beside a valid event", async () => {
    // The webhook reads the body's shape as the union does (wrapper, URL challenge, event, in that order).
    const before = await countRecords();
    const res = await h.post({ ...message("日报 套娃"), encrypt: docEncrypt("{}", ENCRYPT_KEY) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "not a Lark event" });
    expect(await countRecords()).toBe(before);
  });

  test("refuses an unsigned event", async () => {
    const body = JSON.stringify({ encrypt: docEncrypt(JSON.stringify(message("日报 无签名")), ENCRYPT_KEY) });
    const res = await fetch(url(), { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(401);
  });

  test("refuses a plain (unencrypted) event when a key is configured", async () => {
    const res = await fetch(url(), { method: "POST", body: JSON.stringify(message("日报 明文")) });
    expect(res.status).toBe(401);
  });

  test("refuses the wrong verification token", async () => {
    const res = await h.post(
      textMessageEvent({
        ...envelope,
        token: "wrong",
        chatId: OFFICE.chatId,
        chatType: "group",
        senderOpenId: larkOpenId("zhang"),
        text: "日报 x",
      }),
    );
    expect(res.status).toBe(401);
  });

  test("malformed JSON is 400, an oversized body 413, never 500", async () => {
    const bad = await fetch(url(), {
      method: "POST",
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    // In process, as Hono tests do: over the wire the server answers 413 and closes mid-upload.
    const big = await h.bot.app.request("/lark/events", {
      method: "POST",
      body: "x".repeat(1024 * 1024 + 1),
      headers: { "content-type": "application/json" },
    });
    expect(big.status).toBe(413);
    const chunked = await h.bot.app.request("/lark/events", {
      method: "POST",
      body: new Blob(["{", " ".repeat(1024 * 1024), "}"]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    const wrongShape = await h.post({ hello: "world" });
    expect(wrongShape.status).toBe(400);
    const badEvent = await h.post({
      schema: "2.0",
      header: { event_id: "e1", event_type: "im.message.receive_v1", token: TOKEN },
      event: { message: 42 },
    });
    expect(badEvent.status).toBe(400);
  });

  test("a duplicate delivery does nothing at all: same event_id, or same message_id under a new event_id", async () => {
    const before = await countRecords();
    const sentBefore = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length;
    const messageId = h.userMessage(larkOpenId("zhang"), "日报 只记一次");
    const first = message("日报 只记一次", { eventId: larkEventId("dup_1"), messageId });
    expect((await h.post(first)).status).toBe(200);
    expect((await h.post(first)).status).toBe(200);
    expect((await h.post(message("日报 只记一次", { eventId: larkEventId("dup_2"), messageId }))).status).toBe(200);
    await h.bot.idle();
    expect(await countRecords()).toBe(before + 1);
    expect(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length).toBe(sentBefore + 1);
  });

  test("two copies arriving at the same moment still make one record and one reply", async () => {
    const before = await countRecords();
    const sentBefore = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length;
    for (let round = 0; round < 5; round++) {
      const messageId = h.userMessage(larkOpenId("zhang"), `日报 并发${round}`);
      const copies = Array.from({ length: 4 }, (_, i) =>
        message(`日报 并发${round}`, { eventId: larkEventId(`race_${round}_${i % 2}`), messageId }),
      );
      const answers = await Promise.all(copies.map((m) => h.post(m)));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    }
    await h.bot.idle();
    expect(await countRecords()).toBe(before + 5);
    expect(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length).toBe(sentBefore + 5);
  });

  test("GET /healthz answers ok once the database is reachable", async () => {
    const res = await fetch(`${h.bot.url}/healthz`);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe("POST /lark/events without an encrypt key", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ encrypt: false });
  });
  afterAll(() => h.close());

  test("answers a plain url_verification", async () => {
    const res = await fetch(`${h.bot.url}/lark/events`, {
      method: "POST",
      body: JSON.stringify(urlVerification(TOKEN, "plain")),
    });
    expect(await res.json()).toEqual({ challenge: "plain" });
  });

  test("still checks the verification token", async () => {
    const res = await fetch(`${h.bot.url}/lark/events`, {
      method: "POST",
      body: JSON.stringify(urlVerification("nope", "plain")),
    });
    expect(res.status).toBe(401);
  });

  test("an encrypted event it cannot decrypt is a 400", async () => {
    const res = await fetch(`${h.bot.url}/lark/events`, { method: "POST", body: JSON.stringify({ encrypt: "abc" }) });
    expect(res.status).toBe(400);
  });

  test("takes plain events", async () => {
    await h.addBotToOffice();
    expect((await h.say(larkOpenId("zhang"), "日报 明文模式")).status).toBe(200);
    await h.bot.idle();
    expect(await h.bot.db.select().from(records)).toHaveLength(1);
  });
});
