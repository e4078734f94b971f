import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { silentLogger } from "../../src/bot/deps";
import { DEMO_GROUPS, DEMO_TENANT, demoChatMembers, LOCAL_APP } from "../../src/channels/local/demo";
import { textMessageEvent } from "../../src/channels/local/lark-events";
import { docSeal } from "../support/lark-seal";
import { loadConfig } from "../../src/config";
import { groups, members, records } from "../../src/db/schema";
import { startNodeBot } from "../../src/node/start";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-local-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("local mode: no Lark app, the bot talks to its own mock", () => {
  test("starts with the demo group registered through the real event path, and answers a record", async () => {
    const config = loadConfig({ PORT: "0", DATABASE_URL: `file:${join(dir, "local.db")}` });
    const bot = await startNodeBot(config, { log: silentLogger, seedHistory: false });
    try {
      await bot.idle();
      const demo = DEMO_GROUPS[0]!;
      const registered = await bot.db.select().from(groups);
      expect(registered.find((g) => g.chatId === demo.chatId)).toMatchObject({
        chatId: demo.chatId,
        name: demo.name,
        tenantKey: DEMO_TENANT,
      });
      const people = await bot.db.select().from(members);
      expect(people).toHaveLength(DEMO_GROUPS.reduce((n, g) => n + demoChatMembers(g).length, 0));

      const mock = bot.local!.mock;
      const person = demo.members[0]!;
      const messageId = mock.addUserMessage({
        chatId: demo.chatId,
        openId: person.openId,
        content: '{"text":"@_user_1 日报 本地模式"}',
      }).messageId;
      const event = textMessageEvent({
        token: LOCAL_APP.verificationToken,
        appId: LOCAL_APP.appId,
        tenantKey: DEMO_TENANT,
        chatId: demo.chatId,
        chatType: "group",
        senderOpenId: person.openId,
        text: "@绩效考核机器人 日报 本地模式",
        messageId,
        mentions: [{ openId: LOCAL_APP.botOpenId, name: "绩效考核机器人" }],
      });
      const sealed = docSeal(event, { encryptKey: LOCAL_APP.encryptKey, timestamp: Math.floor(Date.now() / 1000) });
      const res = await fetch(`${bot.url}/lark/events`, { method: "POST", headers: sealed.headers, body: sealed.body });
      expect(res.status).toBe(200);
      const [reply] = await mock.waitForMessages((m) => m.parentId === messageId);
      expect(JSON.stringify(reply!.parsed)).toContain("本地模式");
      expect(await bot.db.select().from(records)).toHaveLength(1);

      // The mock's inspection route is served by the bot's own server.
      const listed = (await (await fetch(`${bot.url}/mock-lark/mock/messages`)).json()) as { messages: unknown[] };
      expect(listed.messages.length).toBeGreaterThanOrEqual(3); // user message, welcome, receipt
    } finally {
      await bot.close();
    }
  });

  test("a restart on the same database keeps the data and registers nothing twice", async () => {
    const config = loadConfig({ PORT: "0", DATABASE_URL: `file:${join(dir, "local.db")}` });
    const bot = await startNodeBot(config, { log: silentLogger, seedHistory: false });
    try {
      await bot.idle();
      expect(await bot.db.select().from(groups)).toHaveLength(DEMO_GROUPS.length);
      expect(await bot.db.select().from(records)).toHaveLength(1);
      // The welcome was not posted again: the bot-added event was already processed.
      expect(bot.local!.mock.sentMessages()).toHaveLength(0);
    } finally {
      await bot.close();
    }
  });
});

describe("configuration", () => {
  test("a malformed value stops the server with one clear line naming it", async () => {
    const bin = join(process.cwd(), "node_modules", ".bin", "tsx");
    const child = spawn(bin, ["src/node.ts"], {
      env: { ...process.env, PORT: "eighty", APPRAISAL_TZ: "Mars/Olympus" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Invalid configuration: PORT: /);
    expect(lines[1]).toMatch(/^Invalid configuration: APPRAISAL_TZ: .*IANA/);
  });

  test("a real app needs its secret and verification token", () => {
    expect(() => loadConfig({ LARK_APP_ID: "cli_x" })).toThrow(/LARK_APP_SECRET.*\n.*LARK_VERIFICATION_TOKEN/s);
    expect(() => loadConfig({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL must start with/);
    expect(() => loadConfig({ LARK_DOMAIN: "not a url" })).toThrow(/LARK_DOMAIN/);
  });

  test("defaults are the documented ones; empty variables count as unset", () => {
    const c = loadConfig({ PORT: "", LARK_APP_ID: "  " });
    expect(c).toMatchObject({
      PORT: 8787,
      DATABASE_URL: "file:data/appraisal.db",
      LARK_DOMAIN: "https://open.feishu.cn",
      APPRAISAL_TZ: "Asia/Shanghai",
    });
    expect(c.LARK_APP_ID).toBeUndefined();
  });
});
