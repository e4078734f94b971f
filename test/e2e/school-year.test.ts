/**
 * Issue 14 item 6 end to end, the school year (篇6 line 115 「平时有记载、学期有测评、年终有考核」): real signed,
 * encrypted Lark events into the real webhook, the project's Lark mock, a real libSQL file. A leader applies the
 * 学校教师 template in September 2025, rates two teachers in September, October and March and gives each semester's
 * 测评 in January and July; the teachers ask 成绩 学期 and 成绩 学年, the 学期成绩单 goes out on 2 February 2026,
 * and 导出 2025-2026学年 gives the 第一学期, 第二学期 and 学年 sheets. Figures are worked by hand in the test names.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { officeChat } from "../support/office-chat";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2025-09-15T02:00:00Z" });
  await h.addBotToOffice();
});
afterAll(() => h.close());

const { ask, rate } = officeChat(() => h);

const all = (n: number) => ({ 师德师风: n, 日常教学工作: n, 教辅工作: n, 工作实绩: n });

/** The workbook 导出 sends privately, opened. */
async function exported(text: string): Promise<ExcelJS.Workbook> {
  const before = h.lark.mock.sentMessages().filter((m) => m.msgType === "file").length;
  expect(await ask(LEADER, text)).toContain("正在导出");
  const files = await h.lark.mock.waitForMessages((m) => m.sender.type === "app" && m.msgType === "file", {
    count: before + 1,
  });
  const key = (files.at(-1)!.parsed as { file_key: string }).file_key;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(h.lark.mock.store.files.get(key)!.bytes) as never);
  return wb;
}

/** A sheet as header → value rows, by name. */
function rowsOf(wb: ExcelJS.Workbook, sheet: string): Record<string, unknown>[] {
  const ws = wb.getWorksheet(sheet)!;
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  return [...Array(ws.rowCount - 1).keys()].map((i) => {
    const values = (ws.getRow(i + 2).values as unknown[]).slice(1);
    return Object.fromEntries(header.map((k, j) => [k, values[j] ?? null]));
  });
}

