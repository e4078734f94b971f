import type { ExecutionContext } from "hono";
import { assemble } from "./assemble";
import { ConfigError } from "./config";
import { openWebDatabase } from "./db/client-web";
import { consoleLogger } from "./bot/deps";
import {
  dueCount,
  fanOut,
  MESSAGES_PER_DRAIN,
  requestDrains,
  runJobMessage,
  type DeliverMessage,
  type JobMessage,
  type WorkQueues,
} from "./jobs/fan-out";
import {
  FREE_PLAN_SUBREQUESTS,
  metered,
  meteredFetch,
  countSubrequest,
  spentSubrequests,
  type InvocationStats,
} from "./worker/meter";
import { loadWorkerConfig } from "./worker/config";
import { durablePacer } from "./worker/pacer-object";

export { LarkPacer } from "./worker/pacer-object";

/** Workers bindings: the variables of ../shared/DESIGN.md, as vars and secrets, plus the queues and the pacer. */
export type WorkerEnv = Record<string, unknown>;

type Assembled = ReturnType<typeof assemble>;

/** The parts of the Workers runtime API used here (kept local to avoid global type clashes with DOM). */
interface ScheduledController {
  scheduledTime: number;
  cron: string;
}
interface QueueMessage<Body> {
  readonly body: Body;
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}
interface MessageBatch<Body> {
  readonly queue: string;
  readonly messages: readonly QueueMessage<Body>[];
}
interface Queue {
  sendBatch(messages: { body: unknown }[]): Promise<unknown>;
}
type DurableNamespace = Parameters<typeof durablePacer>[0];

// One assembly per isolate and environment: the SDK's token cache and the
// database client live as long as the isolate does.
const cache = new WeakMap<object, Assembled | { error: string }>();

function assembledFor(env: WorkerEnv): Assembled | { error: string } {
  let hit = cache.get(env);
  if (!hit) {
    try {
      const config = loadWorkerConfig(env);
      const pacer = env.LARK_PACER
        ? durablePacer(env.LARK_PACER as DurableNamespace, config.LARK_APP_ID!, config.LARK_SEND_LIMITS)
        : undefined;
      hit = assemble({
        config,
        db: openWebDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN, meteredFetch("database")),
        lark: {
          appId: config.LARK_APP_ID!,
          appSecret: config.LARK_APP_SECRET!,
          domain: config.LARK_DOMAIN,
          verificationToken: config.LARK_VERIFICATION_TOKEN,
          encryptKey: config.LARK_ENCRYPT_KEY,
        },
        fetch: meteredFetch("lark"),
        ...(pacer ? { pacer } : {}),
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

/** The jobs and delivery queues, when wrangler.toml binds them; each send is a counted subrequest. */
function queuesOf(env: WorkerEnv): WorkQueues | undefined {
  const jobs = env.JOBS_QUEUE as Queue | undefined;
  const deliver = env.DELIVER_QUEUE as Queue | undefined;
  if (!jobs || !deliver) return undefined;
  const counted = (q: Queue) => ({
    sendBatch(messages: { body: never }[]) {
      countSubrequest("queue");
      return q.sendBatch(messages);
    },
  });
  return { jobs: counted(jobs), deliver: counted(deliver) };
}

/** An invocation near the Free plan's subrequest budget is worth a line in the logs. */
function logInvocation(stats: InvocationStats) {
  if (stats.subrequests > FREE_PLAN_SUBREQUESTS * 0.8)
    consoleLogger.warn("invocation near the subrequest budget", { ...stats });
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const bot = assembledFor(env);
    if ("error" in bot) return Response.json({ ok: false, error: bot.error }, { status: 503 });
    return bot.app.fetch(request, env, ctx);
  },

  /**
   * Cron runs in UTC. With the queues bound, the tick only fans out: one job
   * message per active group (src/jobs/fan-out.ts) and drains for what is due;
   * without them (a Worker deployed before the queues existed) it runs every
   * group's jobs itself, as before.
   */
  async scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const bot = assembledFor(env);
    if ("error" in bot) return;
    const queues = queuesOf(env);
    const at = new Date(controller.scheduledTime);
    ctx.waitUntil(
      metered(
        "scheduled",
        async () => {
          if (!queues) {
            await Promise.all([bot.runJobs(at).then(() => bot.drain()), bot.maintain()]);
            return;
          }
          const { db } = bot.jobDeps;
          await Promise.all([
            fanOut(db, queues, at),
            dueCount(db, at).then((n) => requestDrains(queues, n)),
            bot.maintain(),
          ]);
        },
        logInvocation,
      ),
    );
  },

  /**
   * Queue consumers. A job message runs one group's jobs (a job that fails is
   * counted and tried again on the next tick, see src/jobs/run.ts); a delivery
   * message sends one bounded batch and asks for another while batches come
   * back full. Anything else that fails (the database unreachable) is retried
   * by the queue with a delay, then dead-lettered.
   */
  async queue(batch: MessageBatch<JobMessage | DeliverMessage>, env: WorkerEnv): Promise<void> {
    const bot = assembledFor(env);
    const queues = queuesOf(env);
    if ("error" in bot || !queues) {
      for (const m of batch.messages) m.retry({ delaySeconds: 60 });
      return;
    }
    await metered(
      `queue:${batch.queue}`,
      async () => {
        for (const message of batch.messages) {
          const body = message.body;
          try {
            if (body.kind === "fan-out") await fanOut(bot.jobDeps.db, queues, new Date(body.at), body.after);
            else if (body.kind === "group")
              await runJobMessage(bot.jobDeps, queues, body, {
                remaining: () => FREE_PLAN_SUBREQUESTS - spentSubrequests(),
                drain: bot.drainBatch,
              });
            else {
              const sent = await bot.drainBatch(MESSAGES_PER_DRAIN);
              if (sent.sent + sent.retried + sent.parked >= MESSAGES_PER_DRAIN) await requestDrains(queues, 1);
            }
            message.ack();
          } catch (error) {
            consoleLogger.error("queue message failed", {
              queue: batch.queue,
              kind: body.kind,
              attempts: message.attempts,
              error: String(error),
            });
            message.retry({ delaySeconds: 30 });
          }
        }
      },
      logInvocation,
    );
  },
};
