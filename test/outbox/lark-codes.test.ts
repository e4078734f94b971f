/**
 * Lark's error codes as documented, through the real client (the SDK over HTTP) against the
 * project's Lark mock: token errors 99991663 / 99991665 refresh the tenant token and retry; 230049
 * ("The message is being sent") waits and asks again without spending an attempt; a retry past the
 * uuid's one-hour dedupe window is not sent blindly.
 */
import { createHash } from "node:crypto";
import { asc } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { retryWrites } from "../../src/app/parked";
import { createLarkOpenApi } from "../../src/channels/lark/open-api";
import { startMockLarkServer, type MockLarkServer } from "../../src/channels/local/mock-lark";
import { outbox } from "../../src/db/schema";
import { drainOutbox, LARK_UUID_WINDOW_MS } from "../../src/outbox/deliver";
import { enqueue, type OutboundMessage } from "../../src/outbox/message";
import { openTestDatabase } from "../support/db";

/** An id of the shape Lark documents: prefix + 32 lowercase hex (35 characters). */
const larkId = (prefix: "ou_" | "oc_", seed: string) =>
  `${prefix}${createHash("sha256").update(seed).digest("hex").slice(0, 32)}`;

const APP = { appId: "cli_a1b2c3d4e5f60718", appSecret: "s3cr3t-lark-codes", botOpenId: larkId("ou_", "bot") };
const OWNER = { openId: larkId("ou_", "owner"), name: "王主任" };
const CHAT = larkId("oc_", "chat");

let t: Awaited<ReturnType<typeof openTestDatabase>>;
let lark: MockLarkServer;
let clock: number;
const now = () => clock;

beforeEach(async () => {
  clock = Date.parse("2026-12-01T01:05:00Z");
  t = await openTestDatabase();
  // The mock runs on the same clock: its uuid dedupe window and token expiry follow the test.
  lark = await startMockLarkServer({ apps: [APP], now });
  lark.mock.addUser(OWNER);
  lark.mock.addChat({ chatId: CHAT, name: "综合办公室", ownerOpenId: OWNER.openId, members: [OWNER] });
});
afterEach(async () => {
  await lark.close();
  await t.dispose();
});

const api = (timeoutMs?: number) => createLarkOpenApi({ ...APP, domain: lark.url, timeoutMs });
const message = (key: string): OutboundMessage => ({ key, to: { type: "chat_id", id: CHAT }, text: `消息 ${key}` });
const rows = () => t.db.select().from(outbox).orderBy(asc(outbox.id));
const delivered = () => lark.mock.sentMessages({ chatId: CHAT }).map((m) => (m.parsed as { text: string }).text);
const tokensIssued = () => lark.mock.stats().byRoute["auth.tenant_access_token"] ?? 0;
const SEND = "/open-apis/im/v1/messages";

describe("token errors: refresh the tenant token and retry", () => {
  test("99991663 (token no longer valid at Lark) → a new token, the same send again, delivered once", async () => {
    await enqueue(t.db, message("tok-1"), new Date(clock));
    const client = api();
    await client.prepare!(); // a cached token
    lark.mock.revokeTokens(); // Lark forgets it: the next call with it is answered 99991663
    expect(await drainOutbox(t.db, client, { now })).toEqual({ sent: 1, retried: 0, parked: 0 });
    expect(tokensIssued()).toBe(2);
    expect(delivered()).toEqual(["消息 tok-1"]);
    expect((await rows())[0]).toMatchObject({ status: "sent", attempts: 1 });
  });

  test("99991665 (invalid tenant code) → a new token, the same send again, delivered once", async () => {
    await enqueue(t.db, message("tok-2"), new Date(clock));
    const client = api();
    await client.prepare!();
    lark.mock.failNext({ path: SEND, status: 400, code: 99991665 });
    expect(await drainOutbox(t.db, client, { now })).toEqual({ sent: 1, retried: 0, parked: 0 });
    expect(tokensIssued()).toBe(2);
    expect(delivered()).toEqual(["消息 tok-2"]);
  });

  test("a token error that outlasts the refresh is retried later, not parked", async () => {
    await enqueue(t.db, message("tok-3"), new Date(clock));
    lark.mock.failNext({ path: SEND, status: 400, code: 99991665, times: 2 });
    expect(await drainOutbox(t.db, api(), { now, random: () => 0 })).toEqual({ sent: 0, retried: 1, parked: 0 });
    expect((await rows())[0]).toMatchObject({ status: "pending", lastError: expect.stringMatching(/99991665/) });
    clock += 60_000;
    expect((await drainOutbox(t.db, api(), { now })).sent).toBe(1);
    expect(delivered()).toEqual(["消息 tok-3"]);
  });
});

