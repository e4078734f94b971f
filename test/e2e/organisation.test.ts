import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, departmentScores } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { addGroup, ask as askIn, type Person } from "../support/tenant-groups";
import { larkChatId, larkOpenId } from "../support/ids";
import { groupIdFor } from "../../src/db/ids";

/**
 * One organisation, two groups, through the real bot: the lenient 综合办公室
 * rates 97 / 95 / 93, the strict 财务科 88 / 82. With calibration on and the
 * office's 部门绩效 (88 and 90), 财务科 comes first in 部门排名, holds the
 * 流动红旗, and its 钱六 leads 全员排名 — the worked example of
 * test/domain/scoring/organisation.test.ts, end to end.
 */
const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
const WANG = { openId: larkOpenId("extra_0"), name: "成员0" };
const FINANCE = {
  chatId: larkChatId("finance"),
  name: "财务科",
  owner: { openId: larkOpenId("qian_lead"), name: "钱科长" },
  members: [
    { openId: larkOpenId("qian"), name: "钱六" },
    { openId: larkOpenId("sun"), name: "孙七" },
  ],
};
const PEOPLE: Person[] = [LEADER, ZHANG, LI, WANG, FINANCE.owner, ...FINANCE.members];
const SCHEME = {
  name: "统一方案",
  dimensions: [{ key: "work", name: "业务", weight: 100 }],
  departmentCalibration: true,
  rankingVisibility: "full",
};

let h: Harness;
const ask = (from: Person, text: string, chatId = OFFICE.chatId) => askIn(h, PEOPLE, from, text, chatId);

beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-20T02:00:00Z", memberCount: 1 });
  await h.addBotToOffice();
  await addGroup(h, FINANCE);
  await ask(LEADER, `方案 导入 ${JSON.stringify(SCHEME)}`);
  await ask(FINANCE.owner, `方案 导入 ${JSON.stringify(SCHEME)}`, FINANCE.chatId);
  for (const [who, score] of [
    [ZHANG, 97],
    [LI, 95],
    [WANG, 93],
  ] as const)
    await ask(LEADER, `评分 @${who.name} 业务 ${score}`);
  for (const [who, score] of [
    [FINANCE.members[0]!, 88],
    [FINANCE.members[1]!, 82],
  ] as const)
    await ask(FINANCE.owner, `评分 @${who.name} 业务 ${score}`, FINANCE.chatId);
});
afterAll(() => h.close());

describe("one organisation, many groups", () => {
  test("部门排名 before any 部门绩效: raw averages, the lenient group first", async () => {
    const card = await ask(ZHANG, "部门排名");
    expect(card).toContain("部门排名 · 2026 年 11 月");
    expect(card).toMatch(/流动红旗：\*\*综合办公室/);
    expect(card).toContain('"average":95');
    expect(card).toContain('"average":85');
  });

  test("only the office sets 部门绩效 and sees 全员排名", async () => {
    // Nobody is admin yet: the office leader configuring first becomes it.
    expect(await ask(FINANCE.members[0]!, "设置 部门绩效 99", FINANCE.chatId)).toContain("只有管理员");
    expect(await ask(LEADER, "设置 部门绩效 88")).toContain("已成为本组织的管理员");
    expect(await ask(FINANCE.owner, "设置 部门绩效 99", FINANCE.chatId)).toContain("只有管理员");
    expect(await ask(FINANCE.owner, "全员排名", FINANCE.chatId)).toContain("只有管理员");
    expect(await ask(LEADER, "设置 部门绩效 101")).toContain("0–100");
    // The admin sets the finance group's score from inside that group.
    expect(await ask(LEADER, "设置 部门绩效 90", FINANCE.chatId)).toContain("财务科 2026-11 的部门绩效：90 分");
    const stored = (await h.bot.db.select().from(departmentScores)).map((r) => [r.groupId, r.period, r.score]).sort();
    expect(stored).toEqual(
      [
        [groupIdFor("lark", FINANCE.chatId), "2026-11", 90],
        [groupIdFor("lark", OFFICE.chatId), "2026-11", 88],
      ].sort(),
    );
    expect((await h.bot.db.select().from(auditLog)).filter((a) => a.action === "department.score")).toHaveLength(2);
  });

  test("全员排名: everyone across both groups, calibrated", async () => {
    const card = await ask(LEADER, "全员排名");
    const rows = [
      ...card.matchAll(/\{"rank":(\d+),"name":"([^"]+)","group":"([^"]+)","raw":([\d.]+),"total":([\d.]+)\}/g),
    ].map((m) => [Number(m[1]), m[2], m[3], Number(m[4]), Number(m[5])]);
    expect(rows).toEqual([
      [1, "钱六", "财务科", 88, 93.17],
      [2, "张三", "综合办公室", 97, 89.85],
      [3, "李四", "综合办公室", 95, 88],
      [4, "孙七", "财务科", 82, 86.82],
      [5, "成员0", "综合办公室", 93, 86.15],
    ]);
    expect(card).toContain("部门绩效 ÷ 本群平均分");
  });

  test("部门排名 after calibration: the strict group holds the red flag", async () => {
    const card = await ask(ZHANG, "部门排名");
    expect(card).toMatch(/流动红旗：\*\*财务科/);
    expect(card).toContain("部门绩效 90 ÷ 平均 85.00 = ×1.0588");
    expect(card).toContain("部门绩效 88 ÷ 平均 95.00 = ×0.9263");
  });

  test("the monthly broadcast's 流动红旗 uses the same comparison", async () => {
    await h.bot.runJobs(new Date("2026-12-01T01:05:00Z"));
    await h.bot.idle();
    const office = h.lark.mock
      .sentMessages({ chatId: OFFICE.chatId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("11 月考核排名"))!;
    expect(office).toContain("本月流动红旗：财务科");
    const finance = h.lark.mock
      .sentMessages({ chatId: FINANCE.chatId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("11 月考核排名"))!;
    expect(finance).toContain("本月流动红旗：本群");
  });

  test("成绩 explains the calibration under the total", async () => {
    const card = await ask(ZHANG, "成绩");
    expect(card).toContain(
      "部门绩效校正：系数 = 部门绩效 88 ÷ 本群平均 95.00 = 0.9263；校正后 = 97.00 × 0.9263 = 89.85 分",
    );
  });

  test("the quarter's report card explains the method", async () => {
    await h.bot.runJobs(new Date("2027-01-04T01:05:00Z"));
    await h.bot.idle();
    const report = h.lark.mock
      .sentMessages({ openId: FINANCE.members[1]!.openId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("第四季度成绩单"))!;
    // 孙七: 82 in the strict group, × 1.0588.
    expect(report).toContain(
      "部门绩效校正：系数 = 部门绩效 90 ÷ 本群平均 85.00 = 1.0588；校正后 = 82.00 × 1.0588 = 86.82 分",
    );
    expect(report).toContain("群内名次不变");
  });

  test("the organisation's answer comes after Lark's acknowledgement, as a reply, once per message", async () => {
    const messageId = h.userMessage(ZHANG.openId, "部门排名");
    const first = await h.say(ZHANG.openId, "部门排名", { messageId, eventId: "ev_dept_1" });
    const again = await h.say(ZHANG.openId, "部门排名", { messageId, eventId: "ev_dept_2" }); // Lark redelivers
    expect([first.status, again.status]).toEqual([200, 200]);
    await h.bot.idle();
    const replies = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).filter((m) => m.parentId === messageId);
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]!.parsed)).toContain("部门排名 · 2026 年 11 月");
  });
});
