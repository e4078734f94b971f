import { spawn } from "node:child_process";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createLarkOpenApi } from "../../src/channels/lark/open-api";
import { startMockLarkServer, type MockLarkServer } from "../../src/channels/local/mock-lark";
import { outbox } from "../../src/db/schema";
import { drainOutbox } from "../../src/outbox/deliver";
import { enqueue, type OutboundMessage } from "../../src/outbox/message";
import { createPacer } from "../../src/outbox/pacer";
import { openTestDatabase } from "../support/db";
import { larkChatId, larkOpenId } from "../support/ids";

const APP = { appId: "cli_outbox", appSecret: "s", botOpenId: larkOpenId("bot") };
const CHATS = Array.from({ length: 20 }, (_, i) => larkChatId(`chat_${i}`));
const USERS = Array.from({ length: 10 }, (_, i) => ({ openId: larkOpenId(`user_${i}`), name: `人${i}` }));

let t: Awaited<ReturnType<typeof openTestDatabase>>;
let lark: MockLarkServer;
let clock: number;
const now = () => clock;

beforeEach(async () => {
  t = await openTestDatabase();
  lark = await startMockLarkServer({ apps: [APP] });
  for (const u of USERS) lark.mock.addUser(u);
  for (const chatId of CHATS)
    lark.mock.addChat({ chatId, name: chatId, ownerOpenId: USERS[0]!.openId, members: USERS });
  clock = Date.parse("2026-11-28T01:00:00Z");
});
afterEach(async () => {
  await lark.close();
  await t.dispose();
});

const api = (timeoutMs?: number) => createLarkOpenApi({ ...APP, domain: lark.url, timeoutMs });
const text = (key: string, to: OutboundMessage["to"]): OutboundMessage => ({ key, to, text: `消息 ${key}` });

async function queue(messages: OutboundMessage[]) {
  for (const m of messages) await enqueue(t.db, m, new Date(clock));
}

const rows = () => t.db.select().from(outbox).orderBy(asc(outbox.id));
const delivered = () => lark.mock.sentMessages().map((m) => (m.parsed as { text: string }).text);

