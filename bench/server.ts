/**
 * The bot under benchmark, in its own process (so the load generator does
 * not share its event loop): a fresh libSQL file, a free port. Prints one
 * JSON line {"url": …} when it is ready.
 *
 * Its Lark: BENCH_LARK={"domain","appId","appSecret","verificationToken","encryptKey"} points it at a
 * Lark mock in another process (bench/mock-server.ts), as a deployed bot talks to open.feishu.cn;
 * without it, local mode (the mock served by the bot's own process, the demo groups).
 * BENCH_BOT_ROOT=<checkout> runs that checkout's bot (src/) under this harness, for a before/after.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { FileClient } from "../src/db/file-client";

const root = process.env.BENCH_BOT_ROOT ? resolve(process.env.BENCH_BOT_ROOT) : new URL("..", import.meta.url).pathname;
const from = (path: string) => import(pathToFileURL(join(root, path)).href);
const { silentLogger } = (await from("src/bot/deps.ts")) as typeof import("../src/bot/deps");
const { loadConfig } = (await from("src/config.ts")) as typeof import("../src/config");
const { startNodeBot } = (await from("src/node/start.ts")) as typeof import("../src/node/start");

const lark = process.env.BENCH_LARK
  ? (JSON.parse(process.env.BENCH_LARK) as Record<
      "domain" | "appId" | "appSecret" | "verificationToken" | "encryptKey",
      string
    >)
  : undefined;
const dir = await mkdtemp(join(tmpdir(), "appraisal-bench-"));
// No demo history: the benchmark measures the webhook on a quiet database.
// BENCH_BASELINE=1 starts the baseline: @libsql/client's file client, every request its own commit.
const bot = await startNodeBot(
  loadConfig({
    PORT: "0",
    DATABASE_URL: `file:${join(dir, "bench.db")}`,
    ...(lark
      ? {
          LARK_APP_ID: lark.appId,
          LARK_APP_SECRET: lark.appSecret,
          LARK_DOMAIN: lark.domain,
          LARK_VERIFICATION_TOKEN: lark.verificationToken,
          LARK_ENCRYPT_KEY: lark.encryptKey,
        }
      : {}),
  }),
  {
    log: silentLogger,
    seedHistory: false,
    database: { fileClient: process.env.BENCH_BASELINE === "1" ? "libsql" : "ours" },
  },
);
await bot.idle();
console.log(JSON.stringify({ url: bot.url, db: join(dir, "bench.db") }));
process.on("SIGTERM", () => {
  // How many commits the callers' write batches took (group commit: fewer than batches).
  const client = (bot.db as unknown as { $client: Partial<FileClient> }).$client;
  console.log(JSON.stringify({ commitStats: client.commitStats?.() ?? null }));
  // The database goes with the server: each run makes a fresh one of tens of MB.
  void bot
    .close()
    .then(() => rm(dir, { recursive: true, force: true }))
    .then(() => process.exit(0));
});

// SIGUSR1: this process's CPU time so far (user + system, µs), for the bench's CPU per request.
process.on("SIGUSR1", () => {
  const { user, system } = process.cpuUsage();
  console.log(JSON.stringify({ cpuMicros: user + system }));
});

// BENCH_PROF=1: a CPU profile of the timed load only (SIGUSR2 starts it, the next one writes it to
// /tmp/prof), not of the server's start nor of the untimed sealing of events.
if (process.env.BENCH_PROF) {
  let session: Session | undefined;
  let n = 0;
  process.on("SIGUSR2", () => {
    void (async () => {
      if (!session) {
        session = new Session();
        session.connect();
        await session.post("Profiler.enable");
        await session.post("Profiler.setSamplingInterval", { interval: 200 });
        await session.post("Profiler.start");
        console.log(JSON.stringify({ profiling: true }));
        return;
      }
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      session = undefined;
      await mkdir("/tmp/prof", { recursive: true });
      const file = `/tmp/prof/bench-${process.pid}-${++n}.cpuprofile`;
      await writeFile(file, JSON.stringify(profile));
      console.log(JSON.stringify({ profiling: false, file }));
    })();
  });
}
