import { WechatyBuilder, type Wechaty } from "wechaty";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import { afterAll, beforeAll } from "vitest";
import { consoleLogger, silentLogger } from "../../src/bot/deps";
import { createWechatBridge, type WechatBridge } from "../../src/channels/wechat/bridge";
import { renderImage } from "../../src/channels/wechat/image/render";
import type { Database } from "../../src/db/database";
import { manualClock } from "./bot-harness";
import { openTestDatabase } from "./db";
import { wechatContactId, wechatRoomId } from "./ids";

/**
 * The people of the mock WeChat world; fixed ids (of the shapes wechaty-puppet-mock
 * makes: cuid contacts, cuid@chatroom rooms), so a restarted bridge meets the same room and contacts.
 */
export const WX = {
  bot: { id: wechatContactId("bot"), name: "考核助手" },
  leader: { id: wechatContactId("leader"), name: "王主任" },
  zhang: { id: wechatContactId("zhang"), name: "张三" },
  li: { id: wechatContactId("li"), name: "李四" },
  /** In the room but not the bot's WeChat friend: private messages cannot reach him. */
  wang: { id: wechatContactId("wang"), name: "王五" },
  room: { id: wechatRoomId("office"), topic: "综合办公室" },
};

export interface SentMessage {
  /** Room id, or the contact's id for private messages. */
  to: string;
  text: string;
  image: boolean;
}

export interface WechatWorld {
  wechaty: Wechaty;
  bridge: WechatBridge;
  /** The mock puppet's world: rooms and contacts to add, remove and create. */
  mocker: InstanceType<typeof mock.Mocker>;
  people: Record<
    "bot" | "leader" | "zhang" | "li" | "wang",
    ReturnType<InstanceType<typeof mock.Mocker>["createContact"]>
  >;
  /** Everything the bot said, in order. */
  sent: SentMessage[];
  /** Someone speaks in the room; `mentionBot` puts "@考核助手 " in front, as WeChat does. */
  inRoom(
    who: keyof typeof WX,
    text: string,
    opts?: { mentionBot?: boolean; mentions?: (keyof typeof WX)[] },
  ): Promise<void>;
  /** Someone writes to the bot privately. */
  privately(who: keyof typeof WX, text: string): Promise<void>;
  /** Until every message received is handled and what it queued has gone out. */
  settle(): Promise<void>;
  /** Resolves when the bot has said `count` messages in all. */
  sentCount(count: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real Wechaty with the mock puppet: one logged-in bot account, a room
 * "综合办公室" owned by 王主任 with 张三 and 李四, and the bridge on a real
 * libSQL file. The room's owner becomes its leader when members are read.
 */
export async function startWechatWorld(
  db: Database,
  opts: { sendIntervalMs?: number; clock?: ReturnType<typeof manualClock> } = {},
): Promise<WechatWorld> {
  const mocker = new mock.Mocker();
  const wechaty = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
  const sent: SentMessage[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  wechaty.on("message", (m) => {
    if (!m.self()) return;
    sent.push({
      to: m.room()?.id ?? m.listener()?.id ?? "",
      text: m.text(),
      image: m.type() === wechaty.Message.Type.Image,
    });
    for (const w of waiters.filter((w) => sent.length >= w.count)) w.resolve();
  });
  // As src/wechat.ts does: Wechaty reports its own troubles (the mock puppet cannot refresh a room's
  // member list after a join) as "error" events, which must not crash the process.
  wechaty.on("error", (error) =>
    process.env.TEST_LOG ? consoleLogger.warn("wechaty", { error: String(error) }) : undefined,
  );
  await wechaty.start();
  const people = Object.fromEntries(
    (["bot", "leader", "zhang", "li", "wang"] as const).map((k) => [
      k,
      mocker.createContact({ id: WX[k].id, name: WX[k].name, friend: k !== "wang" }),
    ]),
  ) as Record<"bot" | "leader" | "zhang" | "li" | "wang", ReturnType<typeof mocker.createContact>>;
  const room = mocker.createRoom({
    id: WX.room.id,
    topic: WX.room.topic,
    ownerId: WX.leader.id,
    memberIdList: [WX.bot.id, WX.leader.id, WX.zhang.id, WX.li.id, WX.wang.id],
  });
  const loggedIn = new Promise<void>((resolve) => wechaty.once("login", () => resolve()));
  mocker.login(people.bot);
  await loggedIn;
  const clock = opts.clock ?? manualClock("2026-11-27T02:00:00Z");
  const bridge = createWechatBridge({
    wechaty,
    db,
    timezone: "Asia/Shanghai",
    sendIntervalMs: opts.sendIntervalMs ?? 20,
    renderImage,
    clock,
    log: process.env.TEST_LOG ? consoleLogger : silentLogger,
    runJobs: false,
  });
  // The mock emits a message event after say(); give Wechaty's own listener its turn before settling.
  const said = () => new Promise((r) => setImmediate(r));
  const who = (k: keyof typeof WX) => people[k as "leader"];
  return {
    wechaty,
    bridge,
    mocker,
    people,
    sent,
    async inRoom(k, text, o = {}) {
      const mentioned = [...(o.mentionBot ? [people.bot] : []), ...(o.mentions ?? []).map(who)];
      who(k)
        .say(o.mentionBot ? `@${WX.bot.name}\u2005${text}` : text, mentioned)
        .to(room);
      await said();
    },
    async privately(k, text) {
      who(k).say(text).to(people.bot);
      await said();
    },
    async settle() {
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 10));
        await bridge.idle();
      }
    },
    sentCount(count) {
      return sent.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async stop() {
      await bridge.stop();
      await wechaty.stop();
    },
  };
}

export type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;

/**
 * A test file's own database and WeChat world: opened before its tests (each
 * handed to `opened`), stopped and removed after them.
 */
export function useWechatWorld(
  opened: (w: { database: TestDatabase; world: WechatWorld }) => void,
  opts: Parameters<typeof startWechatWorld>[1] = {},
): void {
  let database: TestDatabase | undefined;
  let world: WechatWorld | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
    world = await startWechatWorld(database.db, opts);
    opened({ database, world });
  });
  afterAll(async () => {
    await world?.stop();
    await database?.dispose();
  });
}
