import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { consoleLogger, silentLogger, type Logger } from "../../src/bot/deps";
import {
  cardActionEvent,
  textMessageEvent,
  botAddedEvent,
  fileMessageEvent,
} from "../../src/channels/local/lark-events";
import { startMockLarkServer, type MockLarkServer } from "../../src/channels/local/mock-lark";
import { loadConfig } from "../../src/config";
import { startNodeBot, type NodeBot } from "../../src/node/start";
import { groupIdFor, memberIdFor } from "../../src/db/ids";
import { larkChatId, larkOpenId, larkTenantKey } from "./ids";
import { docSeal } from "./lark-seal";

/** Ids of the shapes Lark documents (cli_ + 16 hex app id, ou_/oc_ + 32 hex, tenant key 16 hex). */
export const APP = { appId: "cli_a5c3e7f90b12d046", appSecret: "test-secret", botOpenId: larkOpenId("bot") };
export const TOKEN = "test-verification-token";
export const ENCRYPT_KEY = "test-encrypt-key";
export const TENANT = larkTenantKey("tenant_a");

export const OFFICE = {
  chatId: larkChatId("office"),
  name: "综合办公室",
  owner: { openId: larkOpenId("leader"), name: "李主任" },
  members: [
    { openId: larkOpenId("zhang"), name: "张三" },
    { openId: larkOpenId("li"), name: "李四" },
  ],
};

/** The id the bot gives a person in a Lark group (the office unless another chat is named). */
export const memberOf = (openId: string, chatId: string = OFFICE.chatId) =>
  memberIdFor(groupIdFor("lark", chatId), openId);

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso: string) => {
      t = new Date(iso).getTime();
    },
  };
}

