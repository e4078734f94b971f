/**
 * Issue 13 item 5, 篇9 line 193: 「市绩考办将组织一次半年综合管理评价考核，并按30%计入年底总评」. The review is its own
 * component: the leaders rate it with 评分 like an item, it stays out of the month's and quarter's scores, and the
 * year's total is 70% quarters + 30% review — on the year's report card and in 导出.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { officeChat } from "../support/office-chat";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;

const SCHEME = {
  name: "市直单位",
  dimensions: [{ key: "work", name: "本职工作", weight: 100 }],
  yearReviews: [{ key: "midyear", name: "半年综合管理评价", weight: 30 }],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-02T02:00:00Z" });
  await h.addBotToOffice();
});
afterAll(() => h.close());

const { ask } = officeChat(() => h);

describe("the half-year review as its own part of the year (篇9 line 193)", () => {
  test("方案 shows the review's 30% and the quarters' 17.5% each; 评分 rates the review apart from the month", async () => {
    expect(await ask(LEADER, `方案 导入 ${JSON.stringify(SCHEME)}`)).toContain("第 1 版");
    const scheme = await ask(ZHANG, "方案");
    expect(scheme).toContain(
      "一季度 17.5%、二季度 17.5%、三季度 17.5%、四季度 17.5%、半年综合管理评价 30%（单独评分）",
    );
    expect(await ask(LEADER, "评分 @张三 本职工作 80")).toContain("已评分");
    expect(await ask(LEADER, "评分 @李四 本职工作 90")).toContain("已评分");
    const review = await ask(LEADER, "评分 @张三 半年综合管理评价 70");
    expect(review).toContain("单独评分，按 30% 计入 2026 年度总分，不计入月度和季度成绩");
    expect(await ask(LEADER, "评分 @李四 半年综合管理评价 100")).toContain("按 30% 计入");
    // The month is the dimensions alone.
    expect(await ask(ZHANG, "成绩")).toContain("80.00 分");
  });

  test("the year: 张三 0.7 × 80 + 0.3 × 70 = 77.00, 李四 0.7 × 90 + 0.3 × 100 = 93.00; the card and 导出 agree", async () => {
    await h.bot.runJobs(new Date("2027-01-04T01:05:00Z"));
    await h.bot.idle();
    const card = (openId: string) =>
      h.lark.mock
        .sentMessages({ openId })
        .map((m) => JSON.stringify(m.parsed))
        .find((c) => c.includes("2026 年度成绩单"))!;
    expect(card(ZHANG.openId)).toContain("77.00 分");
    expect(card(ZHANG.openId)).toContain("半年综合管理评价");
    expect(card(LI.openId)).toContain("93.00 分");

    const before = h.lark.mock.sentMessages().filter((m) => m.msgType === "file").length;
    await ask(LEADER, "导出 2026");
    const files = await h.lark.mock.waitForMessages((m) => m.sender.type === "app" && m.msgType === "file", {
      count: before + 1,
    });
    const key = (files.at(-1)!.parsed as { file_key: string }).file_key;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(h.lark.mock.store.files.get(key)!.bytes) as never);
    const sheet = wb.getWorksheet("成绩汇总")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const row = [...Array(sheet.rowCount).keys()]
      .map((i) => sheet.getRow(i + 1))
      .find((r) => r.getCell(2).value === "张三")!;
    expect(row.getCell(header.indexOf("总分") + 1).value).toBe(77);
  });
});
