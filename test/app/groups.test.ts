import { afterEach, beforeEach, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { addMember, findGroupAndMember, homeGroup, registerGroup } from "../../src/app/groups";
import { addRecord } from "../../src/app/records";
import type { Database } from "../../src/db/database";
import { groups, members } from "../../src/db/schema";
import { openTestDatabase } from "../support/db";

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
  const a = registerGroup(db, { platform: "lark", tenantKey: "t1", chatId: "oc_1" }, { timezone: "Asia/Shanghai", now });
  const b = registerGroup(db, { platform: "lark", tenantKey: "t1", chatId: "oc_1" }, { timezone: "Asia/Shanghai", now });
  expect(a.id).toBe(b.id);
  await db.batch([a.write, b.write]);
  expect(await db.select().from(groups)).toHaveLength(1);
});

test("a private message goes to the group where the person last recorded", async () => {
  const office = await group("t1", "oc_office");
  const project = await group("t1", "oc_project");
  const inOffice = await join(office.id, "ou_a", new Date("2026-11-01T00:00:00Z"));
  const inProject = await join(project.id, "ou_a", new Date("2026-11-02T00:00:00Z"));
  // No records yet: the group joined first.
  expect((await homeGroup(db, "lark", "t1", "ou_a"))?.group.id).toBe(office.id);
  await db.batch(addRecord(db, { group: project, member: inProject, date: "2026-11-19", text: "x", now }).writes as [never]);
  await db.batch(addRecord(db, { group: office, member: inOffice, date: "2026-11-18", text: "y", now }).writes as [never]);
  expect((await homeGroup(db, "lark", "t1", "ou_a"))?.group.id).toBe(project.id);
});

test("tenants never see each other's groups", async () => {
  const other = await group("t2", "oc_other");
  await join(other.id, "ou_a", now);
  expect(await homeGroup(db, "lark", "t1", "ou_a")).toBeUndefined();
  expect((await homeGroup(db, "lark", "t2", "ou_a"))?.group.tenantKey).toBe("t2");
});

test("one query finds the group and the sender's membership, or the group alone", async () => {
  const office = await group("t1", "oc_office");
  await join(office.id, "ou_a", now);
  const hit = await findGroupAndMember(db, "lark", "oc_office", "ou_a");
  expect(hit?.group.id).toBe(office.id);
  expect(hit?.member?.userId).toBe("ou_a");
  const stranger = await findGroupAndMember(db, "lark", "oc_office", "ou_b");
  expect(stranger?.group.id).toBe(office.id);
  expect(stranger?.member).toBeNull();
  expect(await findGroupAndMember(db, "lark", "oc_none", "ou_a")).toBeUndefined();
});
