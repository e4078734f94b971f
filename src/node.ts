import { isLocalMode } from "./config";
import { configOrExit } from "./node/config";
import { startNodeBot } from "./node/start";

/** `npm start`: the bot on one machine. */
async function main() {
  const config = configOrExit();
  if (isLocalMode(config))
    console.log("本地模式 Local mode: getting the demo ready (a month of history, about 10 s on first start)…");
  const bot = await startNodeBot(config, { hostname: process.env.HOST ?? "127.0.0.1" }).catch((error: unknown) => {
    // A refused long connection (wrong secret, mode not enabled in the console): one line, no stack.
    console.error(String((error as Error)?.message ?? error));
    process.exit(1);
  });
  console.log(`绩效考核机器人 listening on ${bot.url}  (database: ${config.DATABASE_URL})`);
  if (isLocalMode(config) && bot.local) {
    console.log(bot.local.banner(bot.url));
  } else if (bot.longConnection) {
    console.log(
      `Lark events and card callbacks: long connection (长连接) to ${config.LARK_DOMAIN}, no public URL needed`,
    );
  } else {
    console.log(`Lark request URL: <your public URL>/lark/events  (Open API: ${config.LARK_DOMAIN})`);
  }
  const stop = async (signal: string) => {
    console.log(`${signal}: finishing queued work…`);
    await bot.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

void main();
