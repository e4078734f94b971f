import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { silentLogger } from "../../src/bot/deps";
import { botAddedEvent, cardActionEvent, sealEvent, textMessageEvent } from "../../src/channels/local/lark-events";
import { startMockLarkServer, type MockLarkServer } from "../../src/channels/local/mock-lark";
import { loadConfig } from "../../src/config";
import type { FileClient } from "../../src/db/file-client";
import { outbox, records } from "../../src/db/schema";
import { startNodeBot, type NodeBot } from "../../src/node/start";

/** Ids as Lark documents them: a prefix and 32 lowercase hex characters. */
const larkId = (prefix: "ou_" | "oc_" | "om_") => `${prefix}${randomBytes(16).toString("hex")}`;

const APP = {
  appId: `cli_${randomBytes(8).toString("hex")}`,
  appSecret: randomBytes(16).toString("hex"),
  botOpenId: larkId("ou_"),
};
const TENANT = randomBytes(8).toString("hex");
const TOKEN = randomBytes(16).toString("hex");
const ENCRYPT_KEY = randomBytes(16).toString("hex");
const CHAT = larkId("oc_");
const LEADER = { openId: larkId("ou_"), name: "王主任" };
const STAFF = Array.from({ length: 40 }, (_, i) => ({ openId: larkId("ou_"), name: `员工${i + 1}` }));

let dir: string;
let lark: MockLarkServer;
let bot: NodeBot;
const envelope = { token: TOKEN, appId: APP.appId, tenantKey: TENANT };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-group-commit-"));
  lark = await startMockLarkServer({ apps: [APP], tenantKey: TENANT });
  for (const p of [LEADER, ...STAFF]) lark.mock.addUser(p);
  lark.mock.addChat({ chatId: CHAT, name: "财务科", ownerOpenId: LEADER.openId, members: [LEADER, ...STAFF] });
  const config = loadConfig({
    PORT: "0",
    DATABASE_URL: `file:${join(dir, "bot.db")}`,
    LARK_APP_ID: APP.appId,
    LARK_APP_SECRET: APP.appSecret,
    LARK_VERIFICATION_TOKEN: TOKEN,
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_DOMAIN: lark.url,
  });
  bot = await startNodeBot(config, { log: silentLogger });
  const added = await post(botAddedEvent({ ...envelope, chatId: CHAT, operatorOpenId: LEADER.openId }));
  expect(added.status).toBe(200);
  await bot.idle();
});
afterAll(async () => {
  await bot?.close();
  await lark?.close();
  await rm(dir, { recursive: true, force: true });
});

async function post(payload: unknown): Promise<Response> {
  const sealed = await sealEvent(payload, { encryptKey: ENCRYPT_KEY });
  return fetch(`${bot.url}/lark/events`, { method: "POST", headers: sealed.headers, body: sealed.body });
}

/** Plain text in a person's private chat with the bot: today's record (several a day are fine). */
function recordEvent(person: { openId: string }, chatId: string, messageId: string, text: string) {
  return textMessageEvent({ ...envelope, chatId, chatType: "p2p", senderOpenId: person.openId, text, messageId });
}

/** Everything the bot sent (replies in private chats included). */
const sent = () => lark.mock.sentMessages();

// drizzle keeps the client it was given as `$client` (not in the app's Database type).
const stats = () => (bot.db as unknown as { $client: FileClient }).$client.commitStats();

describe("group commit through the webhook (real HTTP on loopback, a libSQL file)", () => {
  test("120 日报 from 40 people at once, with Lark's redeliveries among them: one record and one receipt each; each redelivery's batch rolled back alone", async () => {
    const messages = Array.from({ length: 120 }, (_, i) => {
      const person = STAFF[i % STAFF.length]!;
      const text = `完成了第${i + 1}份报表`;
      // Private chats: Lark paces a bot at 5 messages a second per chat, so 120 receipts in one group would take 24 s.
      const chatId = lark.mock.store.p2pChat(APP.appId, person.openId).chatId;
      return {
        person,
        chatId,
        text,
        messageId: lark.mock.addUserMessage({ chatId, openId: person.openId, content: JSON.stringify({ text }) })
          .messageId,
      };
    });
    // Every twelfth message arrives twice at the same moment (a new event_id, the same message_id).
    const deliveries = [...messages, ...messages.filter((_, i) => i % 12 === 0)].map((m) =>
      recordEvent(m.person, m.chatId, m.messageId, m.text),
    );
    const before = stats();
    const answers = await Promise.all(deliveries.map((d) => post(d)));
    expect(answers.map((a) => a.status)).toEqual(deliveries.map(() => 200));
    const after = stats();
    // Every first delivery's batch committed, every redelivery's was refused by its dedupe marker and
    // rolled back alone (its transaction's other batches committed). Whether requests shared a commit
    // depends on how they reach the server; test/db/file-client.test.ts and the benchmark show that.
    expect(after.batches - before.batches).toBe(messages.length);
    expect(after.transactions - before.transactions).toBeLessThanOrEqual(deliveries.length);
    await bot.idle();

    const stored = await bot.db.select().from(records);
    expect(stored.map((r) => r.sourceMessageId).sort()).toEqual(messages.map((m) => m.messageId).sort());
    expect(stored.map((r) => r.text).sort()).toEqual(messages.map((m) => m.text).sort());
    for (const m of messages) {
      const receipts = sent().filter((s) => s.parentId === m.messageId);
      expect(receipts, m.messageId).toHaveLength(1);
      expect(JSON.stringify(receipts[0]!.parsed)).toContain(m.text);
    }
    const queued = await bot.db.select().from(outbox);
    expect(queued.filter((q) => q.status !== "sent")).toEqual([]);
  }, 120_000);

  test("card callbacks at once: every 撤回 answered, double clicks withdraw once", async () => {
    const stored = await bot.db.select().from(records);
    const owner = new Map(STAFF.map((p) => [p.openId, p]));
    const memberIds = new Map((await bot.db.query.members.findMany()).map((m) => [m.id, m.userId]));
    const clicks = stored.flatMap((r, i) => {
      const openId = memberIds.get(r.memberId)!;
      expect(owner.has(openId)).toBe(true);
      const receipt = sent().find((s) => s.parentId === r.sourceMessageId)!;
      const click = cardActionEvent({
        ...envelope,
        operatorOpenId: openId,
        value: { a: "record.withdraw", id: r.id },
        messageId: receipt.messageId,
        chatId: receipt.chatId,
      });
      return i % 25 === 0
        ? [
            click,
            cardActionEvent({
              ...envelope,
              operatorOpenId: openId,
              value: { a: "record.withdraw", id: r.id },
              messageId: receipt.messageId,
              chatId: receipt.chatId,
            }),
          ]
        : [click];
    });
    const answers = await Promise.all(clicks.map((c) => post(c)));
    expect(answers.map((a) => a.status)).toEqual(clicks.map(() => 200));
    const bodies = (await Promise.all(answers.map((a) => a.json()))) as { toast?: { type: string } }[];
    expect(bodies.every((b) => b.toast)).toBe(true);
    await bot.idle();
    const after = await bot.db.select().from(records);
    expect(after.every((r) => r.withdrawnAt !== null)).toBe(true);
    // One audit row per withdrawn record, however many clicks it got.
    const audit = (await bot.db.query.auditLog.findMany()).filter((a) => a.action === "record.withdraw");
    expect(audit.map((a) => a.subjectId).sort()).toEqual(stored.map((r) => r.id).sort());
  }, 120_000);
});
