import { sql } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { adminRoutes } from "./admin";
import type { Bot } from "./bot/bot";
import type { JobKind } from "./domain/schedule";
import type { JobRun } from "./jobs/run";
import type { Logger } from "./bot/deps";
import { larkWebhook } from "./channels/lark/webhook";
import type { BotIdentity } from "./channels/lark/bot-identity";
import { createDispatch } from "./bot/dispatch";
import type { Database } from "./db/database";
import { bodyLimit } from "./http/body-limit";
import { surveyRoutes } from "./http/survey-page";

/** Lark's events are small; 1 MiB leaves room for long texts and refuses abuse. */
export const MAX_EVENT_BYTES = 1024 * 1024;

export interface HttpAppOptions {
  db: Database;
  bot: Bot;
  log: Logger;
  /** `webhook: false` (events come over the long connection): no /lark/events route at all. */
  lark: { verificationToken?: string; encryptKey?: string; identity: BotIdentity; webhook?: boolean };
  now: () => number;
  /** Sends what is queued in the outbox; runs after each answer. */
  drain: () => Promise<unknown>;
  /** Where work goes after the answer when the runtime has no waitUntil (Node). */
  background: (task: Promise<unknown>) => void;
  /** The bot's address from outside (PUBLIC_URL), for the links on its own pages. */
  publicUrl?: string;
  /** Without a token the admin routes do not exist. */
  admin?: { token?: string; runJobs: (at: Date, only: JobKind) => Promise<JobRun[]> };
}

/**
 * Work after the answer: the request's waitUntil when there is one (Workers; the Node server hands
 * its task queue over as one, src/node/start.ts), else the fallback (in-process `app.request`).
 */
function deferFor(c: Context, fallback: (task: Promise<unknown>) => void) {
  try {
    const ctx = c.executionCtx;
    return (task: Promise<unknown>) => ctx.waitUntil(task);
  } catch {
    return fallback; // no execution context: Hono throws rather than answer undefined.
  }
}

/** The Hono app: routes and middleware only. */
export function createHttpApp(opts: HttpAppOptions) {
  const app = new Hono();

  app.get("/healthz", async (c) => {
    try {
      await opts.db.run(sql`select 1`);
      return c.json({ ok: true });
    } catch (error) {
      opts.log.error("health check failed", { error: String(error) });
      return c.json({ ok: false, error: "database unreachable" }, 503);
    }
  });

  // Built once; each request brings its own context (and, on Workers, its own waitUntil).
  const dispatch = createDispatch({ bot: opts.bot, log: opts.log, drain: opts.drain });
  const webhook = larkWebhook({
    ...opts.lark,
    now: opts.now,
    handle: (update, c) => dispatch(update, deferFor(c, opts.background)),
  });
  if (opts.lark.webhook !== false) {
    app.post(
      "/lark/events",
      bodyLimit({ maxSize: MAX_EVENT_BYTES, onError: (c) => c.json({ error: "body too large" }, 413) }),
      webhook,
    );
  }

  // 群众/社会评价: the survey page people outside the chat answer (src/http/survey-page.ts).
  app.route(
    "/survey",
    surveyRoutes({
      db: opts.db,
      log: opts.log,
      now: opts.now,
      ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
    }),
  );

  if (opts.admin?.token) {
    const { token, runJobs } = opts.admin;
    app.route(
      "/admin",
      adminRoutes({
        token,
        runJobs,
        log: opts.log,
        db: opts.db,
        now: opts.now,
        afterRun: (c) =>
          deferFor(
            c,
            opts.background,
          )(opts.drain().catch((error) => opts.log.error("outbox drain failed", { error: String(error) }))),
      }),
    );
  }

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    opts.log.error("unhandled error", { path: c.req.path, error: String(error), stack: (error as Error).stack });
    return c.json({ error: "internal error" }, 500);
  });

  return app;
}