describe("the outbox deliverer against the Lark mock", () => {
  test("a broadcast to 20 chats and 10 people: each delivered once, in order per chat, paced within every limit", async () => {
    const messages: OutboundMessage[] = [];
    for (let i = 0; i < 12; i++)
      for (const chatId of CHATS) messages.push(text(`b:${chatId}:${i}`, { type: "chat_id", id: chatId }));
    for (let i = 0; i < 6; i++)
      for (const u of USERS) messages.push(text(`p:${u.openId}:${i}`, { type: "open_id", id: u.openId }));
    await queue(messages);
    const first = await drainOutbox(t.db, api(), { now, pacer: createPacer() });
    // The pacer books every send within Lark's limits (test/outbox/pacer.test.ts checks its bookings
    // on a virtual clock). Here the limits are judged by a real server on arrival, and a loaded
    // machine can bunch arrivals: whatever the mock refuses must be retried, never lost or reordered.
    const refused = () => lark.mock.stats().rateLimited + lark.mock.stats().frequencyLimited;
    expect(first.parked).toBe(0);
    expect(first.retried).toBe(refused());
    for (let round = 0; round < 10 && (await rows()).some((r) => r.status !== "sent"); round++) {
      clock += 120_000;
      await drainOutbox(t.db, api(), { now, pacer: createPacer() });
    }
    expect(new Set(delivered()).size).toBe(300);
    expect(delivered()).toHaveLength(300);
    for (const chatId of CHATS) {
      const order = lark.mock.sentMessages({ chatId }).map((m) => (m.parsed as { text: string }).text);
      expect(order).toEqual(Array.from({ length: 12 }, (_, i) => `消息 b:${chatId}:${i}`));
    }
    const all = await rows();
    expect(all.every((r) => r.status === "sent")).toBe(true);
    expect(all.reduce((n, r) => n + r.attempts, 0)).toBe(300 + refused());
  }, 60_000);

  test("HTTP 429 / 99991400 waits for x-ogw-ratelimit-reset, then delivers once", async () => {
    await queue([text("k429", { type: "chat_id", id: CHATS[0]! })]);
    lark.mock.failNext({
      path: "/open-apis/im/v1/messages",
      status: 429,
      code: 99991400,
      headers: { "x-ogw-ratelimit-reset": "7" },
    });
    expect(await drainOutbox(t.db, api(), { now, random: () => 0 })).toEqual({ sent: 0, retried: 1, parked: 0 });
    const [row] = await rows();
    expect(row!.nextAttemptAt.getTime() - clock).toBeGreaterThanOrEqual(7000);
    clock += 6000;
    expect(await drainOutbox(t.db, api(), { now })).toEqual({ sent: 0, retried: 0, parked: 0 }); // not yet
    clock += 1500;
    expect(await drainOutbox(t.db, api(), { now })).toEqual({ sent: 1, retried: 0, parked: 0 });
    expect(delivered()).toEqual(["消息 k429"]);
  });

  test("a refused message holds back the rest of its chat: they follow it, in order, across drains", async () => {
    await queue([1, 2, 3].map((i) => text(`order${i}`, { type: "chat_id", id: CHATS[4]! })));
    await queue([text("other", { type: "chat_id", id: CHATS[5]! })]);
    lark.mock.failNext({
      path: "/open-apis/im/v1/messages",
      status: 429,
      code: 99991400,
      headers: { "x-ogw-ratelimit-reset": "2" },
    });
    expect(await drainOutbox(t.db, api(), { now, random: () => 0 })).toEqual({ sent: 1, retried: 1, parked: 0 });
    expect(delivered()).toEqual(["消息 other"]);
    clock += 1000;
    expect(await drainOutbox(t.db, api(), { now })).toEqual({ sent: 0, retried: 0, parked: 0 }); // 2 and 3 wait behind 1
    clock += 1500;
    expect(await drainOutbox(t.db, api(), { now })).toEqual({ sent: 3, retried: 0, parked: 0 });
    expect(lark.mock.sentMessages({ chatId: CHATS[4]! }).map((m) => (m.parsed as { text: string }).text)).toEqual([
      "消息 order1",
      "消息 order2",
      "消息 order3",
    ]);
  });

  test("230020 (per-chat limit) backs off and delivers", async () => {
    await queue([text("k230020", { type: "chat_id", id: CHATS[1]! })]);
    lark.mock.failNext({ path: "/open-apis/im/v1/messages", status: 400, code: 230020 });
    expect((await drainOutbox(t.db, api(), { now })).retried).toBe(1);
    clock += 60_000;
    expect((await drainOutbox(t.db, api(), { now })).sent).toBe(1);
    expect(delivered()).toEqual(["消息 k230020"]);
  });

  test("5xx are retried with growing backoff and then delivered", async () => {
    await queue([text("flaky", { type: "chat_id", id: CHATS[2]! })]);
    lark.mock.failNext({ path: "/open-apis/im/v1/messages", status: 503, times: 3 });
    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      await drainOutbox(t.db, api(), { now, random: () => 0.5 });
      const [row] = await rows();
      if (row!.status === "pending") waits.push(row!.nextAttemptAt.getTime() - clock);
      clock += 600_000; // the longest backoff (10 min), well inside the uuid window
    }
    expect(waits).toEqual([750, 1500, 3000]); // 1 s, 2 s, 4 s ceilings with jitter at 0.5
    expect((await rows())[0]).toMatchObject({ status: "sent", attempts: 4 });
    expect(delivered()).toEqual(["消息 flaky"]);
  });

  test("after too many failures a message is parked, with the last error kept", async () => {
    await queue([text("broken", { type: "chat_id", id: CHATS[3]! })]);
    lark.mock.failNext({ path: "/open-apis/im/v1/messages", status: 500, times: 100 });
    for (let round = 0; round < 5; round++) {
      await drainOutbox(t.db, api(), { now, maxAttempts: 3 });
      clock += 600_000; // the longest backoff (10 min), well inside the uuid window
    }
    expect((await rows())[0]).toMatchObject({ status: "parked", attempts: 3, lastError: expect.stringMatching(/500/) });
    expect(delivered()).toEqual([]);
  });

  test("a send that times out but still lands is not delivered twice (uuid)", async () => {
    await queue([text("slow", { type: "chat_id", id: CHATS[4]! })]);
    lark.mock.failNext({ path: "/open-apis/im/v1/messages", delayMs: 600 });
    expect((await drainOutbox(t.db, api(200), { now })).retried).toBe(1);
    await new Promise((r) => setTimeout(r, 700)); // the slow request lands meanwhile
    clock += 60_000;
    expect((await drainOutbox(t.db, api(200), { now })).sent).toBe(1);
    expect(delivered()).toEqual(["消息 slow"]);
  });

  test("a dropped connection is retried", async () => {
    await queue([text("dropped", { type: "open_id", id: USERS[0]!.openId })]);
    lark.mock.failNext({ path: "/open-apis/im/v1/messages", drop: true });
    expect((await drainOutbox(t.db, api(), { now })).retried).toBe(1);
    clock += 60_000;
    expect((await drainOutbox(t.db, api(), { now })).sent).toBe(1);
    expect(delivered()).toEqual(["消息 dropped"]);
  });

  test("killed in the middle of a broadcast, a new deliverer carries on and sends nothing twice", async () => {
    const messages = Array.from({ length: 60 }, (_, i) =>
      text(`kill:${i}`, { type: "chat_id", id: CHATS[i % CHATS.length]! }),
    );
    await queue(messages);
    const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");
    const child = spawn(tsx, ["test/outbox/deliver-child.ts", `file:${t.path}`, lark.url, APP.appId, APP.appSecret], {
      stdio: "ignore",
    });
    await lark.mock.waitForMessages(undefined, { count: 15, timeoutMs: 20_000 });
    child.kill("SIGKILL");
    await new Promise((r) => child.on("close", r));
    const before = lark.mock.sentMessages().length;
    expect(before).toBeGreaterThanOrEqual(15);
    expect(before).toBeLessThan(60);

    // The dead process's claims lapse; the next deliverer takes everything left.
    // (The new process cannot know what the dead one sent in the last second, so Lark may
    // answer 429 at first; those wait for the reset and go out on a later round.)
    clock = Date.now() + 120_000;
    for (let round = 0; round < 5 && (await rows()).some((r) => r.status !== "sent"); round++) {
      await drainOutbox(t.db, api(), { now, pacer: createPacer() });
      clock += 60_000;
      await new Promise((r) => setTimeout(r, 1100)); // Lark's (the mock's) window is real time
    }
    const texts = delivered();
    expect(texts).toHaveLength(60);
    expect(new Set(texts).size).toBe(60);
    expect((await t.db.select().from(outbox).where(eq(outbox.status, "sent"))).length).toBe(60);
  }, 40_000);
});
