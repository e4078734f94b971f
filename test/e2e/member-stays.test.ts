import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { attendanceFrom, attendanceRowsOf } from "../../src/app/attendance";
import { periodSource } from "../../src/app/period-data";
import { absencesOf, withAbsences } from "../../src/app/roster";
import { computeMonth } from "../../src/app/scores";
import { groupIdFor } from "../../src/db/ids";
import { groups, memberAbsences, members } from "../../src/db/schema";
import { inGroupDuring } from "../../src/domain/roster";
import { APP, OFFICE, TENANT, TOKEN, memberOf, startHarness, type Harness } from "../support/bot-harness";
import { larkChatId, larkEventId, unionIdOf } from "../support/ids";
import { addGroup, ask as askIn, type Person } from "../support/tenant-groups";

/**
 * Leaving a group and coming back (one member row per person per group): the time away is remembered
 * (member_absences), so the months wholly inside it are scored without them and its days are not due
 * for 按时记录率. 张三 leaves the 综合办公室 chat on Monday 2 November 2026 and is added back on
 * Wednesday 10 February 2027 (用户出群 / 用户进群, signed and encrypted as Lark sends them, on loopback);
 * 李四, moved to 财务科 by the roster from 1 November, is listed under 综合办公室 again from 10 February.
 * February 2027 (provisional national calendar): 春节 5–8 off, so the workdays before the 12th are
 * 1–4, 9, 10 and 11.
 */
const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
const PEOPLE: Person[] = [LEADER, ZHANG, LI];
const GROUP = groupIdFor("lark", OFFICE.chatId);
const FINANCE = { chatId: larkChatId("finance"), name: "财务科", owner: LEADER, members: [LI] };
const FINANCE_ID = groupIdFor("lark", FINANCE.chatId);
const SCHEME = {
  name: "出勤方案",
  dimensions: [
    { key: "business", name: "业务", weight: 90 },
    { key: "attendance", name: "出勤", weight: 10, source: "attendance" },
  ],
};

let h: Harness;
const ask = (from: Person, text: string, chatId = OFFICE.chatId) => askIn(h, PEOPLE, from, text, chatId);

/** A member event as Lark documents it (test/fixtures/lark/im.chat.member.user.*.json). */
function memberEvent(type: "added" | "deleted", o: { id: string; operator: Person; people: Person[] }) {
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
      chat_id: OFFICE.chatId,
      operator_id: ids(o.operator),
      external: false,
      operator_tenant_key: TENANT,
      name: OFFICE.name,
      i18n_names: { zh_cn: OFFICE.name, en_us: "General Office", ja_jp: "総合事務室" },
      users: o.people.map((p) => ({ name: p.name, tenant_key: TENANT, user_id: ids(p) })),
    },
  };
}

async function deliver(payload: ReturnType<typeof memberEvent>): Promise<number> {
  const res = await h.post(payload);
  await h.bot.idle();
  return res.status;
}

function larkChatMembers(change: (ids: string[]) => string[]) {
  const chat = h.lark.mock.store.chats.get(OFFICE.chatId)!;
  chat.members = change(chat.members);
}

async function sendRoster(text: string): Promise<string> {
  const chatId = h.lark.mock.store.p2pChat(APP.appId, LEADER.openId).chatId;
  const before = h.lark.mock.sentMessages({ chatId }).length;
  const res = await h.sendFile(LEADER.openId, "花名册.csv", new TextEncoder().encode(text), { chatType: "p2p" });
  expect(res.status).toBe(200);
  await h.bot.idle();
  return h.lark.mock
    .sentMessages({ chatId })
    .slice(before)
    .map((m) => JSON.stringify(m.parsed))
    .join("\n");
}

const office = async () => (await h.bot.db.select().from(groups).where(eq(groups.id, GROUP)))[0]!;

/** The office's month as the engine scores it (the batched loader agrees): each person's id and total. */
async function totals(month: string): Promise<[string, number][]> {
  const group = await office();
  const { result } = await computeMonth(h.bot.db, group, month, h.clock.now());
  const batched = await periodSource(h.bot.db, [group], [month], h.clock.now()).month(group, month);
  const out = result.members.map((m): [string, number] => [m.id, m.total]);
  expect(batched.result.members.map((m) => [m.id, m.total])).toEqual(out);
  return out;
}

/** Who belongs to the office's month, as both loaders choose them. */
async function peopleOf(month: string): Promise<string[]> {
  const all = await h.bot.db.select().from(members).where(eq(members.groupId, GROUP));
  return withAbsences(all, await absencesOf(h.bot.db, [GROUP]))
    .filter((m) => inGroupDuring(m, month))
    .map((m) => m.id)
    .sort();
}

/** 按时记录率's workdays due for the office's people in a month, as of now. */
async function due(month: string): Promise<Map<string, number>> {
  const all = await h.bot.db.select().from(members).where(eq(members.groupId, GROUP));
  const people = withAbsences(all, await absencesOf(h.bot.db, [GROUP]));
  const rows = await attendanceRowsOf(h.bot.db, [GROUP], [month]);
  const out = attendanceFrom(await office(), month, people, rows, h.clock.now());
  return new Map([...out].map(([id, a]) => [id, a.due]));
}

const absences = (memberId: string) =>
  h.bot.db
    .select({ from: memberAbsences.fromDay, until: memberAbsences.untilDay })
    .from(memberAbsences)
    .where(eq(memberAbsences.memberId, memberId));