export interface Harness {
  bot: NodeBot;
  lark: MockLarkServer;
  clock: ReturnType<typeof manualClock>;
  /** Posts a payload to /lark/events sealed as Lark does (encrypted and signed). */
  post(
    payload: unknown,
    opts?: { raw?: string; headers?: Record<string, string>; timestamp?: number },
  ): Promise<Response>;
  /** A message as Lark delivers it; `mentions` are people @mentioned by name in `text` ("@张三"). */
  say(
    openId: string,
    text: string,
    opts?: {
      chatId?: string;
      chatType?: "group" | "p2p";
      messageId?: string;
      eventId?: string;
      mentions?: { openId: string; name: string }[];
    },
  ): Promise<Response>;
  /** A file the person sends (stored in the mock, so the bot can download it), delivered as Lark does. */
  sendFile(
    openId: string,
    fileName: string,
    bytes: Uint8Array,
    opts?: { chatId?: string; chatType?: "group" | "p2p" },
  ): Promise<Response>;
  /** A message the person wrote in Lark (so the bot can reply to it); returns its message_id. */
  userMessage(openId: string, text: string, chatId?: string): string;
  click(openId: string, value: Record<string, unknown>, messageId: string, chatId?: string): Promise<Response>;
  addBotToOffice(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real bot on loopback: the Node server, a libSQL file in a temp folder,
 * and the project's Lark mock as a separate HTTP server.
 */
export async function startHarness(
  opts: {
    clockStart?: string;
    memberCount?: number;
    encrypt?: boolean;
    adminToken?: string;
    log?: Logger /** An existing database file to start on. */;
    databasePath?: string;
  } = {},
): Promise<Harness> {
  const encryptKey = opts.encrypt === false ? undefined : ENCRYPT_KEY;
  const dir = await mkdtemp(join(tmpdir(), "appraisal-test-"));
  const clock = manualClock(opts.clockStart ?? "2026-11-27T02:00:00Z");
  const extra = Array.from({ length: opts.memberCount ?? 0 }, (_, i) => ({
    openId: larkOpenId(`extra_${i}`),
    name: `成员${i}`,
  }));
  const office = { ...OFFICE, members: [...OFFICE.members, ...extra] };
  const lark = await startMockLarkServer({ apps: [APP], tenantKey: TENANT });
  for (const p of [office.owner, ...office.members]) lark.mock.addUser(p);
  lark.mock.addChat({
    chatId: office.chatId,
    name: office.name,
    ownerOpenId: office.owner.openId,
    members: [office.owner, ...office.members],
  });
  const config = loadConfig({
    PORT: "0",
    DATABASE_URL: `file:${opts.databasePath ?? join(dir, "bot.db")}`,
    LARK_APP_ID: APP.appId,
    LARK_APP_SECRET: APP.appSecret,
    LARK_VERIFICATION_TOKEN: TOKEN,
    LARK_ENCRYPT_KEY: encryptKey,
    LARK_DOMAIN: lark.url,
    ADMIN_TOKEN: opts.adminToken,
  });
  const bot = await startNodeBot(config, {
    clock,
    log: opts.log ?? (process.env.TEST_LOG ? consoleLogger : silentLogger),
  });
  const envelope = { token: TOKEN, appId: APP.appId, tenantKey: TENANT };

  const post: Harness["post"] = async (payload, o = {}) => {
    const timestamp = o.timestamp ?? Math.floor(clock.now().getTime() / 1000);
    // Sealed by test code written from Lark's documentation, not by the production crypto.
    const sealed = docSeal(payload, { encryptKey, timestamp });
    return fetch(`${bot.url}/lark/events`, {
      method: "POST",
      headers: { ...sealed.headers, ...o.headers },
      body: o.raw ?? sealed.body,
    });
  };
  /** The chat a person speaks in: the one named, else their private chat with the bot, else the office group. */
  const where = (openId: string, o: { chatId?: string; chatType?: "group" | "p2p" }) => {
    const p2p = o.chatType === "p2p";
    return { p2p, chatId: o.chatId ?? (p2p ? lark.mock.store.p2pChat(APP.appId, openId).chatId : OFFICE.chatId) };
  };
  return {
    bot,
    lark,
    clock,
    post,
    say(openId, text, o = {}) {
      const { p2p, chatId } = where(openId, o);
      // The person's message exists in Lark before the event arrives; the bot replies to it.
      const messageId =
        o.messageId ?? lark.mock.addUserMessage({ chatId, openId, content: JSON.stringify({ text }) }).messageId;
      return post(
        textMessageEvent({
          ...envelope,
          eventId: o.eventId,
          chatId,
          chatType: p2p ? "p2p" : "group",
          senderOpenId: openId,
          text: p2p ? text : `@绩效考核机器人 ${text}`,
          messageId,
          mentions: [...(p2p ? [] : [{ openId: APP.botOpenId, name: "绩效考核机器人" }]), ...(o.mentions ?? [])],
        }),
      );
    },
    sendFile(openId, fileName, bytes, o = {}) {
      const { p2p, chatId } = where(openId, o);
      const message = lark.mock.addUserFile({ chatId, openId, fileName, bytes });
      const fileKey = (message.parsed as { file_key: string }).file_key;
      return post(
        fileMessageEvent({
          ...envelope,
          chatId,
          chatType: p2p ? "p2p" : "group",
          senderOpenId: openId,
          messageId: message.messageId,
          fileKey,
          fileName,
        }),
      );
    },
    userMessage: (openId, text, chatId = OFFICE.chatId) =>
      lark.mock.addUserMessage({ chatId, openId, content: JSON.stringify({ text }) }).messageId,
    click: (openId, value, messageId, chatId = OFFICE.chatId) =>
      post(cardActionEvent({ ...envelope, operatorOpenId: openId, value, messageId, chatId })),
    async addBotToOffice() {
      const res = await post(
        botAddedEvent({ ...envelope, chatId: OFFICE.chatId, operatorOpenId: OFFICE.owner.openId }),
      );
      if (res.status !== 200) throw new Error(`bot added: HTTP ${res.status}`);
      await bot.idle();
    },
    async close() {
      await bot.close();
      await lark.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
