import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, goals } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { approveClaim, ask as askIn, type Person } from "../support/tenant-groups";
import { groupIdFor, memberIdFor } from "../../src/db/ids";

/**
 * 目标 through the real bot: a leader sets targets per person (several at
 * once: 分解) and for the group, under a dimension or not; tagged daily
 * records and approved claims count; 目标 shows the completion rates.
 */
const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
const PEOPLE: Person[] = [LEADER, ZHANG, LI];

let h: Harness;
const ask = (from: Person, text: string) => askIn(h, PEOPLE, from, text, OFFICE.chatId);

beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-20T02:00:00Z" });
  await h.addBotToOffice();
});
afterAll(() => h.close());

describe("targets (目标)", () => {
  test("staff cannot set a target; a target without a planned number is refused", async () => {
    expect(await ask(ZHANG, "目标 @李四 业务 完成12个项目")).toContain("只有负责人");
    expect(await ask(LEADER, "目标 @张三 业务 把工作做好")).toContain("没有计划数");
    expect(await ask(LEADER, "目标 @王五 业务 完成3个")).toContain("群里没有「王五」");
    expect(await h.bot.db.select().from(goals)).toHaveLength(0);
  });

  test("a leader sets one per person and one for the group; each is numbered and logged", async () => {
    const one = await ask(LEADER, "目标 @张三 @李四 业务 完成12个项目");
    expect(one).toContain("目标1 · 张三 ·【单位业务】 完成12个项目（2026-Q4）：计划 12个项目");
    expect(one).toContain("目标2 · 李四");
    const group = await ask(LEADER, "目标 全年 新增学位1945个");
    expect(group).toContain("目标3 · 全体 新增学位1945个（2026）");
    const rows = await h.bot.db.select().from(goals);
    expect(
      rows.map((g) => [
        g.seq,
        g.period,
        g.dimension,
        g.planned,
        g.unit,
        g.memberId === null ? null : g.memberId === memberIdFor(groupIdFor("lark", OFFICE.chatId), ZHANG.openId),
      ]),
    ).toEqual([
      [1, "2026-Q4", "business", 12, "个项目", true],
      [2, "2026-Q4", "business", 12, "个项目", false],
      [3, "2026", null, 1945, "个", null],
    ]);
    expect((await h.bot.db.select().from(auditLog)).filter((a) => a.action === "goal.set")).toHaveLength(3);
  });

  test("tagged records count toward the person's own target and the group's", async () => {
    await ask(ZHANG, "日报 完成城东两个项目验收 #目标1 +2 #目标3 +900");
    await ask(ZHANG, "日报 完成城西项目 #目标1");
    // 李四's tag for 张三's target does not count: it is not his.
    await ask(LI, "日报 帮忙整理项目资料 #目标1 +5");
    await ask(LI, "日报 新建学校交付 #目标3 +1168");
    const card = await ask(LI, "目标");
    expect(card).toContain("目标完成情况 · 2026-11");
    expect(card).toMatch(
      /"seq":"目标1","who":"张三","goal":"【单位业务】完成12个项目（2026-Q4）","planned":12,"done":3,"rate":"25.00%"/,
    );
    expect(card).toMatch(/"seq":"目标2","who":"李四".*?"done":0,"rate":"0.00%"/);
    // 900 + 1168 = 2068 of 1945: over the plan, as the source material reports it.
    expect(card).toMatch(/"seq":"目标3","who":"全体".*?"planned":1945,"done":2068,"rate":"106.32%"/);
  });

  test("an approved claim tagged for the target counts; a pending one does not", async () => {
    await ask(LI, "申报 加分 业务 2 牵头完成城北项目 #目标2 +4");
    let card = await ask(LI, "目标");
    expect(card).toMatch(/"seq":"目标2".*?"done":0,/);
    const res = await approveClaim(h, LEADER, "城北项目");
    expect(res.status).toBe(200);
    card = await ask(LI, "目标");
    expect(card).toMatch(/"seq":"目标2".*?"done":4,"rate":"33.33%"/);
  });

  test("a withdrawn record stops counting; a cancelled target disappears", async () => {
    const before = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length;
    await h.say(ZHANG.openId, "日报 又完成一个项目 #目标1");
    const [receipt] = await h.lark.mock.waitForMessages(
      (m) => m.sender.type === "app" && h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).indexOf(m) >= before,
    );
    expect(await ask(ZHANG, "目标")).toMatch(/"seq":"目标1".*?"done":4,/);
    const id = (JSON.stringify(receipt!.parsed).match(/"id":"(rec_[^"]+)"/) ?? [])[1];
    expect((await h.click(ZHANG.openId, { a: "record.withdraw", id }, receipt!.messageId)).status).toBe(200);
    expect(await ask(ZHANG, "目标")).toMatch(/"seq":"目标1".*?"done":3,/);
    expect(await ask(LEADER, "目标 取消 2")).toContain("已取消目标");
    expect(await ask(LEADER, "目标 取消 2")).toContain("没有目标2");
    const card = await ask(ZHANG, "目标");
    expect(card).not.toContain("目标2");
    expect(card).toContain("目标1");
  });

  test("a period can be asked for; another quarter has none of these", async () => {
    expect(await ask(ZHANG, "目标 2026")).toContain("目标3");
    const next = await ask(ZHANG, "目标 2027-Q1");
    expect(next).toContain("这个时段还没有目标");
  });

  test("the office (an admin) sets targets even where it is not a leader", async () => {
    await ask(LEADER, "设置 管理员 @李四"); // 李主任 becomes the first admin, then appoints 李四
    const answer = await ask(LI, "目标 @张三 全年 完成24942万元投资");
    expect(answer).toContain("已设目标");
    expect(answer).toContain("计划 24942万元");
  });
});
