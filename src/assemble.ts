import { cardActions, commands, fallbackCommand, fileCommand, replies } from "../commands";
import type { ChatDirectory } from "./app/ports";
import { systemClock, type Clock } from "./app/ports";
import { createBot } from "./bot/bot";
import { consoleLogger, type Logger } from "./bot/deps";
import { createLarkOpenApi } from "./channels/lark/open-api";
import { createBotIdentity } from "./channels/lark/bot-identity";
import { createDispatch } from "./bot/dispatch";
import type { Config } from "./config";
import type { Database } from "./db/database";
import { pruneOldRows } from "./app/maintenance";
import { runDueJobs } from "./jobs/run";
import type { JobKind } from "./domain/schedule";
import { drainOutbox } from "./outbox/deliver";
import { createPacer, type Pacer } from "./outbox/pacer";
import type { MessageSender } from "./outbox/sender";
import { createHttpApp } from "./http";
import { createFileRenderer } from "./app/export-file";

export interface AssembleOptions {
  config: Config;
  db: Database;
  /** Lark app credentials; in local mode the mock's. */
  lark: { appId: string; appSecret: string; domain: string; verificationToken?: string; encryptKey?: string };
  clock?: Clock;
  log?: Logger;
  fetch?: typeof fetch;
  background: (task: Promise<unknown>) => void;
  /**
   * Whether work started by one request may be awaited by another (true on Node; false on
   * Workers, where workerd cancels such continuations): the bot open_id look-up is shared then.
   */
  sharedLookups?: boolean;
  /** How a request asks for the outbox to be drained after its answer (default: drain now). */
  requestDrain?: () => Promise<unknown>;
  /** The bot's address from outside when PUBLIC_URL is not set (local mode: the server's own). */
  publicUrl?: string;
  /** Keeps sends within Lark's limits (default: one in this process; on Workers, one shared by every invocation). */
  pacer?: Pacer;
}

/** Wires one bot: the same assembly on Node, on Workers and in tests. */
export function assemble(opts: AssembleOptions) {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? consoleLogger;
  const api = createLarkOpenApi({ ...opts.lark, fetch: opts.fetch });
  // Looked up once and kept; a failure is retried with backoff, and no answer waits on it for long.
  const identity = createBotIdentity({
    lookup: () => api.botOpenId(),
    share: opts.sharedLookups ?? false,
    onFailure: (error, attempt) => log.warn("bot open_id look-up failed", { attempt, error: String(error) }),
  });
  const directory: ChatDirectory = api;
  const publicUrl = opts.config.PUBLIC_URL ?? opts.publicUrl;
  const sender: MessageSender = api;
  const bot = createBot({
    deps: {
      db: opts.db,
      clock,
      directory,
      defaultTimezone: opts.config.APPRAISAL_TZ,
      platform: "lark",
      log,
      files: api,
      ...(publicUrl ? { publicUrl } : {}),
    },
    commands,
    fallback: fallbackCommand,
    fileCommand,
    cardActions,
    replies,
  });
  // Pacing runs on real time: it spaces real HTTP calls, whatever the business clock says.
  const pacer = opts.pacer ?? createPacer(opts.config.LARK_SEND_LIMITS ? { app: opts.config.LARK_SEND_LIMITS } : {});
  const stopping = new AbortController();
  const files = createFileRenderer(opts.db);
  const drain = () =>
    drainOutbox(opts.db, sender, { now: () => clock.now().getTime(), pacer, signal: stopping.signal, files });
  /** One bounded batch of sends (a queue consumer's share, within its subrequest budget). */
  const drainBatch = (limit: number) =>
    drainOutbox(opts.db, sender, {
      now: () => clock.now().getTime(),
      pacer,
      signal: stopping.signal,
      files,
      batchSize: limit,
      once: true,
    });
  /** Scheduled work due now (or as of `at`), in each group's time zone; queued, then drained. */
  const runJobs = (at?: Date, only?: JobKind) => runDueJobs({ db: opts.db, log, clock }, at ?? clock.now(), only);
  const dispatch = createDispatch({ bot, log, drain: opts.requestDrain ?? drain });
  const app = createHttpApp({
    db: opts.db,
    bot,
    log,
    lark: {
      verificationToken: opts.lark.verificationToken,
      encryptKey: opts.lark.encryptKey,
      identity,
      // Over the long connection nothing comes to /lark/events: serving it would only invite forged events.
      webhook: opts.config.LARK_EVENT_MODE !== "ws",
    },
    now: () => clock.now().getTime(),
    drain: opts.requestDrain ?? drain,
    background: opts.background,
    admin: { token: opts.config.ADMIN_TOKEN, runJobs },
    ...(opts.config.PUBLIC_URL ? { publicUrl: opts.config.PUBLIC_URL } : {}),
  });
  /** Periodic housekeeping: old dedupe markers and long-sent messages. */
  const maintain = () => pruneOldRows(opts.db, clock.now());
  /** Ends drains between messages, for shutdown. */
  const stop = () => stopping.abort();
  return {
    app,
    bot,
    drain,
    drainBatch,
    maintain,
    runJobs,
    jobDeps: { db: opts.db, log, clock },
    api,
    stop,
    identity,
    dispatch,
  };
}