describe("230049: the same uuid is still being sent", () => {
  test("a timed-out send still in flight: the retry hears 230049 and waits (no attempt spent); once it lands the next retry is deduped — one message", async () => {
    await enqueue(t.db, message("slow-1"), new Date(clock));
    lark.mock.failNext({ path: SEND, inFlight: true });
    // Attempt 1: Lark accepts the send but has not finished when our 300 ms timeout fires.
    expect(await drainOutbox(t.db, api(300), { now, random: () => 0 })).toEqual({ sent: 0, retried: 1, parked: 0 });
    expect((await rows())[0]).toMatchObject({ status: "pending", attempts: 1 });

    // Attempt 2, while Lark is still at it: 230049, retried later and not counted as a failure.
    clock += 60_000;
    expect(await drainOutbox(t.db, api(), { now, maxAttempts: 2 })).toEqual({ sent: 0, retried: 1, parked: 0 });
    const waiting = (await rows())[0]!;
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/230049/) });
    expect(waiting.nextAttemptAt.getTime() - clock).toBeGreaterThanOrEqual(5000);
    expect(delivered()).toEqual([]);

    // Lark finishes the first send; the next retry gets that message back (uuid dedupe).
    lark.mock.releaseHeld();
    await lark.mock.waitForMessages();
    clock += 10_000;
    expect(await drainOutbox(t.db, api(), { now, maxAttempts: 2 })).toEqual({ sent: 1, retried: 0, parked: 0 });
    expect(delivered()).toEqual(["消息 slow-1"]);
    const [row] = await rows();
    expect(row!.sentMessageId).toBe(lark.mock.sentMessages({ chatId: CHAT })[0]!.messageId);
  });
});

describe("the uuid's one-hour window", () => {
  test("a send that may have landed is retried within the hour (Lark dedupes it) — one message", async () => {
    await enqueue(t.db, message("window-in"), new Date(clock));
    lark.mock.failNext({ path: SEND, inFlight: true });
    await drainOutbox(t.db, api(300), { now });
    lark.mock.releaseHeld();
    await lark.mock.waitForMessages();
    clock += 50 * 60_000; // 50 minutes after the first attempt
    expect((await drainOutbox(t.db, api(), { now })).sent).toBe(1);
    expect(delivered()).toEqual(["消息 window-in"]);
  });

  test("past the hour the row is parked with a clear note, not resent blindly (which Lark would deliver twice)", async () => {
    await enqueue(t.db, message("window-out"), new Date(clock));
    const firstAttempt = clock;
    lark.mock.failNext({ path: SEND, inFlight: true });
    await drainOutbox(t.db, api(300), { now });
    lark.mock.releaseHeld();
    await lark.mock.waitForMessages(); // it did land, though we never heard so
    // The process was down; it comes back after Lark's dedupe of that uuid has lapsed.
    clock = firstAttempt + LARK_UUID_WINDOW_MS + 60_000;
    expect(await drainOutbox(t.db, api(), { now })).toEqual({ sent: 0, retried: 0, parked: 1 });
    const [row] = await rows();
    expect(row).toMatchObject({ status: "parked", attempts: 1 });
    expect(row!.lastError).toMatch(/^可能已送达，未自动重发/);
    expect(row!.lastError).toMatch(/重发/);
    expect(row!.firstAttemptAt!.getTime()).toBe(firstAttempt);
    expect(delivered()).toEqual(["消息 window-out"]);

    // Proof the check matters: the mock, like Lark, would now accept the same uuid again.
    // A leader who has checked and still wants it sent uses 重发: the window starts over.
    await retryWrites(t.db, [row!.id], new Date(clock));
    expect((await drainOutbox(t.db, api(), { now })).sent).toBe(1);
    expect(delivered()).toEqual(["消息 window-out", "消息 window-out"]);
  });

  test("a row never tried before is sent however old it is (nothing can have landed)", async () => {
    await enqueue(t.db, message("old-but-untried"), new Date(clock));
    clock += 3 * LARK_UUID_WINDOW_MS;
    expect((await drainOutbox(t.db, api(), { now })).sent).toBe(1);
    expect(delivered()).toEqual(["消息 old-but-untried"]);
  });
});
