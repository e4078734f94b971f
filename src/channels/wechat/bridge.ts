import type { Contact, Room, Wechaty } from "wechaty";
import { cardActions, commands, fallbackCommand, replies } from "../../../commands";
import { findGroup } from "../../app/groups";
import { systemClock, type Clock } from "../../app/ports";
import { createBot } from "../../bot/bot";
import { consoleLogger, type Logger } from "../../bot/deps";
import { createRouter } from "../../bot/router";
import type { Update } from "../../bot/update";
import { sha256Hex } from "../../db/sha256";
import { stripControls } from "../../domain/text";
import type { Database } from "../../db/database";
import { runDueJobs } from "../../jobs/run";
import { startOutboxLoop } from "../../outbox/loop";
import { drainOutbox } from "../../outbox/deliver";
import { createPacer } from "../../outbox/pacer";
import { createWechatDirectory } from "./directory";
import { wechatLinks } from "./links";
import { createWechatSender, type ImageRenderer } from "./sender";
import { toMessageUpdate } from "./update";

export interface WechatBridgeOptions {
  wechaty: Wechaty;
  db: Database;
  timezone: string;
  /** At most one message per this many ms from the account, and per chat (WECHAT_SEND_INTERVAL_MS). */
  sendIntervalMs: number;
  renderImage: ImageRenderer;
  clock?: Clock;
  log?: Logger;
  /** Check scheduled jobs every minute (default true). */
  runJobs?: boolean;
}

/** A sleep that ends early, by throwing, when the bridge stops: queued messages stay queued. */
function abortableSleep(signal: AbortSignal) {
  return (ms: number) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const timer = setTimeout(() => (signal.removeEventListener("abort", stop), resolve()), ms);
      const stop = () => (clearTimeout(timer), reject(signal.reason));
      signal.addEventListener("abort", stop, { once: true });
    });
}

/**
 * The WeChat channel: Wechaty messages become the bot's updates, the bot's
 * answers go out through the outbox on the "wechat" channel, slowly — WeChat
 * restricts accounts that send in bursts, so the pacer allows one message per
 * `sendIntervalMs` for the whole account (default 3 s).
 *
 * In groups the bot sees every message, not only those addressed to it: it
 * answers a message that @-mentions it or starts with a command word, and
 * stays silent on the rest of the chatter.
 */
