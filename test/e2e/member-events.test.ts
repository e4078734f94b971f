import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { attendanceFrom, attendanceRowsOf } from "../../src/app/attendance";
import { computeMonth } from "../../src/app/scores";
import { groupIdFor } from "../../src/db/ids";
import { auditLog, groups, members, processedEvents, records } from "../../src/db/schema";
import { APP, OFFICE, TENANT, TOKEN, memberOf, startHarness, type Harness } from "../support/bot-harness";
import { larkChatId, larkEventId, larkOpenId, larkTenantKey, unionIdOf } from "../support/ids";
import { ask as askIn, type Person } from "../support/tenant-groups";

/**
 * 用户进群 / 用户出群 / 撤销拉用户进群 through the real webhook (encrypted and signed as Lark does,
 * on loopback): someone added is on the roster at once; someone removed gets no reminder and is
 * not expected from the next month on, their October (records, score) as it was; someone added
 * back is the same member again. Payloads of the shape the Lark documentation gives
 * (test/fixtures/lark/im.chat.member.user.*.json).
 */
const ADMIN_TOKEN = "admin-secret";
const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
const WANG: Person = { openId: larkOpenId("wang"), name: "王五" };
const GUEST: Person = { openId: larkOpenId("guest"), name: "赵六" };
const PEOPLE: Person[] = [LEADER, ZHANG, LI, WANG];
const GROUP = groupIdFor("lark", OFFICE.chatId);
const SCHEME = { name: "科室考核", dimensions: [{ key: "business", name: "业务", weight: 100 }] };

type MemberEventType = "added" | "deleted" | "withdrawn";

/** A member event as Lark documents it: the chat, who did it, the people with their tenant and ids. */
function memberEvent(
  type: MemberEventType,
  o: { id: string; operator: Person; people: (Person & { tenantKey?: string })[]; chatId?: string },
) {
  const ids = (p: Person) => ({ union_id: unionIdOf(p.openId), user_id: p.openId.slice(3, 11), open_id: p.openId });
  return {
    schema: "2.0",
    header: {
      event_id: larkEventId(o.id),
      event_type: `im.chat.member.user.${type}_v1`,
      create_time: String(h.clock.now().getTime()),
      token: TOKEN,
      app_id: APP.appId,
      tenant_key: TENANT,
    },
    event: {
      chat_id: o.chatId ?? OFFICE.chatId,
      operator_id: ids(o.operator),
      external: false,
      operator_tenant_key: TENANT,
      name: OFFICE.name,
      i18n_names: { zh_cn: OFFICE.name, en_us: "General Office", ja_jp: "総合事務室" },
      users: o.people.map((p) => ({ name: p.name, tenant_key: p.tenantKey ?? TENANT, user_id: ids(p) })),
    },
  };
}

let h: Harness;
const ask = (from: Person, text: string) => askIn(h, PEOPLE, from, text, OFFICE.chatId);

/** Posts a member event and waits until the bot has done what followed it. */
async function deliver(payload: ReturnType<typeof memberEvent>): Promise<number> {
  const res = await h.post(payload);
  await h.bot.idle();
  return res.status;
}

/** What Lark's own member list says after the change, so a later member read agrees with it. */
function larkChatMembers(change: (ids: string[]) => string[]) {
  const chat = h.lark.mock.store.chats.get(OFFICE.chatId)!;
  chat.members = change(chat.members);
}

const member = async (openId: string) =>
  (
    await h.bot.db
      .select()
      .from(members)
      .where(eq(members.id, memberOf(openId)))
  )[0];

const memberAudit = () =>
  h.bot.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.groupId, GROUP), inArray(auditLog.action, ["member.join", "member.leave"])));

/** The office's month as the engine scores it: each scored person's id and total. */
async function totals(month: string): Promise<[string, number][]> {
  const [group] = await h.bot.db.select().from(groups).where(eq(groups.id, GROUP));
  const { result } = await computeMonth(h.bot.db, group!, month, h.clock.now());
  return result.members.map((m): [string, number] => [m.id, m.total]);
}