describe("学校教师: 学期 and 学年 (2025—2026学年)", () => {
  test("a scheme without a school year refuses 成绩 学期 in Chinese", async () => {
    const refused = await ask(ZHANG, "成绩 学期");
    expect(refused).toContain("本群方案没有学年");
    expect(refused).toContain("学校教师");
    expect(await ask(LEADER, "导出 2025-2026学年")).toContain("没有设学年的方案");
  });

  test("第一学期: 张三 0.8 × (77.90 + 81.00) / 2 + 0.2 × 80 = 79.56; 李四 0.8 × (72 + 63) / 2 + 0.2 × 70 = 68.00", async () => {
    expect(await ask(LEADER, "方案 使用 学校教师")).toContain("本群方案：学校教师");
    expect(await ask(ZHANG, "方案")).toContain("第一学期 9月—次年1月、第二学期 2—8月");
    // September: 18 + 25.5 + 8 + 26.4 = 77.90; 李四 0.9 × 80 = 72.00 (家长学生评价 10% not voted).
    await rate(ZHANG, { 师德师风: 90, 日常教学工作: 85, 教辅工作: 80, 工作实绩: 88 });
    await rate(LI, all(80));
    h.clock.set("2025-10-15T02:00:00Z");
    // October: 0.9 × 90 = 81.00; 李四 0.9 × 70 = 63.00.
    await rate(ZHANG, all(90));
    await rate(LI, all(70));
    h.clock.set("2026-01-20T02:00:00Z");
    // Before the 测评: the months alone, (77.90 + 81.00) / 2 = 79.45.
    expect(await ask(ZHANG, "成绩 学期")).toContain("79.45 分");
    expect(await ask(LEADER, "评分 @张三 第一学期测评 80")).toContain("计入2025—2026学年第一学期成绩（20%）和学年成绩");
    await rate(LI, { 第一学期测评: 70 });
    const mine = await ask(ZHANG, "成绩 学期");
    expect(mine).toContain("张三 · 2025—2026学年第一学期成绩");
    expect(mine).toContain("9月 77.90、10月 81.00");
    expect(mine).toContain("平时（各月平均）**：79.45 分，占 80%");
    expect(mine).toContain("第一学期测评**：80.00 分，占 20%");
    expect(mine).toContain("**79.56 分** · 名次 1 / 2");
    expect(mine).toContain("名次奖和年终绩效奖金仍按自然年度发");
    expect(await ask(LI, "成绩 第一学期")).toContain("**68.00 分** · 名次 2 / 2");
    // The month is the items alone, as before.
    expect(await ask(ZHANG, "成绩 10月")).toContain("81.00 分");
    // 排名 学期: the leader sees everyone; the template shows staff the top places and their own.
    const ranking = await ask(LEADER, "排名 学期");
    expect(ranking).toContain("2025—2026学年第一学期排名");
    expect(ranking).toContain('"total":79.56');
    expect(ranking).toContain('"total":68');
    expect(ranking).toContain("负责人视图：全部 2 人");
    expect(await ask(LI, "排名 第一学期")).toContain("我的名次：第 2 / 2 名，68.00 分");
    expect(await ask(ZHANG, "排名 10月")).toContain("10 月排名");
  });

  test("the 学期成绩单 goes out on the first workday of February, privately, with its parts", async () => {
    h.clock.set("2026-02-02T01:05:00Z");
    await h.bot.runJobs(new Date("2026-02-02T01:05:00Z"));
    await h.bot.idle();
    const card = (openId: string) =>
      h.lark.mock
        .sentMessages({ openId })
        .map((m) => JSON.stringify(m.parsed))
        .filter((c) => c.includes("2025—2026学年第一学期成绩单"));
    expect(card(ZHANG.openId)).toHaveLength(1);
    expect(card(ZHANG.openId)[0]).toContain("**79.56 分** · 名次 1 / 2");
    expect(card(ZHANG.openId)[0]).toContain("学期总分 = 平时 × 80% + 第一学期测评 × 20%");
    expect(card(LI.openId)[0]).toContain("**68.00 分** · 名次 2 / 2");
    const notice = h.lark.mock
      .sentMessages({ chatId: OFFICE.chatId })
      .map((m) => JSON.stringify(m.parsed))
      .filter((c) => c.includes("学期成绩单已私发给 2 位老师"));
    expect(notice).toHaveLength(1);
    // A later tick in February sends nothing again.
    await h.bot.runJobs(new Date("2026-02-03T02:00:00Z"));
    await h.bot.idle();
    expect(card(ZHANG.openId)).toHaveLength(1);
  });

  test("第二学期: 张三 0.8 × 72 + 0.2 × 90 = 75.60; 李四 0.8 × 81 + 0.2 × 60 = 76.80", async () => {
    h.clock.set("2026-03-10T02:00:00Z");
    await rate(ZHANG, all(80));
    await rate(LI, all(90));
    // A 第一学期测评 given in March is not 第一学期's: the leader is told, and no semester or school year counts it.
    expect(await ask(LEADER, "评分 @张三 第一学期测评 50")).toContain(
      "注意：现在是2025—2026学年第二学期，不是「第一学期测评」所属的学期",
    );
    h.clock.set("2026-07-06T02:00:00Z");
    await rate(ZHANG, { 第二学期测评: 90 });
    await rate(LI, { 第二学期测评: 60 });
    expect(await ask(ZHANG, "成绩 学期")).toContain("**75.60 分** · 名次 2 / 2");
    expect(await ask(LI, "score term")).toContain("**Total**: **76.80**");
  });

  test("the 学年: 张三 0.6 × (77.90 + 81 + 72) / 3 + 0.2 × 80 + 0.2 × 90 = 80.18; 李四 0.6 × 72 + 14 + 12 = 69.20", async () => {
    h.clock.set("2026-09-10T02:00:00Z");
    const year = await ask(ZHANG, "成绩 2025-2026学年");
    expect(year).toContain("张三 · 2025—2026学年成绩");
    expect(year).toContain("平时（各月平均）**：76.97 分，占 60%");
    expect(year).toContain("第二学期测评**：90.00 分，占 20%");
    expect(year).toContain("**80.18 分** · 名次 1 / 2");
    expect(await ask(LI, "成绩 上学年")).toContain("**69.20 分** · 名次 2 / 2");
  });

  test("导出 2025-2026学年: 第一学期, 第二学期 and 学年 sheets with the same figures", async () => {
    const wb = await exported("导出 2025-2026学年");
    expect(wb.worksheets.map((s) => s.name)).toEqual(["第一学期", "第二学期", "学年", "审计记录"]);
    const pick = (sheet: string) => rowsOf(wb, sheet).map((r) => [r["姓名"], r["总分"], r["组内名次"], r["参评人数"]]);
    expect(pick("第一学期")).toEqual([
      ["张三", 79.56, 1, 2],
      ["李四", 68, 2, 2],
    ]);
    expect(pick("第二学期")).toEqual([
      ["李四", 76.8, 1, 2],
      ["张三", 75.6, 2, 2],
    ]);
    expect(pick("学年")).toEqual([
      ["张三", 80.18, 1, 2],
      ["李四", 69.2, 2, 2],
    ]);
    const first = rowsOf(wb, "第一学期")[0]!;
    expect([first["9月总分"], first["10月总分"], first["平时（各月平均）"], first["第一学期测评"]]).toEqual([
      77.9, 81, 79.45, 80,
    ]);
    const semester = await exported("导出 2025-2026学年第二学期");
    expect(semester.worksheets.map((s) => s.name)).toEqual(["第二学期", "审计记录"]);
  });
});
