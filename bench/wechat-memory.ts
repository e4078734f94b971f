/**
 * Memory of the WeChat bridge, as `npm run wechat` runs it: RSS and heap
 * after the modules load, at idle (logged in, one room of 20, members read),
 * after 1,000 messages through wechaty-puppet-mock (日报 in the room and in
 * private chat, alternating), and after pictures (排名 and 成绩 asked in the
 * room: each answer is a PNG drawn at 2× and sent, then its text).
 * Replies are queued in a libSQL file and sent through the real sender.
 *
 * Run: npm run bench:wechat (bundled and run like `npm run wechat`: plain node
 * on scripts/bundle-wechat.ts's output, the same Node flags, plus --expose-gc
 * so that each reading follows a full GC).
 * BENCH_MODULES=1 also prints what each group of modules adds when loaded (in the
 * bundle, the first line already holds the packages our modules import statically).
 */
import { getHeapSpaceStatistics } from "node:v8";

const MESSAGES = Number(process.env.MESSAGES ?? 1000);
const PICTURES = Number(process.env.PICTURES ?? 20);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
function snapshot(label: string) {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  console.log(
    `${label.padEnd(32)} rss ${mb(m.rss).padStart(9)}  heapUsed ${mb(m.heapUsed).padStart(9)}  heapTotal ${mb(m.heapTotal).padStart(9)}  external ${mb(m.external + m.arrayBuffers).padStart(8)}`,
  );
  return m;
}
function heapSpaces() {
  const spaces = getHeapSpaceStatistics().filter((s) => s.space_size > 1 << 20);
  console.log(
    `  heap spaces: ${spaces.map((s) => `${s.space_name.replace(/_space$/, "")} ${mb(s.space_size)}`).join(", ")}`,
  );
}

// Module accounting: what each part of the bridge costs just to load (RSS after a full GC).
const detail = process.env.BENCH_MODULES === "1";
const loadStep = async (label: string, load: () => Promise<unknown>) => {
  await load();
  if (detail) snapshot(`  + ${label}`);
};
if (detail) snapshot("  node (+ loader)");
await loadStep("libSQL, drizzle, zod", () =>
  Promise.all([import("@libsql/client"), import("drizzle-orm"), import("zod")]),
);
// As src/wechat.ts loads it: the "impls" entry, without the main entry's io-client and its gRPC stack.
const { WechatyImpl } = await import("wechaty/impls");
if (detail) snapshot("  + wechaty (impls entry)");
const { PuppetMock, mock } = await import("wechaty-puppet-mock");
if (detail) snapshot("  + wechaty-puppet-mock");
const { createWechatBridge } = await import("../src/channels/wechat/bridge");
if (detail) snapshot("  + the bridge (commands, app, jobs)");
const { lazyRenderImage } = await import("../src/channels/wechat/image/lazy");
const { openNodeDatabase } = await import("../src/db/client-node");
const { applyMigrations } = await import("../src/db/migrate");
const { pendingCount } = await import("../src/outbox/deliver");
const { records, outbox } = await import("../src/db/schema");
const { silentLogger } = await import("../src/bot/deps");
const { and, eq, sql } = await import("drizzle-orm");
const { mkdtemp, rm } = await import("node:fs/promises");
const { tmpdir } = await import("node:os");
const { join } = await import("node:path");
snapshot("modules loaded");

const dir = await mkdtemp(join(tmpdir(), "wechat-bench-"));
const database = await openNodeDatabase(`file:${join(dir, "bench.db")}`);
await applyMigrations(database.db);
const mocker = new mock.Mocker();
const wechaty = new WechatyImpl({ puppet: new PuppetMock({ mocker }) });
await wechaty.start();
const self = mocker.createContact({ id: "wxid_bot", name: "考核助手" });
const people = Array.from({ length: 20 }, (_, i) => mocker.createContact({ id: `wxid_p${i}`, name: `成员${i}` }));
const room = mocker.createRoom({
  id: "bench@chatroom",
  topic: "基准测试群",
  ownerId: people[0]!.id,
  memberIdList: [self.id, ...people.map((p) => p.id)],
});
const login = new Promise<void>((r) => wechaty.once("login", () => r()));
mocker.login(self);
await login;
// 50 ms between sends (production: 3 s) so that the replies go out during the run: sending is measured too.
const bridge = createWechatBridge({
  wechaty,
  db: database.db,
  timezone: "Asia/Shanghai",
  sendIntervalMs: 50,
  renderImage: lazyRenderImage,
  log: silentLogger,
  runJobs: false,
});
const waitFor = async (done: () => Promise<boolean>) => {
  while (!(await done())) await new Promise((r) => setTimeout(r, 100));
};
const sentAll = () => waitFor(async () => (await pendingCount(database.db, "wechat")) === 0);
people[0]!.say("@考核助手\u2005日报 开始", [self]).to(room);
await new Promise((r) => setTimeout(r, 500));
await bridge.idle().catch(() => undefined);
await sentAll();
const idle = snapshot("idle (logged in, 1 room)");
heapSpaces();

const started = performance.now();
for (let i = 0; i < MESSAGES; i++) {
  const who = people[i % people.length]!;
  if (i % 2) who.say(`日报 第 ${i} 条：走访群众并整理材料`).to(room);
  else who.say(`第 ${i} 条：核对台账`).to(self);
  if (i % 50 === 49) await new Promise((r) => setImmediate(r));
}
await waitFor(
  async () => Number((await database.db.select({ n: sql<number>`count(*)` }).from(records))[0]!.n) >= MESSAGES + 1,
);
const seconds = (performance.now() - started) / 1000;
await sentAll();
const afterMessages = snapshot(`after ${MESSAGES} messages`);
console.log(
  `  handled ${MESSAGES} messages in ${seconds.toFixed(1)} s (${(MESSAGES / seconds).toFixed(0)}/s), every reply sent`,
);

// Pictures: the leader (the room's owner) rates everyone, then 排名 and 成绩 are asked in turn.
for (let i = 1; i < people.length; i++) {
  people[0]!.say(`@考核助手\u2005评分 @成员${i}\u2005联村 ${70 + i}`, [self, people[i]!]).to(room);
}
await new Promise((r) => setTimeout(r, 300));
await bridge.idle();
await sentAll();
const imageRows = () =>
  database.db
    .select({ n: sql<number>`count(*)` })
    .from(outbox)
    .where(and(eq(outbox.msgType, "image"), eq(outbox.status, "sent")));
const pictureStart = performance.now();
for (let i = 0; i < PICTURES; i++) {
  if (i % 2 === 0) people[0]!.say("@考核助手\u2005排名", [self]).to(room);
  else people[1 + (i % 19)]!.say("@考核助手\u2005成绩", [self]).to(room);
  await new Promise((r) => setTimeout(r, 50));
}
await waitFor(async () => Number((await imageRows())[0]!.n) >= PICTURES);
await sentAll();
const pictureSeconds = (performance.now() - pictureStart) / 1000;
const afterPictures = snapshot(`after ${PICTURES} pictures`);
heapSpaces();
console.log(`  ${PICTURES} pictures drawn (1440 px wide) and sent in ${pictureSeconds.toFixed(1)} s`);
console.log(
  `growth: messages rss ${mb(afterMessages.rss - idle.rss)}; pictures rss ${mb(afterPictures.rss - afterMessages.rss)}`,
);
await bridge.stop();
await wechaty.stop();
database.close();
await rm(dir, { recursive: true, force: true });
process.exit(0);
