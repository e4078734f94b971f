/**
 * Issue 13 through chat: a scheme imported now follows the seed reports' rules (篇5, lines as cited), and 方案,
 * 成绩, 排名, the year's report card and 导出 all show the same hand-worked figures.
 */
import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { members, schemes } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { officeChat } from "../support/office-chat";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;

/** 镇对村 (篇5 line 95) with the 驻镇单位 way of grading (line 98): no `rules` field, so it is saved with rules 2. */
const VILLAGE = {
  name: "镇对村考核",
  coefficient: "pay",
  dimensions: [
    { key: "economy", name: "经济发展", weight: 25, bonusCapPct: 20 },
    { key: "governance", name: "社会管理", weight: 25, bonusCapPct: 20 },
    { key: "party", name: "党的建设", weight: 25, bonusCapPct: 20 },
    { key: "stability", name: "社会稳定", weight: 25, bonusCapPct: 20 },
  ],
  extraCap: 3,
  grades: [{ name: "优秀", quota: 1 }, { name: "良好" }],
  prizes: [900, 600, 300],
  annualPool: 10000,
  rankingVisibility: "full",
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-02T02:00:00Z" });
  await h.addBotToOffice();
});
afterAll(() => h.close());

const { ask } = officeChat(() => h);

describe("the seed rules in chat (issue 13)", () => {
  test("方案 导入 saves a new scheme with the seed rules, and 方案 explains each rule in plain Chinese", async () => {
    // Item 8: a rater group nothing records (第三方 30%) is refused with the reason, nothing saved.
    const unrecorded = await ask(
      LEADER,
      `方案 导入 ${JSON.stringify({ ...VILLAGE, raters: { leader: 70, third_party: 30 } })}`,
    );
    expect(unrecorded).toContain("方案有误");
    // The card's markdown escapes the underscore.
    expect(unrecorded).toContain("评价主体「第三方」（third\\\\_party）目前没有任何途径录入评分");
    expect(await h.bot.db.select().from(schemes)).toHaveLength(0);
    expect(await ask(LEADER, `方案 导入 ${JSON.stringify(VILLAGE)}`)).toContain("第 1 版");
    const [row] = await h.bot.db.select().from(schemes);
    expect((row!.json as { rules?: number }).rules).toBe(2);
    const text = await ask(ZHANG, "方案");
    expect(text).toContain("按考核材料（篇5、篇6、篇9）的规则计分");
    // 篇5 line 95: the coefficient is in the pay formula only.
    // (The card's markdown escapes the brackets of "Σ(总分 × 系数)".)
    expect(text).toContain("不改变得分、名次和等次，只用于分配奖金：奖金池 ÷ Σ");
    expect(text).toContain("× 本人总分 × 系数（篇5）");
    expect(text).toContain("经济发展最多加 5 分（该项 25 分的 20%）");
    // 篇5 line 99.
    expect(text).toContain("国家级 +5、省级 +3、市级 +2、县级 +1，直接计入总分，不受附加分上限限制；附加分最多 3 分");
    // 篇5 line 98.
    expect(text).toContain("优秀（1 名）、良好（不限名额）。按名次从高到低确定");
    // 篇5 line 101.
    expect(text).toContain("第1名 900 元、第2名 600 元、第3名 300 元，只按年度结果发一次");
  });

  test("成绩 and 排名: 82 + a national award 5 = 87.00 stays on the 100-point scale; 89 is first and 优秀", async () => {
    for (const dim of ["经济发展", "社会管理", "党的建设", "社会稳定"]) {
      expect(await ask(LEADER, `评分 @张三 ${dim} 82`)).toContain("已评分");
      expect(await ask(LEADER, `评分 @李四 ${dim} 89`)).toContain("已评分");
    }
    const award = await ask(LEADER, "奖励 @张三 国家级 获评全国文明村");
    expect(award).toContain("+5");
    expect(award).toContain("奖励分直接计入总分，不受附加分上限限制");
    // 大岭村 (张三's) has over 2,000 people: 篇5 line 95's 1.083.
    await h.bot.db.update(members).set({ coefficient: 1.083 }).where(eq(members.userId, ZHANG.openId));

    const zhang = await ask(ZHANG, "成绩");
    // Rules 1 would show (82 + min(5, 3)) × 1.083 = 92.06 and first place.
    expect(zhang).toContain("87.00 分");
    expect(zhang).toContain("第 2 / 2 名");
    expect(zhang).not.toContain("92.06");
    const li = await ask(LI, "成绩");
    expect(li).toContain("89.00 分");
    expect(li).toContain("第 1 / 2 名");
    expect(li).toContain("优秀"); // first place with 89: no invented 90 minimum
    expect(li).not.toContain("名次奖"); // a month pays no place prize: the year does (篇5 line 101)
    const ranking = await ask(ZHANG, "排名");
    expect(ranking.indexOf("李四")).toBeLessThan(ranking.indexOf("张三"));
    expect(ranking).toContain("87.00");
  });

  test("the year's report card pays 900/600 once and splits 10,000 by total × coefficient", async () => {
    const runs = await h.bot.runJobs(new Date("2027-01-04T01:05:00Z"));
    expect(runs.find((r) => r.kind === "annual-summary")?.queued).toBeGreaterThan(0);
    await h.bot.idle();
    const card = (openId: string) =>
      h.lark.mock
        .sentMessages({ openId })
        .map((m) => JSON.stringify(m.parsed))
        .find((c) => c.includes("2026 年度成绩单"))!;
    // Weighted: 87.00 × 1.083 = 94.221 → 94.22; Σ = 94.22 + 89.00 = 183.22.
    // 张三 1,000,000 fen × 9422 / 18322 = 514,245.17; 李四 × 8900 / 18322 = 485,754.83; the fen left → 李四.
    expect(card(ZHANG.openId)).toContain("87.00 分");
    expect(card(ZHANG.openId)).toContain("绩效奖金 5142.45 元");
    expect(card(LI.openId)).toContain("绩效奖金 4857.55 元");
    expect(card(LI.openId)).toContain("900");
  });

  test("导出 2026: the workbook holds the same figures", async () => {
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
    const rowOf = (name: string) =>
      [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => r.getCell(2).value === name)!;
    const cell = (name: string, column: string) => rowOf(name).getCell(header.indexOf(column) + 1).value;
    expect([cell("张三", "系数"), cell("张三", "总分"), cell("张三", "组内名次"), cell("张三", "等次")]).toEqual([
      1.083,
      87,
      2,
      "良好",
    ]);
    expect([cell("李四", "总分"), cell("李四", "等次"), cell("李四", "名次奖（元）")]).toEqual([89, "优秀", 900]);
    expect([cell("张三", "绩效工资（元）"), cell("李四", "绩效工资（元）")]).toEqual([5142.45, 4857.55]);
  });
});
