import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { WORKER_TEST as W } from "./test/worker/constants.ts";
import { FAN_OUT } from "./test/worker-queues/constants.ts";
import { dirname } from "node:path";

/**
 * wrangler.toml as Miniflare reads it: the queues, their consumers' settings and the pacer object.
 * Read only when the fan-out project starts (loading wrangler takes seconds).
 */
const readDeployed = async () =>
  (await import("wrangler")).unstable_getMiniflareWorkerOptions("./wrangler.toml").workerOptions as Deployed;
interface Deployed {
  compatibilityDate?: string;
  compatibilityFlags?: string[];
  bindings?: Record<string, string>;
  queueProducers?: Record<string, { queueName: string }>;
  queueConsumers?: Record<
    string,
    {
      maxBatchSize?: number;
      maxBatchTimeout?: number;
      maxRetries?: number;
      retryDelay?: number;
      deadLetterQueue?: string;
    }
  >;
  durableObjects?: Record<string, { className: string; useSQLite?: boolean }>;
}

export default defineConfig({
  test: {
    projects: [
      {
        // Everything that runs on Node: domain, database on a libSQL file, HTTP end to end.
        test: {
          name: "node",
          environment: "node",
          include: ["test/**/*.test.ts"],
          exclude: ["test/worker/**", "test/worker-queues/**"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // The Worker itself, inside workerd: its bundle of our code, web-standard APIs only.
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: "./src/worker.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                DATABASE_URL: inject("hranaUrl"),
                LARK_APP_ID: W.app.appId,
                LARK_APP_SECRET: W.app.appSecret,
                LARK_VERIFICATION_TOKEN: W.token,
                LARK_ENCRYPT_KEY: W.encryptKey,
                LARK_DOMAIN: inject("larkUrl"),
                ADMIN_TOKEN: W.adminToken,
              },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["test/worker/**/*.test.ts"],
          globalSetup: ["test/worker/global-setup.ts"],
          testTimeout: 60_000,
        },
      },
      {
        // The Worker past one invocation: the cron tick fans 1,110 groups out through Miniflare's
        // queues, against a database and a Lark mock of its own (src/jobs/fan-out.ts). The Worker
        // runs as an auxiliary Worker (test/worker-queues/measured-worker.ts, bundled by wrangler
        // in the global setup) with wrangler.toml's queues and pacer object, in an isolate of its
        // own: the test runner's isolate only drives it and reads its meter and heap.
        plugins: [
          cloudflareTest(async ({ inject }) => {
            const deployed = await readDeployed();
            return {
              main: "./test/worker-queues/runner.ts",
              miniflare: {
                compatibilityDate: deployed.compatibilityDate,
                compatibilityFlags: ["nodejs_compat"],
                serviceBindings: { MEASURED: "appraisal-measured" },
                workers: [
                  {
                    name: "appraisal-measured",
                    modules: true,
                    scriptPath: inject("measuredWorkerPath"),
                    modulesRoot: dirname(inject("measuredWorkerPath")),
                    compatibilityDate: deployed.compatibilityDate,
                    // The heap is read through node:inspector (test/worker-queues/isolate-heap.ts):
                    // experimental and local only (workerd --experimental), never in wrangler.toml.
                    compatibilityFlags: [
                      ...(deployed.compatibilityFlags ?? []),
                      "enable_nodejs_inspector_module",
                      "enable_nodejs_inspector_local_dev",
                    ],
                    queueProducers: deployed.queueProducers,
                    queueConsumers: deployed.queueConsumers,
                    durableObjects: deployed.durableObjects,
                    bindings: {
                      ...deployed.bindings,
                      DATABASE_URL: inject("fanOutHranaUrl"),
                      LARK_APP_ID: FAN_OUT.app.appId,
                      LARK_APP_SECRET: FAN_OUT.app.appSecret,
                      LARK_VERIFICATION_TOKEN: FAN_OUT.token,
                      LARK_ENCRYPT_KEY: FAN_OUT.encryptKey,
                      LARK_DOMAIN: inject("fanOutLarkUrl"),
                      LARK_SEND_LIMITS: FAN_OUT.sendLimits,
                      ADMIN_TOKEN: FAN_OUT.adminToken,
                    },
                  },
                ],
              },
            };
          }),
        ],
        test: {
          name: "workers-queues",
          include: ["test/worker-queues/**/*.test.ts"],
          globalSetup: ["test/worker-queues/global-setup.ts"],
          // 1,000 groups make some 20,000 round trips through Miniflare on 2 shared cores.
          testTimeout: 600_000,
        },
      },
    ],
  },
});
