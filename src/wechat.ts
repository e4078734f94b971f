import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import qrcodeTerminal from "qrcode-terminal";
import type { Wechaty } from "wechaty";
import { WechatyImpl } from "wechaty/impls";
import { ScanStatus } from "wechaty-puppet/types";
import { createWechatBridge } from "./channels/wechat/bridge";
import { lazyRenderImage, stopRenderer } from "./channels/wechat/image/lazy";
import { configOrExit } from "./node/config";
import { openNodeDatabase } from "./db/client-node";
import { applyMigrations } from "./db/migrate";

/**
 * `npm run wechat`: the WeChat bridge, a long-running Node process (never part
 * of the Worker). Wechaty reads WECHATY_PUPPET and the puppet's own variables
 * (e.g. WECHATY_PUPPET_SERVICE_TOKEN) from the environment; the login session
 * is kept in `<WECHATY_NAME>.memory-card.json`, so a restart needs no new scan.
 */
async function main() {
  const config = configOrExit();
  const database = await openNodeDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  if (config.DATABASE_URL.startsWith("file:")) await applyMigrations(database.db);
  mkdirSync(dirname(config.WECHATY_NAME), { recursive: true });
  // `new WechatyImpl` is what `WechatyBuilder.build` does. The "wechaty/impls" entry spares the main entry's
  // io-client, which loads wechaty-puppet-service's gRPC stack (≈ 14 MB RSS) even when another puppet is used;
  // with WECHATY_PUPPET=wechaty-puppet-service, Wechaty loads it by name as before.
  const wechaty: Wechaty = new WechatyImpl({
    name: config.WECHATY_NAME,
    ...(config.WECHATY_PUPPET ? { puppet: config.WECHATY_PUPPET as never } : {}),
  });
  wechaty.on("scan", (qrcode, status) => {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return;
    console.log("用微信扫码登录机器人账号 (scan with the bot's WeChat account):");
    qrcodeTerminal.generate(qrcode, { small: true });
  });
  wechaty.on("login", (user) => console.log(`已登录 ${user.name()}；消息间隔 ${config.WECHAT_SEND_INTERVAL_MS} ms`));
  wechaty.on("logout", (user) => console.log(`${user.name()} 已退出登录；未发出的消息留在队列里`));
  wechaty.on("error", (error) =>
    console.error(JSON.stringify({ level: "error", msg: "wechaty", error: String(error) })),
  );
  const bridge = createWechatBridge({
    wechaty,
    db: database.db,
    timezone: config.APPRAISAL_TZ,
    sendIntervalMs: config.WECHAT_SEND_INTERVAL_MS,
    renderImage: lazyRenderImage,
  });
  await wechaty.start();
  const stop = async (signal: string) => {
    console.log(`${signal}: stopping; queued messages stay for the next start`);
    await bridge.stop();
    stopRenderer();
    await wechaty.stop();
    database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  console.log("微信桥已启动 (WeChat bridge started)");
}

void main();
