import { afterEach, beforeEach, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { addMember, findGroupAndMember, homeGroup, registerGroup } from "../../src/app/groups";
import { addRecord } from "../../src/app/records";
import type { Database } from "../../src/db/database";
import { groups, members } from "../../src/db/schema";
import { openTestDatabase } from "../support/db";
import { larkChatId, larkOpenId } from "../support/ids";

let t: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Database;
beforeEach(async () => {
  t = await openTestDatabase();
  db = t.db;
});
afterEach(() => t.dispose());

const now = new Date("2026-11-20T02:00:00Z");

async function group(tenantKey: string, chatId: string) {
  const reg = registerGroup(db, { platform: "lark", tenantKey, chatId }, { timezone: "Asia/Shanghai", now });
  await reg.write;
  const [g] = await db.select().from(groups).where(eq(groups.id, reg.id));
  return g!;
}

async function join(groupId: string, userId: string, at: Date) {
  const m = addMember(db, groupId, userId, at);
  await m.write;
  const [row] = await db.select().from(members).where(eq(members.id, m.id));
  return row!;
}

test("registering the same chat twice keeps one group with one id", async () => {
  const a = registerGroup(
    db,
    { platform: "lark", tenantKey: "t1", chatId: larkChatId("1") },
    { timezone: "Asia/Shanghai", now },
  );
  const b = registerGroup(
    db,
    { platform: "lark", tenantKey: "t1", chatId: larkChatId("1") },
    { timezone: "Asia/Shanghai", now },
  );
  expect(a.id).toBe(b.id);
  await db.batch([a.write, b.write]);
  expect(await db.select().from(groups)).toHaveLength(1);
});

test("a private message goes to the group where the person last recorded", async () => {
  const office = await group("t1", larkChatId("office"));
  const project = await group("t1", larkChatId("project"));
  const inOffice = await join(office.id, larkOpenId("a"), new Date("2026-11-01T00:00:00Z"));
  const inProject = await join(project.id, larkOpenId("a"), new Date("2026-11-02T00:00:00Z"));
  // No records yet: the group joined first.
  expect((await homeGroup(db, "lark", "t1", larkOpenId("a")))?.group.id).toBe(office.id);
  await db.batch(
    addRecord(db, { group: project, member: inProject, date: "2026-11-19", text: "x", now }).writes as [never],
  );
  await db.batch(
    addRecord(db, { group: office, member: inOffice, date: "2026-11-18", text: "y", now }).writes as [never],
  );
  expect((await homeGroup(db, "lark", "t1", larkOpenId("a")))?.group.id).toBe(project.id);
});

test("tenants never see each other's groups", async () => {
  const other = await group("t2", larkChatId("other"));
  await join(other.id, larkOpenId("a"), now);
  expect(await homeGroup(db, "lark", "t1", larkOpenId("a"))).toBeUndefined();
  expect((await homeGroup(db, "lark", "t2", larkOpenId("a")))?.group.tenantKey).toBe("t2");
});

test("one query finds the group and the sender's membership, or the group alone", async () => {
  const office = await group("t1", larkChatId("office"));
  await join(office.id, larkOpenId("a"), now);
  const hit = await findGroupAndMember(db, "lark", larkChatId("office"), larkOpenId("a"));
  expect(hit?.group.id).toBe(office.id);
  expect(hit?.member?.userId).toBe(larkOpenId("a"));
  const stranger = await findGroupAndMember(db, "lark", larkChatId("office"), larkOpenId("b"));
  expect(stranger?.group.id).toBe(office.id);
  expect(stranger?.member).toBeNull();
  expect(await findGroupAndMember(db, "lark", larkChatId("none"), larkOpenId("a"))).toBeUndefined();
});
