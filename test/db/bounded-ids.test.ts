import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { migrate } from "drizzle-orm/libsql/migrator";
import { getTableColumns, sql } from "drizzle-orm";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openNodeDatabase, type NodeDatabase } from "../../src/db/client-node";
import { groupIdFor, legacyGroupId, legacyMemberId, memberIdFor } from "../../src/db/ids";
import { applyMigrations, MIGRATIONS_FOLDER } from "../../src/db/migrate";
import { rewriteIds } from "../../src/db/rewrite-ids";
import * as s from "../../src/db/schema";
import { schemeTemplates } from "../../src/domain/scheme";
import { OFFICE, TENANT, startHarness, type Harness } from "../support/bot-harness";
import { larkMessageId, larkOpenId, wechatContactId, wechatWebRoomId } from "../support/ids";

/**
 * A database made by the schema before 0009 (migrations 0000–0008), holding
 * the ids that schema made from real Lark and WeChat ids (80-character member
 * ids), with a row in every table that references a group or a member. After
 * applyMigrations everything is still there, every reference points at the new
 * bounded ids, and the bot scores from it.
 */

const LEADER = OFFICE.owner;
const [ZHANG, LI] = OFFICE.members as [{ openId: string; name: string }, { openId: string; name: string }];
const ROOM = wechatWebRoomId("office-room");
const WX_PERSON = wechatContactId("zhang");

const OLD = {
  office: legacyGroupId("lark", OFFICE.chatId),
  room: legacyGroupId("wechat", ROOM),
};
const oldMember = (openId: string) => legacyMemberId(OLD.office, openId);
const NEW = { office: groupIdFor("lark", OFFICE.chatId), room: groupIdFor("wechat", ROOM) };
const newMember = (openId: string) => memberIdFor(NEW.office, openId);

/** Tables and the columns in them that hold group or member ids. */
const ID_COLUMNS: [string, string][] = [
  ["groups", "id"],
  ["members", "id"],
  ["members", "group_id"],
  ["records", "group_id"],
  ["records", "member_id"],
  ["schemes", "group_id"],
  ["ratings", "group_id"],
  ["ratings", "member_id"],
  ["adjustments", "group_id"],
  ["adjustments", "member_id"],
  ["awards", "group_id"],
  ["awards", "member_id"],
  ["claims", "group_id"],
  ["claims", "member_id"],
  ["leaves", "group_id"],
  ["leaves", "member_id"],
  ["publications", "group_id"],
  ["appeals", "member_id"],
  ["department_scores", "group_id"],
  ["goals", "group_id"],
  ["goals", "member_id"],
  ["chat_links", "group_id"],
  ["chat_links", "member_id"],
  ["link_codes", "group_id"],
  ["link_codes", "member_id"],
  ["audit_log", "group_id"],
  ["audit_log", "subject_id"],
];
const TABLES = [
  ...new Set(ID_COLUMNS.map(([t]) => t)),
  "claim_decisions",
  "appeal_decisions",
  "outbox",
  "tenant_admins",
  "processed_events",
];

let dir: string;
let path: string;

/** migrations/ as it was at 0008: the files, and a journal cut after entry 8. */
async function previousMigrations(): Promise<string> {
  const folder = join(dir, "migrations-0008");
  await mkdir(join(folder, "meta"), { recursive: true });
  for (const f of await readdir(MIGRATIONS_FOLDER))
    if (/^000[0-8]_.*\.sql$/.test(f)) await copyFile(join(MIGRATIONS_FOLDER, f), join(folder, f));
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 8);
  await writeFile(join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  return folder;
}

/**
 * Writes rows as the schema of 0000–0008 had them: only the columns that
 * database has (a column added by a later migration is left out), each value
 * converted as drizzle would. drizzle's insert would name every column of
 * today's schema and fail on the old tables.
 */
function oldSchemaWriter(database: NodeDatabase) {
  const { db } = database;
  return async (table: SQLiteTable, rows: Record<string, unknown> | Record<string, unknown>[]) => {
    const { name } = getTableConfig(table);
    const present = new Set(
      (await db.all<{ name: string }>(sql`select name from pragma_table_info(${name})`)).map((c) => c.name),
    );
    for (const row of [rows].flat()) {
      const cells = Object.entries(getTableColumns(table)).flatMap(([key, column]) => {
        if (!present.has(column.name)) return [];
        const value = row[key] ?? (column.defaultFn ? column.defaultFn() : undefined);
        return value === undefined
          ? []
          : [{ column: column.name, value: value === null ? null : column.mapToDriverValue(value) }];
      });
      await db.run(
        sql`insert into ${sql.identifier(name)} (${sql.join(
          cells.map((c) => sql.identifier(c.column)),
          sql`, `,
        )}) values (${sql.join(
          cells.map((c) => sql`${c.value}`),
          sql`, `,
        )})`,
      );
    }
  };
}

