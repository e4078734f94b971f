import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { Clock } from "../app/ports";
import { assemble } from "../assemble";
import { consoleLogger, type Logger } from "../bot/deps";
import { isLocalMode, type Config } from "../config";
import { openNodeDatabase, type NodeDatabaseOptions } from "../db/client-node";
import { applyMigrations } from "../db/migrate";
import { groups } from "../db/schema";
import { createLocalLark, type LocalLark } from "../channels/local/local-lark";
import { playgroundRoutes } from "../channels/local/playground/routes";
import { seedDemo } from "../channels/local/playground/seed";
import { wipeDatabase } from "../channels/local/playground/wipe";
import { createTravelClock } from "../channels/local/travel-clock";
import { startLongConnection, type LongConnection } from "../channels/lark/long-connection/client";
import { longConnectionReceiver } from "../channels/lark/long-connection/receiver";
import { attachLongConnectionServer } from "../channels/local/mock-lark/long-connection/server";
import { startOutboxLoop } from "../outbox/loop";
import { createTaskQueue } from "./tasks";

export interface NodeBot {
  url: string;
  port: number;
  config: Config;
  /** The Hono app, for in-process requests (`app.request(...)`). */
  app: { request: (input: string, init?: RequestInit) => Response | Promise<Response> };
  db: Awaited<ReturnType<typeof openNodeDatabase>>["db"];
  /** Present in local mode: the mock Lark the bot talks to, and the demo it seeded. */
  local?: LocalLark;
  /** Waits until every after-answer task and outbox drain has finished. */
  idle(): Promise<void>;
  drain(): Promise<unknown>;
  /** Runs the scheduled jobs due as of `at` (default now), then sends what they queued. */
  runJobs(at?: Date): ReturnType<ReturnType<typeof assemble>["runJobs"]>;
  close(): Promise<void>;
  /** With LARK_EVENT_MODE=ws: the long connection events and card callbacks arrive on. */
  longConnection?: LongConnection;
}

export interface StartOptions {
  hostname?: string;
  clock?: Clock;
  log?: Logger;
  /** Seed the local-mode demo group (default true). */
  seedDemo?: boolean;
  /** With the demo groups, replay their month of history through the webhook (default true). */
  seedHistory?: boolean;
  /** Database options (the benchmark's baseline turns group commit off). */
  database?: NodeDatabaseOptions;
}

/**
 * Starts the bot under Node: the database (migrated when it is a file), the
 * HTTP server, the outbox loop and, with no LARK_APP_ID, the local Lark mock
 * on the same server at /mock-lark with a demo group.
 */
