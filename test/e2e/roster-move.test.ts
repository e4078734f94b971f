import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { periodSource } from "../../src/app/period-data";
import { computeMonth } from "../../src/app/scores";
import { groupIdFor } from "../../src/db/ids";
import { auditLog, groups, members } from "../../src/db/schema";
import { APP, OFFICE, memberOf, startHarness, type Harness } from "../support/bot-harness";
import { larkChatId } from "../support/ids";
import { addGroup, ask as askIn, type Person } from "../support/tenant-groups";

/**
 * 岗变酬变 for departments (issue 13 item 6): the roster's 部门 names the group, so a row listing 张三
 * under 财务科 while he is staff in 综合办公室 moves him from the 生效日期 on. 综合办公室's October,
 * scored before the move, is unchanged after it; 财务科 scores him from November and not before.
 * Through the real webhook: the roster is a .csv sent to the bot in private.
 */
const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
const FINANCE = { chatId: larkChatId("finance"), name: "财务科", owner: LEADER, members: [ZHANG] };
const PEOPLE: Person[] = [LEADER, ...OFFICE.members];
const FINANCE_ID = groupIdFor("lark", FINANCE.chatId);
const SCHEME = { name: "科室考核", dimensions: [{ key: "business", name: "业务", weight: 100 }] };

let h: Harness;
const ask = (from: Person, text: string, chatId = OFFICE.chatId) => askIn(h, PEOPLE, from, text, chatId);

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

/** A group's month as the engine scores it: each scored person's id and total (the batched loader agrees). */
async function totals(chatId: string, month: string): Promise<[string, number][]> {
  const [group] = await h.bot.db.select().from(groups).where(eq(groups.chatId, chatId));
  const { result } = await computeMonth(h.bot.db, group!, month, h.clock.now());
  const batched = await periodSource(h.bot.db, [group!], [month], h.clock.now()).month(group!, month);
  const out = result.members.map((m): [string, number] => [m.id, m.total]);
  expect(batched.result.members.map((m) => [m.id, m.total])).toEqual(out);
  return out;
}

let octoberBefore: [string, number][];
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-10-08T02:00:00Z" });
  await h.addBotToOffice();
  await ask(LEADER, "设置 提醒时间 17:30"); // the owner configures first: the organisation's 管理员
  await ask(LEADER, `方案 导入 ${JSON.stringify(SCHEME)}`);
  await ask(LEADER, "评分 @张三 业务 88");
  await ask(LEADER, "评分 @李四 业务 80");
  h.clock.set("2026-11-02T02:00:00Z");
  octoberBefore = await totals(OFFICE.chatId, "2026-10");
  await addGroup(h, FINANCE);
  await ask(LEADER, `方案 导入 ${JSON.stringify(SCHEME)}`, FINANCE.chatId);
}, 60_000);
afterAll(() => h.close());

describe("a department move changes no past month (岗变酬变)", () => {
  test("moved to 财务科 from 1 November: 综合办公室's October keeps 张三 88.00, 李四 80.00", async () => {
    // Hand-worked: one dimension at 100%, coefficient 1 → each total is the leader's score.
    expect(octoberBefore).toEqual(
      expect.arrayContaining([
        [memberOf(ZHANG.openId), 88],
        [memberOf(LI.openId), 80],
      ]),
    );
    const answer = await sendRoster(`姓名,部门,岗位,系数,生效日期\n${ZHANG.name},${FINANCE.name},会计,1,2026-11-01\n`);
    expect(answer).toContain("花名册已导入");
    expect(answer).toContain("自 2026-11-01 起生效");
    expect(await totals(OFFICE.chatId, "2026-10")).toEqual(octoberBefore);
    const [moved] = await h.bot.db
      .select()
      .from(members)
      .where(eq(members.id, memberOf(ZHANG.openId)));
    expect([moved!.active, moved!.leftOn, moved!.movedTo]).toEqual([false, "2026-11-01", FINANCE_ID]);
    const audit = await h.bot.db.select().from(auditLog).where(eq(auditLog.action, "roster.move"));
    expect(audit).toHaveLength(1);
  });

  test("综合办公室's November is scored without 张三; 财务科's November with him, its October without", async () => {
    await ask(LEADER, "评分 @李四 业务 82");
    await ask(LEADER, "评分 @张三 业务 90", FINANCE.chatId);
    expect((await totals(OFFICE.chatId, "2026-11")).map(([id]) => id)).not.toContain(memberOf(ZHANG.openId));
    expect(await totals(OFFICE.chatId, "2026-11")).toEqual(expect.arrayContaining([[memberOf(LI.openId), 82]]));
    expect(await totals(FINANCE.chatId, "2026-11")).toEqual(
      expect.arrayContaining([[memberOf(ZHANG.openId, FINANCE.chatId), 90]]),
    );
    expect((await totals(FINANCE.chatId, "2026-10")).map(([id]) => id)).not.toContain(
      memberOf(ZHANG.openId, FINANCE.chatId),
    );
  });

  test("reading 综合办公室's members again (he is still in that chat) leaves the move in place", async () => {
    await h.addBotToOffice();
    const [moved] = await h.bot.db
      .select()
      .from(members)
      .where(eq(members.id, memberOf(ZHANG.openId)));
    expect(moved!.active).toBe(false);
    expect(await totals(OFFICE.chatId, "2026-10")).toEqual(octoberBefore);
  });

  test("someone who leaves the chat stays in the months that began before the day they left", async () => {
    const chat = h.lark.mock.store.chats.get(OFFICE.chatId)!;
    chat.members = chat.members.filter((id) => id !== LI.openId);
    await h.addBotToOffice(); // the bot reads the chat's members again
    const [gone] = await h.bot.db
      .select()
      .from(members)
      .where(eq(members.id, memberOf(LI.openId)));
    expect([gone!.active, gone!.leftOn, gone!.movedTo]).toEqual([false, "2026-11-02", null]);
    expect(await totals(OFFICE.chatId, "2026-10")).toEqual(octoberBefore);
    // He was there on 1 November: November still counts him (82, as rated).
    expect(await totals(OFFICE.chatId, "2026-11")).toEqual(expect.arrayContaining([[memberOf(LI.openId), 82]]));
  });
});