let december: [string, number][];
let january: [string, number][];
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-10-08T02:00:00Z" });
  await h.addBotToOffice();
  await ask(LEADER, "设置 提醒时间 17:30"); // the owner configures first: the organisation's 管理员
  await ask(LEADER, `方案 导入 ${JSON.stringify(SCHEME)}`);
  await addGroup(h, FINANCE);
  await ask(LEADER, `方案 导入 ${JSON.stringify(SCHEME)}`, FINANCE.chatId);
  h.clock.set("2026-10-30T02:00:00Z");
  expect(await sendRoster(`姓名,部门,岗位,系数,生效日期\n${LI.name},${FINANCE.name},会计,1,2026-11-01\n`)).toContain(
    "花名册已导入",
  );
  h.clock.set("2026-11-02T02:00:00Z");
  larkChatMembers((ids) => ids.filter((id) => id !== ZHANG.openId));
  expect(await deliver(memberEvent("deleted", { id: "zhang-removed", operator: LEADER, people: [ZHANG] }))).toBe(200);
  h.clock.set("2026-12-15T02:00:00Z");
  await ask(LEADER, "评分 @李主任 业务 90");
  december = await totals("2026-12");
  h.clock.set("2027-01-15T02:00:00Z");
  await ask(LEADER, "评分 @李主任 业务 91");
  january = await totals("2027-01");
}, 60_000);
afterAll(() => h.close());

describe("back in the chat after three months away", () => {
  test("added back on 10 February: the same row active, 2 November to 9 February remembered", async () => {
    h.clock.set("2027-02-10T01:00:00Z");
    larkChatMembers((ids) => [...ids, ZHANG.openId]);
    expect(await deliver(memberEvent("added", { id: "zhang-back", operator: LEADER, people: [ZHANG] }))).toBe(200);
    const rows = await h.bot.db
      .select()
      .from(members)
      .where(and(eq(members.groupId, GROUP), eq(members.userId, ZHANG.openId)));
    expect(rows.map((m) => [m.active, m.leftOn])).toEqual([[true, null]]);
    expect(await absences(memberOf(ZHANG.openId))).toEqual([{ from: "2026-11-02", until: "2027-02-09" }]);
    // A member read afterwards (he is in the chat) writes no second span.
    await h.addBotToOffice();
    expect(await absences(memberOf(ZHANG.openId))).toHaveLength(1);
  });

  test("December and January are scored without him, as they were", async () => {
    for (const month of ["2026-12", "2027-01"]) expect(await peopleOf(month)).not.toContain(memberOf(ZHANG.openId));
    expect(await totals("2026-12")).toEqual(december);
    expect(await totals("2027-01")).toEqual(january);
    // Not one of January's workdays was due of him (all inside the time away).
    expect((await due("2027-01")).get(memberOf(ZHANG.openId))).toBe(0);
    // November, which began before he left, still has him; nothing was due of him from the 2nd.
    expect(await peopleOf("2026-11")).toContain(memberOf(ZHANG.openId));
    expect((await due("2026-11")).get(memberOf(ZHANG.openId))).toBe(0);
  });

  test("February has him from the day he was back: due the 10th and 11th, both on time → 82.00", async () => {
    await ask(ZHANG, "日报 回到综合办公室");
    h.clock.set("2027-02-11T02:00:00Z");
    await ask(ZHANG, "日报 整理档案");
    await ask(LEADER, "评分 @张三 业务 80");
    h.clock.set("2027-02-12T01:00:00Z");
    expect(await peopleOf("2027-02")).toContain(memberOf(ZHANG.openId));
    const feb = await due("2027-02");
    expect(feb.get(memberOf(ZHANG.openId))).toBe(2);
    expect(feb.get(memberOf(LEADER.openId))).toBe(7); // 1–4, 9, 10, 11
    // Hand-worked: 0.9 × 80 + 0.1 × 100 (2 of 2 days on time) = 82.
    expect(await totals("2027-02")).toEqual(expect.arrayContaining([[memberOf(ZHANG.openId), 82]]));
  });
});

describe("back in a department by the roster", () => {
  test("李四, moved to 财务科 in November, listed under 综合办公室 from 10 February: back on his row", async () => {
    h.clock.set("2027-02-10T03:00:00Z");
    const answer = await sendRoster(`姓名,部门,岗位,系数,生效日期\n${LI.name},${OFFICE.name},会计,1,2027-02-10\n`);
    expect(answer).toContain("花名册已导入");
    expect(answer).toContain("李四回到「综合办公室」（自 2027-02-10 起）");
    expect(answer).not.toContain("请先让他加入群");
    const [here] = await h.bot.db
      .select()
      .from(members)
      .where(eq(members.id, memberOf(LI.openId)));
    expect([here!.active, here!.leftOn, here!.movedTo]).toEqual([true, null, null]);
    expect(await absences(memberOf(LI.openId))).toEqual([{ from: "2026-11-01", until: "2027-02-09" }]);
    const [there] = await h.bot.db
      .select()
      .from(members)
      .where(eq(members.id, memberOf(LI.openId, FINANCE.chatId)));
    expect([there!.active, there!.leftOn, there!.movedTo]).toEqual([false, "2027-02-10", GROUP]);
    for (const month of ["2026-11", "2026-12", "2027-01"])
      expect(await peopleOf(month)).not.toContain(memberOf(LI.openId));
    expect(await peopleOf("2027-02")).toContain(memberOf(LI.openId));
    // Sent again: he is active there now, nothing more to do.
    expect(await sendRoster(`姓名,部门,岗位,系数,生效日期\n${LI.name},${OFFICE.name},会计,1,2027-02-10\n`)).toContain(
      "1 人没有变化",
    );
    expect(await absences(memberOf(LI.openId))).toHaveLength(1);
  });

  test("a name never in the group is still refused, in Chinese", async () => {
    const answer = await sendRoster(`姓名,部门,岗位,系数\n钱七,${OFFICE.name},会计,1\n`);
    expect(answer).toContain("花名册没有导入");
    expect(answer).toContain("「综合办公室」里没有「钱七」");
  });
});
