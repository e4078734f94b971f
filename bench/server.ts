/**
 * The bot under benchmark, in its own process (so the load generator does
 * not share its event loop): local mode, a fresh libSQL file, a free port.
 * Prints one JSON line {"url": …} when it is ready.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../src/bot/deps";
import { loadConfig } from "../src/config";
import { startNodeBot } from "../src/node/start";

const dir = await mkdtemp(join(tmpdir(), "appraisal-bench-"));
// No demo history: the benchmark measures the webhook on a quiet database.
const bot = await startNodeBot(loadConfig({ PORT: "0", DATABASE_URL: `file:${join(dir, "bench.db")}` }), { log: silentLogger, seedHistory: false });
await bot.idle();
console.log(JSON.stringify({ url: bot.url, db: join(dir, "bench.db") }));
process.on("SIGTERM", () => void bot.close().then(() => process.exit(0)));