async function seedPreviousSchema(database: NodeDatabase) {
  const insertOld = oldSchemaWriter(database);
  const at = new Date("2026-11-20T02:00:00Z");
  const [zhang, li, leader] = [oldMember(ZHANG.openId), oldMember(LI.openId), oldMember(LEADER.openId)];
  const wxMember = legacyMemberId(OLD.room, WX_PERSON);
  await insertOld(s.groups, [
    {
      id: OLD.office,
      platform: "lark",
      tenantKey: TENANT,
      chatId: OFFICE.chatId,
      name: OFFICE.name,
      timezone: "Asia/Shanghai",
      syncedAt: at,
      createdAt: at,
    },
    {
      id: OLD.room,
      platform: "wechat",
      tenantKey: "wechat",
      chatId: ROOM,
      name: "微信值班群",
      timezone: "Asia/Shanghai",
      createdAt: at,
    },
  ]);
  await insertOld(s.members, [
    { id: leader, groupId: OLD.office, userId: LEADER.openId, name: LEADER.name, role: "leader", createdAt: at },
    { id: zhang, groupId: OLD.office, userId: ZHANG.openId, name: ZHANG.name, createdAt: at },
    {
      id: li,
      groupId: OLD.office,
      userId: LI.openId,
      name: LI.name,
      position: "科员",
      coefficient: 1.042,
      createdAt: at,
    },
    { id: wxMember, groupId: OLD.room, userId: WX_PERSON, name: "张三", createdAt: at },
  ]);
  await insertOld(s.records, {
    id: "rec_old_1",
    groupId: OLD.office,
    memberId: zhang,
    date: "2026-11-20",
    text: "完成季度报表初稿",
    sourceMessageId: larkMessageId("rec"),
    createdAt: at,
  });
  await insertOld(s.schemes, {
    id: "sch_old_1",
    groupId: OLD.room,
    version: 1,
    name: "值班",
    json: schemeTemplates[0]!.scheme,
    source: `template:${schemeTemplates[0]!.id}`,
    createdAt: at,
  });
  const rate = (member: string, dimension: string, score: number) => ({
    id: `rat_${member.slice(-6)}_${dimension}`,
    groupId: OLD.office,
    period: "2026-11",
    memberId: member,
    dimension,
    raterGroup: "leader",
    raterUserId: LEADER.openId,
    score,
    createdAt: at,
  });
  await insertOld(
    s.ratings,
    ["village", "business", "conduct"].flatMap((d) => [rate(zhang, d, 90), rate(li, d, 80)]),
  );
  await insertOld(s.adjustments, {
    id: "adj_old_1",
    groupId: OLD.office,
    period: "2026-11",
    memberId: zhang,
    reason: "牵头完成防汛值班",
    byUserId: LEADER.openId,
    dimension: "village",
    points: 2,
    createdAt: at,
  });
  await insertOld(s.awards, {
    id: "awd_old_1",
    groupId: OLD.office,
    period: "2026-11",
    memberId: li,
    reason: "获县级先进个人",
    byUserId: LEADER.openId,
    level: "county",
    createdAt: at,
  });
  await insertOld(s.claims, [
    {
      id: "clm_old_1",
      groupId: OLD.office,
      memberId: zhang,
      kind: "bonus",
      period: "2026-11",
      detail: { dimension: "village", points: 1 },
      evidence: "协助秋收调度",
      status: "approved",
      no: 1,
      createdAt: at,
    },
    {
      id: "clm_old_2",
      groupId: OLD.office,
      memberId: li,
      kind: "award",
      period: "2026-11",
      detail: { level: "city" },
      evidence: "市级表彰",
      no: 2,
      createdAt: at,
    },
  ]);
  await insertOld(s.claimDecisions, {
    claimId: "clm_old_1",
    decision: "approved",
    byUserId: LEADER.openId,
    decidedAt: at,
  });
  await insertOld(s.leaves, {
    id: "lea_old_1",
    groupId: OLD.office,
    memberId: li,
    from: "2026-11-23",
    to: "2026-11-24",
    reason: "年假",
    createdAt: at,
  });
  await insertOld(s.publications, {
    id: "pub_old_1",
    groupId: OLD.office,
    period: "2026-Q3",
    windowEnds: "2026-10-15",
    publishedAt: at,
  });
  await insertOld(s.appeals, {
    id: "apl_old_1",
    publicationId: "pub_old_1",
    memberId: zhang,
    reason: "作风分有误",
    status: "upheld",
    no: 1,
    createdAt: at,
  });
  await insertOld(s.appealDecisions, {
    appealId: "apl_old_1",
    decision: "upheld",
    byUserId: LEADER.openId,
    reason: "评分有据",
    decidedAt: at,
  });
  await insertOld(s.departmentScores, {
    groupId: OLD.office,
    period: "2026-11",
    score: 95,
    byUserId: LEADER.openId,
    createdAt: at,
  });
  await insertOld(s.goals, {
    id: "gol_old_1",
    groupId: OLD.office,
    seq: 1,
    period: "2026-11",
    memberId: zhang,
    title: "走访农户",
    planned: 20,
    unit: "户",
    byUserId: LEADER.openId,
    createdAt: at,
  });
  await insertOld(s.chatLinks, [
    { id: "lnk_old_1", kind: "room", externalId: ROOM, groupId: OLD.office, createdBy: LEADER.openId, createdAt: at },
    {
      id: "lnk_old_2",
      kind: "person",
      externalId: WX_PERSON,
      groupId: OLD.office,
      memberId: zhang,
      createdBy: ZHANG.openId,
      createdAt: at,
    },
  ]);
  await insertOld(s.linkCodes, {
    code: "483920",
    kind: "person",
    groupId: OLD.office,
    memberId: li,
    issuedBy: LI.openId,
    expiresAt: new Date("2026-11-20T03:00:00Z"),
  });
  await insertOld(s.auditLog, [
    {
      id: "aud_old_1",
      groupId: OLD.office,
      actorUserId: LEADER.openId,
      action: "roster.update",
      subjectId: li,
      detail: { member: li, position: "科员", coefficient: 1.042 },
      at,
    },
    {
      id: "aud_old_2",
      groupId: OLD.office,
      actorUserId: LEADER.openId,
      action: "department.score",
      subjectId: OLD.office,
      detail: { month: "2026-11", score: 95 },
      at,
    },
  ]);
  await insertOld(s.tenantAdmins, {
    platform: "lark",
    tenantKey: TENANT,
    userId: LEADER.openId,
    name: LEADER.name,
    createdAt: at,
  });
  await insertOld(s.processedEvents, {
    eventId: "5e3702a84e847582be8db7fb73283c02",
    messageId: larkMessageId("rec"),
    kind: "message",
    receivedAt: at,
  });
  // The November ranking already went out to 张三 (a job keys it by member id); a report card with a button naming the group is still queued.
  await insertOld(s.outbox, [
    {
      key: `ranking:2026-11:${zhang}`,
      receiveIdType: "open_id",
      receiveId: ZHANG.openId,
      paceKey: `user:${ZHANG.openId}`,
      msgType: "text",
      content: JSON.stringify({ text: "你的名次" }),
      status: "sent",
      nextAttemptAt: at,
      sentAt: at,
      createdAt: at,
    },
    {
      key: `ranking:2026-11:${li}`,
      receiveIdType: "open_id",
      receiveId: LI.openId,
      paceKey: `user:${LI.openId}`,
      msgType: "text",
      content: JSON.stringify({ text: "你的名次" }),
      status: "sent",
      nextAttemptAt: at,
      sentAt: at,
      createdAt: at,
    },
    {
      key: `ranking:2026-11:${OFFICE.chatId}`,
      receiveIdType: "chat_id",
      receiveId: OFFICE.chatId,
      paceKey: `chat:${OFFICE.chatId}`,
      msgType: "text",
      content: JSON.stringify({ text: "排名" }),
      status: "sent",
      nextAttemptAt: at,
      sentAt: at,
      createdAt: at,
    },
    {
      key: `report:2026-Q3:v1:${zhang}`,
      receiveIdType: "open_id",
      receiveId: ZHANG.openId,
      paceKey: `user:${ZHANG.openId}`,
      msgType: "interactive",
      content: JSON.stringify({
        schema: "2.0",
        body: {
          elements: [
            { tag: "button", behaviors: [{ type: "callback", value: { a: "report.object", g: OLD.office } }] },
          ],
        },
      }),
      nextAttemptAt: at,
      createdAt: at,
    },
  ]);
}