export async function startNodeBot(config: Config, opts: StartOptions = {}): Promise<NodeBot> {
  const log = opts.log ?? consoleLogger;
  const database = await openNodeDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN, opts.database);
  if (config.DATABASE_URL.startsWith("file:")) await applyMigrations(database.db);

  // Listen first: in local mode the Lark base URL is this server's own address.
  let handler: (req: Request) => Response | Promise<Response> = () => new Response("starting", { status: 503 });
  const hostname = opts.hostname ?? "127.0.0.1";
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: (req) => handler(req), port: config.PORT, hostname }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${hostname === "0.0.0.0" ? "127.0.0.1" : hostname}:${port}`;

  // Local mode's clock can travel: the demo history is replayed on the days it happened.
  const travel = isLocalMode(config) ? createTravelClock(opts.clock) : undefined;
  const clock = travel ?? opts.clock;
  const local = isLocalMode(config) ? createLocalLark({ baseUrl: url, clock }) : undefined;
  // The playground runs jobs "as of" a time through the admin route; locally it needs no configured token.
  if (local && !config.ADMIN_TOKEN) config = { ...config, ADMIN_TOKEN: `local-${crypto.randomUUID()}` };
  // The playground posts its events to /lark/events: local mode is a webhook.
  if (local && config.LARK_EVENT_MODE === "ws") config = { ...config, LARK_EVENT_MODE: "webhook" };
  const lark = local
    ? local.credentials
    : {
        appId: config.LARK_APP_ID!,
        appSecret: config.LARK_APP_SECRET!,
        domain: config.LARK_DOMAIN,
        verificationToken: config.LARK_VERIFICATION_TOKEN,
        encryptKey: config.LARK_ENCRYPT_KEY,
      };

  const tasks = createTaskQueue((error) => log.error("background task failed", { error: String(error) }));
  let loop: ReturnType<typeof startOutboxLoop> | undefined;
  const bot = assemble({
    config,
    db: database.db,
    lark,
    clock,
    log,
    background: (task) => tasks.run(task),
    sharedLookups: true,
    publicUrl: url,
    requestDrain: () => loop?.kick() ?? Promise.resolve(),
  });
  loop = startOutboxLoop(bot.drain, { onError: (error) => log.error("outbox drain failed", { error: String(error) }) });
  // Jobs are checked every minute; each group's time zone decides what is due. Not in local
  // mode: its demo history is made up, and the playground's time controls run jobs when asked.
  const jobs = local
    ? undefined
    : setInterval(
        () =>
          void bot
            .runJobs()
            .then((runs) => (runs.some((r) => r.queued) ? loop?.kick() : undefined))
            .catch((error) => log.error("jobs failed", { error: String(error) })),
        60_000,
      );
  jobs?.unref();
  const housekeeping = setInterval(
    () => void bot.maintain().catch((error) => log.error("housekeeping failed", { error: String(error) })),
    3600_000,
  );
  housekeeping.unref();
  const idle = async () => {
    await tasks.idle();
    await loop?.kick();
    await tasks.idle();
  };
  const seed = async () => {
    if (!local || opts.seedDemo === false) return;
    // The history is replayed into an empty database only: a restart keeps what is there.
    const fresh = (await database.db.select({ id: groups.id }).from(groups).limit(1)).length === 0;
    if (opts.seedHistory === false || !travel || !fresh) return local.seedDemo(url, idle);
    await seedDemo({
      botUrl: url,
      mock: local.mock,
      clock: travel,
      timeZone: config.APPRAISAL_TZ,
      addBot: () => local.seedDemo(url, idle),
      settle: idle,
    });
  };
  let resetting: Promise<void> | undefined;
  let localSockets: ReturnType<typeof attachLongConnectionServer> | undefined;
  if (local) {
    bot.app.route(local.mountPath, local.app);
    // The local mock's long connection too, so a Lark client pointed at it can dial in.
    localSockets = attachLongConnectionServer(server as import("node:http").Server, local.mock.longConnection);
    const reset = async () => {
      await idle();
      await wipeDatabase(database.db);
      local.mock.reset();
      await seed();
    };
    bot.app.route(
      "/",
      playgroundRoutes({
        adminToken: config.ADMIN_TOKEN!,
        timeZone: config.APPRAISAL_TZ,
        reset: () => (resetting ??= reset().finally(() => (resetting = undefined))),
      }),
    );
  }
  // Node has no waitUntil: work after the answer goes to the task queue, handed to Hono as each request's
  // execution context, so that the webhook finds one instead of catching the Error Hono throws without it.
  const afterAnswer = {
    waitUntil: (task: Promise<unknown>) => tasks.run(task),
    passThroughOnException() {},
    props: {},
  };
  handler = (req) => bot.app.fetch(req, undefined, afterAnswer);
  // Ask for the bot's open_id now, so the first message that mentions someone does not wait for it.
  bot.identity.known();

  let longConnection: LongConnection | undefined;
  const closeAll = async () => {
    await longConnection?.close();
    localSockets?.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as import("node:http").Server).closeAllConnections?.();
    });
    bot.stop();
    clearInterval(housekeeping);
    clearInterval(jobs);
    await tasks.idle();
    await loop?.stop();
    database.close();
  };

  // Events and card callbacks over the long connection: the same dispatch as the webhook.
  if (!local && config.LARK_EVENT_MODE === "ws") {
    longConnection = startLongConnection({
      appId: lark.appId,
      appSecret: lark.appSecret,
      domain: lark.domain,
      log,
      handle: longConnectionReceiver({
        encryptKey: lark.encryptKey,
        identity: bot.identity,
        log,
        handle: (update) => bot.dispatch(update, (task) => tasks.run(task)),
      }),
    });
    try {
      await longConnection.started;
    } catch (error) {
      await closeAll();
      throw new Error(
        `Lark refused the long connection (check LARK_APP_ID / LARK_APP_SECRET, and in the console 事件与回调 → 使用长连接接收事件/回调): ${String((error as Error).message ?? error)}`,
      );
    }
  }

  await seed();

  return {
    url,
    port,
    config,
    app: bot.app,
    db: database.db,
    local,
    idle,
    drain: () => loop!.kick(),
    async runJobs(at) {
      const runs = await bot.runJobs(at);
      await loop?.kick();
      return runs;
    },
    close: closeAll,
    longConnection,
  };
}
