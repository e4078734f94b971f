import type { ExecutionContext } from "hono";
import { assemble } from "./assemble";
import { ConfigError, isLocalMode, loadConfig } from "./config";
import { openWebDatabase } from "./db/client-web";
import { consoleLogger } from "./bot/deps";

/** Workers bindings: the variables of ../shared/DESIGN.md, as vars and secrets. */
export type WorkerEnv = Record<string, unknown>;

type Assembled = ReturnType<typeof assemble>;

/** The part of the Workers runtime API used here (kept local to avoid global type clashes with DOM). */
interface ScheduledController {
  scheduledTime: number;
  cron: string;
}

// One assembly per isolate and environment: the SDK's token cache and the
// database client live as long as the isolate does.
const cache = new WeakMap<object, Assembled | { error: string }>();

function assembledFor(env: WorkerEnv): Assembled | { error: string } {
  let hit = cache.get(env);
  if (!hit) {
    try {
      const config = loadConfig(env);
      if (isLocalMode(config)) throw new ConfigError("Invalid configuration: LARK_APP_ID: required on Workers (local mode runs under Node only)");
      // A Worker cannot hold a WebSocket open between requests: Workers keep the webhook.
      if (config.LARK_EVENT_MODE === "ws") throw new ConfigError("Invalid configuration: LARK_EVENT_MODE: ws (the long connection) runs under Node only; on Workers use webhook");
      hit = assemble({
        config,
        db: openWebDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN),
        lark: {
          appId: config.LARK_APP_ID!,
          appSecret: config.LARK_APP_SECRET!,
          domain: config.LARK_DOMAIN,
          verificationToken: config.LARK_VERIFICATION_TOKEN,
          encryptKey: config.LARK_ENCRYPT_KEY,
        },
        // Unused: on Workers every request has waitUntil.
        background: () => {},
      });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      consoleLogger.error(error.message);
      hit = { error: error.message };
    }
    cache.set(env, hit);
  }
  return hit;
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const bot = assembledFor(env);
    if ("error" in bot) return Response.json({ ok: false, error: bot.error }, { status: 503 });
    return bot.app.fetch(request, env, ctx);
  },

  /** Cron runs in UTC; each tick drains the outbox (and, later, runs whichever jobs are due). */
  async scheduled(_controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const bot = assembledFor(env);
    if ("error" in bot) return;
    ctx.waitUntil(Promise.all([bot.runJobs().then(() => bot.drain()), bot.maintain()]));
  },
};
