/**
 * Memory of the WeChat bridge: RSS and heap at idle (logged in, one room,
 * members read) and after 1,000 messages through wechaty-puppet-mock
 * (日报 in the room and in private chat, alternating). Replies are queued in
 * the libSQL file and sent at the default pace (one per 3 s), as in production.
 * Run: npm run bench:wechat  (node --expose-gc via tsx for steadier figures)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WechatyBuilder } from "wechaty";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import { silentLogger } from "../src/bot/deps";
import { createWechatBridge } from "../src/channels/wechat/bridge";
import { renderImage } from "../src/channels/wechat/image/render";
import { openNodeDatabase } from "../src/db/client-node";
import { applyMigrations } from "../src/db/migrate";
import { pendingCount } from "../src/outbox/deliver";
import { records } from "../src/db/schema";
import { sql } from "drizzle-orm";

const MESSAGES = Number(process.env.MESSAGES ?? 1000);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
function snapshot(label: string) {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  console.log(`${label.padEnd(28)} rss ${mb(m.rss).padStart(9)}  heapUsed ${mb(m.heapUsed).padStart(9)}  heapTotal ${mb(m.heapTotal).padStart(9)}`);
  return m;
}

const dir = await mkdtemp(join(tmpdir(), "wechat-bench-"));
const database = await openNodeDatabase(`file:${join(dir, "bench.db")}`);
await applyMigrations(database.db);
const mocker = new mock.Mocker();
const wechaty = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
await wechaty.start();
const self = mocker.createContact({ id: "wxid_bot", name: "考核助手" });
const people = Array.from({ length: 20 }, (_, i) => mocker.createContact({ id: `wxid_p${i}`, name: `成员${i}` }));
const room = mocker.createRoom({ id: "bench@chatroom", topic: "基准测试群", ownerId: people[0]!.id, memberIdList: [self.id, ...people.map((p) => p.id)] });
const login = new Promise<void>((r) => wechaty.once("login", () => r()));
mocker.login(self);
await login;
const bridge = createWechatBridge({ wechaty, db: database.db, timezone: "Asia/Shanghai", sendIntervalMs: 3000, renderImage, log: silentLogger, runJobs: false });
people[0]!.say("@考核助手\u2005日报 开始", [self]).to(room);
await new Promise((r) => setTimeout(r, 500));
await bridge.idle().catch(() => undefined);
const idle = snapshot("idle (logged in, 1 room)");

const started = performance.now();
for (let i = 0; i < MESSAGES; i++) {
  const who = people[i % people.length]!;
  if (i % 2) who.say(`日报 第 ${i} 条：走访群众并整理材料`).to(room);
  else who.say(`第 ${i} 条：核对台账`).to(self);
  if (i % 50 === 49) await new Promise((r) => setImmediate(r));
}
// Wait until every message is recorded.
for (;;) {
  const [row] = await database.db.select({ n: sql<number>`count(*)` }).from(records);
  if (Number(row!.n) >= MESSAGES + 1) break;
  await new Promise((r) => setTimeout(r, 100));
}
const seconds = (performance.now() - started) / 1000;
const after = snapshot(`after ${MESSAGES} messages`);
console.log(`handled ${MESSAGES} messages in ${seconds.toFixed(1)} s (${(MESSAGES / seconds).toFixed(0)}/s); replies waiting in the outbox: ${await pendingCount(database.db, "wechat")}`);
console.log(`growth: rss ${mb(after.rss - idle.rss)}, heapUsed ${mb(after.heapUsed - idle.heapUsed)}`);
await bridge.stop();
await wechaty.stop();
database.close();
await rm(dir, { recursive: true, force: true });
process.exit(0);
