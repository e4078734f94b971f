import { afterEach, beforeEach, expect, test } from "vitest";
import { DEDUPE_RETENTION_MS, pruneOldRows } from "../../src/app/maintenance";
import { outbox, processedEvents } from "../../src/db/schema";
import { openTestDatabase } from "../support/db";

let t: Awaited<ReturnType<typeof openTestDatabase>>;
beforeEach(async () => {
  t = await openTestDatabase();
});
afterEach(() => t.dispose());

test("old dedupe markers and long-sent messages go; recent ones and unsent ones stay", async () => {
  const now = new Date("2026-11-28T00:00:00Z");
  const old = new Date(now.getTime() - DEDUPE_RETENTION_MS - 1);
  const recent = new Date(now.getTime() - 3600_000);
  const ancient = new Date("2026-09-01T00:00:00Z");
  await t.db.insert(processedEvents).values([
    { eventId: "old", kind: "message", receivedAt: old },
    { eventId: "recent", kind: "message", receivedAt: recent },
  ]);
  const base = {
    receiveIdType: "chat_id" as const,
    receiveId: "oc",
    msgType: "text" as const,
    content: "{}",
    nextAttemptAt: ancient,
  };
  await t.db.insert(outbox).values([
    { ...base, key: "sent-long-ago", status: "sent", sentAt: ancient },
    { ...base, key: "sent-recently", status: "sent", sentAt: recent },
    { ...base, key: "parked-long-ago", status: "parked" },
  ]);
  expect(await pruneOldRows(t.db, now)).toEqual({ events: 1, sent: 1 });
  expect((await t.db.select().from(processedEvents)).map((r) => r.eventId)).toEqual(["recent"]);
  expect((await t.db.select().from(outbox)).map((r) => r.key).sort()).toEqual(["parked-long-ago", "sent-recently"]);
});