async function counts(db: NodeDatabase["db"]) {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = (await db.all<{ n: number }>(sql.raw(`select count(*) as n from ${t}`)))[0]!.n;
  return out;
}

let before: Record<string, number>;
let migrated: NodeDatabase;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-0009-"));
  path = join(dir, "old.db");
  const old = await openNodeDatabase(`file:${path}`);
  await migrate(old.db, { migrationsFolder: await previousMigrations() });
  await seedPreviousSchema(old);
  before = await counts(old.db);
  old.close();
  migrated = await openNodeDatabase(`file:${path}`);
  await applyMigrations(migrated.db);
});
afterAll(async () => {
  migrated?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("migration 0009: bounded group and member ids", () => {
  test("the previous schema's ids were too long for scoring (what issue 12 found)", () => {
    expect(oldMember(ZHANG.openId).length).toBe(80);
    expect(legacyMemberId(OLD.room, WX_PERSON).length).toBeGreaterThan(64);
  });

  test("nothing is lost: every table holds as many rows as before", async () => {
    expect(before.ratings).toBe(6);
    expect(await counts(migrated.db)).toEqual(before);
  });

  test("every reference is rewritten to the new ids, and they are all 36 characters", async () => {
    for (const [table, column] of ID_COLUMNS) {
      const values = (
        await migrated.db.all<{ v: string }>(sql.raw(`select ${column} as v from ${table} where ${column} is not null`))
      ).map((r) => r.v);
      const ids = values.filter((v) => v.startsWith("grp_") || v.startsWith("mem_"));
      expect(ids.length, `${table}.${column}`).toBeGreaterThan(0);
      for (const v of ids) expect(v, `${table}.${column}`).toMatch(/^(grp|mem)_[0-9a-f]{32}$/);
    }
    const people = await migrated.db.select().from(s.members);
    expect(people.map((m) => m.id).sort()).toEqual(
      [
        newMember(LEADER.openId),
        newMember(ZHANG.openId),
        newMember(LI.openId),
        memberIdFor(NEW.room, WX_PERSON),
      ].sort(),
    );
    expect((await migrated.db.all<{ n: number }>(sql`select count(*) as n from pragma_foreign_key_check`))[0]!.n).toBe(
      0,
    );
  });

  test("rows still point at the right person and group", async () => {
    const li = newMember(LI.openId);
    const [award] = await migrated.db.select().from(s.awards);
    expect(award!.memberId).toBe(li);
    const [member] = await migrated.db.select().from(s.members).where(sql`${s.members.id} = ${li}`);
    expect(member).toMatchObject({ userId: LI.openId, groupId: NEW.office, position: "科员", coefficient: 1.042 });
    const links = await migrated.db.select().from(s.chatLinks);
    expect(links.find((l) => l.kind === "person")!.memberId).toBe(newMember(ZHANG.openId));
    const [wxScheme] = await migrated.db.select().from(s.schemes);
    expect(wxScheme!.groupId).toBe(NEW.room);
  });

  test("text that embeds ids follows: outbox keys, queued card values, audit details", async () => {
    const keys = (await migrated.db.select().from(s.outbox)).map((r) => r.key);
    expect(keys).toContain(`ranking:2026-11:${newMember(ZHANG.openId)}`);
    expect(keys).toContain(`report:2026-Q3:v1:${newMember(ZHANG.openId)}`);
    expect(keys).toContain(`ranking:2026-11:${OFFICE.chatId}`); // chat ids are the platform's and stay
    const card = (await migrated.db.select().from(s.outbox)).find((r) => r.msgType === "interactive")!;
    expect(JSON.parse(card.content).body.elements[0].behaviors[0].value).toEqual({ a: "report.object", g: NEW.office });
    const audit = await migrated.db.select().from(s.auditLog);
    expect(audit.find((a) => a.id === "aud_old_1")).toMatchObject({
      subjectId: newMember(LI.openId),
      detail: { member: newMember(LI.openId), position: "科员" },
    });
    expect(audit.find((a) => a.id === "aud_old_2")).toMatchObject({ subjectId: NEW.office, groupId: NEW.office });
  });

  test("the step is marked done and running it again changes nothing", async () => {
    const [step] = await migrated.db.select().from(s.dataMigrations);
    expect(step).toMatchObject({ name: "0009_bounded_ids" });
    expect(step!.doneAt).toBeInstanceOf(Date);
    const snapshot = await migrated.db.select().from(s.outbox);
    expect(await rewriteIds(migrated.db, new Date())).toEqual({ groups: 0, members: 0 });
    await applyMigrations(migrated.db);
    expect(await migrated.db.select().from(s.outbox)).toEqual(snapshot);
  });
});

describe("a database whose schema was migrated without the data step (drizzle-kit migrate)", () => {
  test("is left pending by the schema migration and caught up by the next applyMigrations", async () => {
    const other = join(dir, "schema-only.db");
    const database = await openNodeDatabase(`file:${other}`);
    try {
      await migrate(database.db, { migrationsFolder: await previousMigrations() });
      await seedPreviousSchema(database);
      await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
      const [pending] = await database.db.select().from(s.dataMigrations);
      expect(pending).toEqual({ name: "0009_bounded_ids", doneAt: null });
      expect((await database.db.select().from(s.members)).map((m) => m.id)).toContain(oldMember(ZHANG.openId));
      await applyMigrations(database.db);
      expect((await database.db.select().from(s.members)).map((m) => m.id)).toContain(newMember(ZHANG.openId));
      expect(await counts(database.db)).toEqual(before);
    } finally {
      database.close();
    }
  });
});

describe("the bot on the migrated database", () => {
  let h: Harness;
  beforeAll(async () => {
    migrated.close();
    h = await startHarness({ databasePath: path, clockStart: "2026-11-27T02:00:00Z" });
  });
  afterAll(() => h?.close());

  async function ask(from: { openId: string }, text: string): Promise<string> {
    const before = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length;
    expect((await h.say(from.openId, text)).status).toBe(200);
    const [reply] = await h.lark.mock.waitForMessages(
      (m) => m.sender.type === "app" && h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).indexOf(m) >= before,
    );
    return JSON.stringify(reply!.parsed);
  }

  test("成绩 and 排名 read the migrated ratings", async () => {
    const mine = await ask(ZHANG, "成绩");
    expect(mine).not.toContain("出错了");
    // 90 from the leader on each dimension, +2 on 联村 (the migrated adjustment): 38 + 36 + 18.
    expect(mine).toContain("**92.00 分**　第 1 / 2 名");
    expect(mine).toContain("牵头完成防汛值班");
    const rank = await ask(ZHANG, "排名");
    expect(rank).not.toContain("出错了");
    expect(rank).toContain(ZHANG.name);
    expect(rank).toContain(LI.name);
  });

  test("the November ranking that went out before the migration is not sent again", async () => {
    const runs = await h.bot.runJobs(new Date("2026-12-01T03:00:00Z"));
    const ranking = runs.find((r) => r.kind === "monthly-ranking" && r.period === "2026-11" && r.group === NEW.office);
    expect(ranking).toBeDefined();
    // What is new is only the copies for the linked WeChat room (never sent before); each person's place is not queued twice.
    const personal = (await h.bot.db.select().from(s.outbox)).filter(
      (r) => r.key.startsWith("ranking:2026-11:") && r.receiveIdType === "open_id",
    );
    expect(personal.map((r) => r.key).sort()).toEqual(
      [`ranking:2026-11:${newMember(ZHANG.openId)}`, `ranking:2026-11:${newMember(LI.openId)}`].sort(),
    );
    expect(personal.every((r) => r.status === "sent")).toBe(true);
    expect(ranking!.queued).toBe(2);
  });

  test("a card button sent before the migration (old group id in its value) still works", async () => {
    const before = h.lark.mock.sentMessages({ openId: ZHANG.openId }).length;
    const res = await h.click(
      ZHANG.openId,
      { a: "report.detail", g: OLD.office, q: "2026-Q4" },
      h.userMessage(ZHANG.openId, "成绩单"),
    );
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).not.toContain("找不到这个群");
    await h.bot.idle();
    const details = h.lark.mock
      .sentMessages({ openId: ZHANG.openId })
      .slice(before)
      .map((m) => JSON.stringify(m.parsed));
    expect(details.some((d) => d.includes("张三 · 2026-11 明细") && d.includes("完成季度报表初稿"))).toBe(true);
  });

  test("a new person who speaks gets a bounded id beside the migrated ones", async () => {
    const newcomer = { openId: larkOpenId("newcomer"), name: "新人" };
    h.lark.mock.addUser(newcomer);
    expect((await h.say(newcomer.openId, "日报 熟悉业务")).status).toBe(200);
    await h.bot.idle();
    const ids = (await h.bot.db.select().from(s.members)).map((m) => m.id);
    expect(ids).toContain(memberIdFor(NEW.office, newcomer.openId));
    for (const id of ids) expect(id).toMatch(/^mem_[0-9a-f]{32}$/);
  });
});