export function createWechatBridge(opts: WechatBridgeOptions) {
  const { wechaty, db } = opts;
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? consoleLogger;
  const directory = createWechatDirectory(wechaty);
  const bot = createBot({
    deps: { db, clock, directory, defaultTimezone: opts.timezone, platform: "wechat", log, ...wechatLinks(db) },
    commands,
    fallback: fallbackCommand,
    cardActions,
    replies,
  });
  const route = createRouter(commands, fallbackCommand);
  const stopping = new AbortController();
  const every = { limit: 1, windowMs: opts.sendIntervalMs };
  const pacer = createPacer({ app: [every], target: every, sleep: abortableSleep(stopping.signal) });
  const sender = createWechatSender(wechaty, opts.renderImage);
  const drain = () =>
    drainOutbox(db, sender, {
      channel: "wechat",
      now: () => clock.now().getTime(),
      pacer,
      signal: stopping.signal,
      concurrency: 1,
    });
  const loop = startOutboxLoop(() => (wechaty.isLoggedIn ? drain() : Promise.resolve()), {
    intervalMs: 5000,
    onError: (error) => log.error("wechat outbox drain failed", { error: String(error) }),
  });
  const pending = new Set<Promise<unknown>>();
  const track = (task: Promise<unknown>) => {
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };

  async function accepts(facts: NonNullable<Awaited<ReturnType<typeof toMessageUpdate>>>): Promise<boolean> {
    const { update, mentionsBot } = facts;
    if (update.chatType === "p2p") return true;
    if (mentionsBot) return true;
    if (update.unsupportedType) return false;
    // Chatter (most of a room's messages) is turned away before the database is read.
    if (route(update.text, "group").kind !== "command") return false;
    const group = await findGroup(db, { platform: "wechat", chatId: update.chatId });
    return !group?.settings.requireMention;
  }

  async function onMessage(message: Parameters<typeof toMessageUpdate>[0]) {
    if (!wechaty.isLoggedIn) return;
    const self = wechaty.currentUser;
    const facts = await toMessageUpdate(message, { id: self.id, names: [self.name()] });
    if (!facts || !(await accepts(facts))) return;
    const outcome = await bot.handle(facts.update);
    for (const task of outcome.after)
      await task().catch((error) => log.error("after-message task failed", { error: String(error) }));
    void loop.kick();
  }

  const listener = (message: Parameters<typeof toMessageUpdate>[0]) =>
    track(
      onMessage(message).catch((error) =>
        log.error("wechat message failed", { messageId: message.id, error: String(error) }),
      ),
    );
  wechaty.on("message", listener);
  wechaty.on("login", () => void loop.kick());

  /**
   * Room membership, as Lark's member events: the bot invited → the room is registered and
   * welcomed; the bot removed → its group stops; anyone else joining or leaving → the same
   * members_joined / members_left updates as Lark's 用户进群 / 用户出群, so the roster follows at
   * once. A room linked by 绑定 keeps the linked group's members as they are.
   */
  async function onMembership(change: "join" | "leave", room: Room, people: Contact[], by?: Contact, at?: Date) {
    if (!wechaty.isLoggedIn) return;
    const self = wechaty.currentUser;
    const when = (at ?? clock.now()).getTime();
    const ids = people.map((p) => p.id);
    const base = { tenantKey: self.id, chatId: room.id };
    let update: Update;
    if (ids.includes(self.id)) {
      const eventId = `wx:${change}:${room.id}:${when}`;
      update = change === "join" ? { kind: "bot_added", eventId, ...base } : { kind: "bot_removed", eventId, ...base };
    } else {
      // Wechaty announces a join or leave once per session: the room, the time and who make its id.
      const eventId = `wx:${change}:${room.id}:${when}:${sha256Hex([...ids].sort().join(",")).slice(0, 16)}`;
      const named = await Promise.all(
        // Someone who has left has no room alias any more: their WeChat name serves.
        people.map(async (p) => ({
          userId: p.id,
          name: stripControls((await room.alias(p).catch(() => undefined)) || p.name()).trim(),
        })),
      );
      // The bot's own account as the actor is the bot (no person in the audit log).
      const operatorId = by && by.id !== self.id ? by.id : undefined;
      const removed = Boolean(by && !ids.includes(by.id));
      update =
        change === "join"
          ? { kind: "members_joined", eventId, ...base, operatorId, people: named }
          : {
              kind: "members_left",
              eventId,
              ...base,
              operatorId,
              reason: removed ? "removed" : "left",
              people: named,
            };
    }
    const outcome = await bot.handle(update);
    for (const task of outcome.after)
      await task().catch((error) => log.error(`after room-${change} task failed`, { error: String(error) }));
    void loop.kick();
  }
  const membership = (change: "join" | "leave") => (room: Room, people: Contact[], by?: Contact, at?: Date) =>
    track(
      onMembership(change, room, people, by, at).catch((error) =>
        log.error(`wechat room-${change} failed`, { roomId: room.id, error: String(error) }),
      ),
    );
  const onJoin = membership("join");
  const onLeave = membership("leave");
  wechaty.on("room-join", onJoin);
  wechaty.on("room-leave", onLeave);

  const jobs =
    opts.runJobs === false
      ? undefined
      : setInterval(
          () =>
            void runDueJobs({ db, log, clock }, clock.now())
              .then((runs) => (runs.some((r) => r.queued) ? loop.kick() : undefined))
              .catch((error) => log.error("jobs failed", { error: String(error) })),
          60_000,
        );
  jobs?.unref();

  return {
    /** Waits until every message received so far is handled and what it queued is sent. */
    async idle() {
      while (pending.size) await Promise.all([...pending]);
      await loop.kick();
    },
    drain: () => loop.kick(),
    /** Stops between messages; what is not sent stays in the outbox for the next start. */
    async stop() {
      wechaty.off("message", listener);
      wechaty.off("room-join", onJoin);
      wechaty.off("room-leave", onLeave);
      clearInterval(jobs);
      stopping.abort(new Error("bridge stopping"));
      await Promise.all([...pending]);
      await loop.stop();
    },
  };
}

export type WechatBridge = ReturnType<typeof createWechatBridge>;