/** Runs the 天记录 reminder as of a time through the admin route; returns how many messages it queued. */
async function remind(at: string): Promise<number> {
  const res = await fetch(`${h.bot.url}/admin/jobs/reminders?at=${encodeURIComponent(at)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(200);
  await h.bot.idle();
  return ((await res.json()) as { queued: number }).queued;
}

const welcomes = () =>
  h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).filter((m) => m.content.includes("绩效考核机器人已加入本群"));

let octoberBefore: [string, number][];
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-10-08T02:00:00Z", adminToken: ADMIN_TOKEN });
  for (const p of [WANG, GUEST]) h.lark.mock.addUser(p);
  await h.addBotToOffice();
  await ask(LEADER, "设置 提醒时间 17:30"); // the owner configures first: the organisation's 管理员
  await ask(LEADER, `方案 导入 ${JSON.stringify(SCHEME)}`);
  await ask(LI, "日报 整理十月档案");
  await ask(LEADER, "评分 @张三 业务 88");
  await ask(LEADER, "评分 @李四 业务 80");
  octoberBefore = await totals("2026-10");
}, 60_000);
afterAll(() => h.close());

describe("people added to or gone from a Lark group chat", () => {
  test("王五 added by the leader is on the roster at once, and the welcome card counts him", async () => {
    expect(welcomes()[0]!.content).toContain("共 3 人");
    larkChatMembers((ids) => [...ids, WANG.openId]);
    expect(await deliver(memberEvent("added", { id: "wang-added", operator: LEADER, people: [WANG] }))).toBe(200);
    expect(await member(WANG.openId)).toMatchObject({ name: "王五", role: "staff", active: true, leftOn: null });
    // The same card, updated in place: nothing new is posted in the group.
    const [card, ...more] = welcomes();
    expect(more).toHaveLength(0);
    expect(card!.content).toContain("共 4 人");
    expect((await memberAudit()).map((a) => [a.action, a.actorUserId])).toEqual([["member.join", LEADER.openId]]);
  });

  test("the same 用户进群 delivered again is handled once", async () => {
    expect(await deliver(memberEvent("added", { id: "wang-added", operator: LEADER, people: [WANG] }))).toBe(200);
    expect(await memberAudit()).toHaveLength(1);
  });

  test("someone of another organisation added to the chat is not put on the roster", async () => {
    const event = memberEvent("added", {
      id: "guest-added",
      operator: LEADER,
      people: [{ ...GUEST, tenantKey: larkTenantKey("partner") }],
    });
    expect(await deliver(event)).toBe(200);
    expect(await member(GUEST.openId)).toBeUndefined();
    const audit = await memberAudit();
    expect(audit.at(-1)!.detail).toMatchObject({ added: [], external: 1 });
  });

  test("a chat the bot is not in: answered 200, nothing stored", async () => {
    const elsewhere = larkChatId("elsewhere");
    const event = memberEvent("added", { id: "elsewhere", operator: LEADER, people: [WANG], chatId: elsewhere });
    expect(await deliver(event)).toBe(200);
    expect(await h.bot.db.select().from(groups).where(eq(groups.chatId, elsewhere))).toEqual([]);
    expect(
      await h.bot.db
        .select()
        .from(processedEvents)
        .where(eq(processedEvents.eventId, larkEventId("elsewhere"))),
    ).toEqual([]);
  });

  test("李四 removed on 2 November: inactive from that day, his October record and score kept", async () => {
    h.clock.set("2026-11-02T02:00:00Z");
    larkChatMembers((ids) => ids.filter((id) => id !== LI.openId));
    expect(await deliver(memberEvent("deleted", { id: "li-removed", operator: LEADER, people: [LI] }))).toBe(200);
    expect(await member(LI.openId)).toMatchObject({ active: false, leftOn: "2026-11-02", movedTo: null });
    const leave = (await memberAudit()).find((a) => a.action === "member.leave")!;
    expect([leave.actorUserId, leave.detail]).toEqual([
      LEADER.openId,
      { left: [memberOf(LI.openId)], reason: "removed", leftOn: "2026-11-02" },
    ]);
    const october = await h.bot.db
      .select()
      .from(records)
      .where(eq(records.memberId, memberOf(LI.openId)));
    expect(october.map((r) => [r.date, r.text])).toEqual([["2026-10-08", "整理十月档案"]]);
    expect(await totals("2026-10")).toEqual(octoberBefore);
    expect(octoberBefore).toEqual(expect.arrayContaining([[memberOf(LI.openId), 80]]));
  });

  test("the reminder on 3 November nudges 李主任, 张三 and 王五, not 李四", async () => {
    const li = h.lark.mock.sentMessages({ openId: LI.openId }).length;
    // Three private nudges and the group's line.
    expect(await remind("2026-11-03T17:35:00+08:00")).toBe(4);
    expect(h.lark.mock.sentMessages({ openId: LI.openId })).toHaveLength(li);
    for (const p of [LEADER, ZHANG, WANG])
      expect(h.lark.mock.sentMessages({ openId: p.openId }).some((m) => m.content.includes("今天的日报还没交"))).toBe(
        true,
      );
    expect(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).some((m) => m.content.includes("今日已交 0/3"))).toBe(
      true,
    );
  });

  test("王五's invitation withdrawn (撤销拉用户进群): off the roster again", async () => {
    larkChatMembers((ids) => ids.filter((id) => id !== WANG.openId));
    expect(await deliver(memberEvent("withdrawn", { id: "wang-withdrawn", operator: LEADER, people: [WANG] }))).toBe(
      200,
    );
    expect(await member(WANG.openId)).toMatchObject({ active: false, leftOn: "2026-11-02" });
    expect((await memberAudit()).at(-1)!.detail).toMatchObject({ reason: "withdrawn" });
  });

  test("张三 leaving by himself is told apart from being removed", async () => {
    larkChatMembers((ids) => ids.filter((id) => id !== ZHANG.openId));
    expect(await deliver(memberEvent("deleted", { id: "zhang-left", operator: ZHANG, people: [ZHANG] }))).toBe(200);
    expect(await member(ZHANG.openId)).toMatchObject({ active: false, leftOn: "2026-11-02" });
    expect((await memberAudit()).at(-1)!.detail).toMatchObject({ reason: "left" });
  });

  test("李四 added back on 10 November: the same member, his leave day cleared, October unchanged", async () => {
    h.clock.set("2026-11-10T02:00:00Z");
    larkChatMembers((ids) => [...ids, LI.openId]);
    expect(await deliver(memberEvent("added", { id: "li-back", operator: LEADER, people: [LI] }))).toBe(200);
    expect(await member(LI.openId)).toMatchObject({ active: true, leftOn: null, name: "李四" });
    const rows = await h.bot.db
      .select()
      .from(members)
      .where(and(eq(members.groupId, GROUP), eq(members.userId, LI.openId)));
    expect(rows).toHaveLength(1);
    expect((await memberAudit()).at(-1)!.detail).toMatchObject({ added: [], back: [memberOf(LI.openId)] });
    expect(await totals("2026-10")).toEqual(octoberBefore);
    // He records and is scored again under the same member.
    await ask(LI, "日报 回到综合办公室");
    await ask(LEADER, "评分 @李四 业务 85");
    expect(await totals("2026-11")).toEqual(expect.arrayContaining([[memberOf(LI.openId), 85]]));
    const mine = await h.bot.db
      .select()
      .from(records)
      .where(eq(records.memberId, memberOf(LI.openId)));
    expect(mine.map((r) => r.date)).toEqual(["2026-10-08", "2026-11-10"]);
  });

  test("按时记录率 expects nothing of 张三 from the day he left; 李主任 is due every workday so far", async () => {
    const [group] = await h.bot.db.select().from(groups).where(eq(groups.id, GROUP));
    const people = await h.bot.db
      .select()
      .from(members)
      .where(inArray(members.id, [memberOf(ZHANG.openId), memberOf(LEADER.openId)]));
    const rows = await attendanceRowsOf(h.bot.db, [GROUP], ["2026-11"]);
    const due = attendanceFrom(group!, "2026-11", people, rows, h.clock.now());
    // 10 November: 2–6 and 9 November are past workdays; 张三 left on the 2nd (a Monday), before any of them.
    expect(due.get(memberOf(LEADER.openId))!.due).toBe(6);
    expect(due.get(memberOf(ZHANG.openId))!.due).toBe(0);
  });

  test("a member read afterwards agrees: nobody who left comes back, 李四 stays back", async () => {
    await h.addBotToOffice(); // the bot reads the chat's members again
    expect((await member(LI.openId))!.active).toBe(true);
    expect((await member(ZHANG.openId))!.active).toBe(false);
    expect((await member(WANG.openId))!.active).toBe(false);
  });
});
