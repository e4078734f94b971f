import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, test } from "vitest";
import { createFileRenderer } from "../../src/app/export-file";
import { createLarkOpenApi } from "../../src/channels/lark/open-api";
import { startMockLarkServer, type MockLarkServer } from "../../src/channels/local/mock-lark";
import { outbox } from "../../src/db/schema";
import { drainOutbox } from "../../src/outbox/deliver";
import { FILE_LEASE_MS } from "../../src/outbox/file";
import { enqueue, type OutboundMessage } from "../../src/outbox/message";
import { openTestDatabase } from "../support/db";
import { seedTenant } from "../support/seed-tenant";
import { larkOpenId } from "../support/ids";

const APP = { appId: "cli_outbox_files", appSecret: "s", botOpenId: larkOpenId("bot") };
let t: Awaited<ReturnType<typeof openTestDatabase>>;
let lark: MockLarkServer;
let clock = Date.parse("2026-12-02T01:00:00Z");
const now = () => clock;

beforeEach(async () => {
  t = await openTestDatabase();
  lark = await startMockLarkServer({ apps: [APP] });
  lark.mock.addUser({ openId: larkOpenId("office"), name: "绩考办" });
  await seedTenant(t.db, {
    tenantKey: "tk",
    groups: 2,
    perGroup: 3,
    months: ["2026-11"],
    at: new Date("2026-11-01T00:00:00Z"),
  });
});
afterEach(async () => {
  await lark.close();
  await t.dispose();
});

const api = () => createLarkOpenApi({ ...APP, domain: lark.url });
const exportMessage = (period: string): OutboundMessage => ({
  key: `export:${period}`,
  to: { type: "open_id", id: larkOpenId("office") },
  text: `绩效考核_${period}.xlsx`,
  file: {
    name: `绩效考核_${period}.xlsx`,
    source: { kind: "export", platform: "lark", tenantKey: "tk", period, at: "2026-12-02T01:00:00.000Z" },
  },
});

test("a file row is rendered and uploaded once; a failed send is retried with the stored file_key", async () => {
  await enqueue(t.db, exportMessage("2026-11"), new Date(clock));
  lark.mock.failNext({ path: "/open-apis/im/v1/messages", method: "POST", status: 503 });
  const first = await drainOutbox(t.db, api(), { now, files: createFileRenderer(t.db), random: () => 0 });
  expect(first).toMatchObject({ sent: 0, retried: 1 });
  const [row] = await t.db.select().from(outbox);
  const key = (JSON.parse(row!.content) as { file_key: string }).file_key;
  expect(row!.leaseUntil).toBeNull(); // released with the retry
  expect(key).toMatch(/^file_/);
  clock += 60_000;
  const second = await drainOutbox(t.db, api(), { now, files: createFileRenderer(t.db) });
  expect(second.sent).toBe(1);
  expect(lark.mock.stats().byRoute["im.file.create"]).toBe(1);
  const [message] = lark.mock.sentMessages();
  expect(message).toMatchObject({ msgType: "file", parsed: { file_key: key } });
  expect(lark.mock.store.files.get(key)!.bytes.length).toBeGreaterThan(1000);
});

test("while a file renders, its row is held long enough that no other drainer takes it", async () => {
  await enqueue(t.db, exportMessage("2026-11"), new Date(clock));
  let heldUntil: Date | null = null;
  const real = createFileRenderer(t.db);
  const watching = {
    render: async (s: Parameters<typeof real.render>[0]) => (
      (heldUntil = (await t.db.select().from(outbox))[0]!.leaseUntil), real.render(s)
    ),
  };
  expect((await drainOutbox(t.db, api(), { now, files: watching })).sent).toBe(1);
  expect(heldUntil!.getTime() - clock).toBe(FILE_LEASE_MS);
});

test("without a renderer a file row is parked, saying why; a render that fails is retried", async () => {
  await enqueue(t.db, exportMessage("2026-11"), new Date(clock));
  expect(await drainOutbox(t.db, api(), { now })).toMatchObject({ parked: 1 });
  expect((await t.db.select().from(outbox))[0]!.lastError).toMatch(/not supported/);

  await enqueue(t.db, exportMessage("never"), new Date(clock));
  expect(await drainOutbox(t.db, api(), { now, files: createFileRenderer(t.db), random: () => 0 })).toMatchObject({
    retried: 1,
  });
  const [row] = await t.db.select().from(outbox).where(eq(outbox.key, "export:never"));
  expect(row).toMatchObject({ status: "pending", lastError: expect.stringMatching(/^render: /) });
});
