/**
 * Issue 14 items 3 and 4 end to end, through real signed and encrypted Lark events, the libSQL file and the Lark
 * mock: the office appraises two groups as units (篇9 line 183 「由考核领导班子延伸至领导班子成员」; 篇5 lines 95–96),
 * the unit's score becomes the group's 部门绩效 and decides the 流动红旗 (篇9 line 184), 乙村's cadres are scored
 * together with their village (捆绑考核, 篇6 line 117), and the year's pool is split in two levels (篇5 line 95).
 *
 * Worked by hand:
 *   乙村 (村 template, 4 × 25%): 90, 85, 80, 95 → 22.50 + 21.25 + 20.00 + 23.75 = 87.50.
 *   综合办公室 (机关单位, 5 × 20%): 80, 80, 80, 80, 85 → 16 × 4 + 17 = 81.00.
 *   乙村's cadres, 本村考核 40% (source "unit") + 民主测评 60%: 郑会计 0.4 × 87.5 + 0.6 × 95 = 92.00,
 *   冯主任 35 + 51 = 86.00.
 *   综合办公室 calibrated by its unit score: 81 ÷ (97 + 95) / 2 = 81 ÷ 96 = 0.84375 → 0.8438; 张三 97 × 0.8438 = 81.85.
 *   Pool 100,000.00 yuan: 乙村 87.50 × 1.042 = 91.175 → 91.18, 综合办公室 81.00; Σ 172.18.
 *     乙村 10,000,000 × 9118 / 17218 = 5,295,620.86 → 5,295,621 (largest remainder); 综合办公室 4,704,379.
 *     乙村: 20% guaranteed = 1,059,124.2 → 1,059,124, 529,562 each; the rest 4,236,497 by 民主测评 95 : 85 →
 *     2,235,928.97 / 2,000,568.03 → 2,235,929 / 2,000,568; 郑会计 2,765,491 fen = 27,654.91 yuan.
 *     综合办公室 by the total, 97 : 95 → 2,376,691.47 / 2,327,687.53 → 2,376,691 / 2,327,688.
 *   工作量津贴 20 yuan a day (篇6 line 121): 郑会计 filed a daily record on 1 day in November → 20.00 yuan.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, departmentScores, unitPools, unitRatings, unitSchemes } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { addGroup, ask as askIn, type Person } from "../support/tenant-groups";
import { larkChatId, larkOpenId } from "../support/ids";

const LEADER = OFFICE.owner;
const [ZHANG, LI] = OFFICE.members as [Person, Person];
const VILLAGE = {
  chatId: larkChatId("village_yi"),
  name: "乙村",
  owner: { openId: larkOpenId("wu_head"), name: "吴村长" },
  members: [
    { openId: larkOpenId("zheng_acct"), name: "郑会计" },
    { openId: larkOpenId("feng_dir"), name: "冯主任" },
    LEADER,
  ],
};
const [ZHENG, FENG] = VILLAGE.members as [Person, Person];
const PEOPLE: Person[] = [LEADER, ZHANG, LI, VILLAGE.owner, ZHENG, FENG];

const OFFICE_SCHEME = {
  name: "统一方案",
  dimensions: [{ key: "work", name: "业务", weight: 100 }],
  departmentCalibration: true,
  rankingVisibility: "full",
};
const CADRE_SCHEME = {
  name: "村干部捆绑考核",
  dimensions: [
    { key: "unit", name: "本村考核", weight: 40, source: "unit" },
    { key: "mz", name: "民主测评", weight: 60 },
  ],
  departmentCalibration: true,
  rankingVisibility: "full",
};
const VILLAGE_UNIT = {
  name: "镇对村考核",
  dimensions: [
    { key: "economy", name: "经济发展", weight: 25 },
    { key: "society", name: "社会管理", weight: 25 },
    { key: "party", name: "党的建设", weight: 25 },
    { key: "stability", name: "社会稳定", weight: 25 },
  ],
  coefficient: 1.042,
  pay: { basis: "mz", basePct: 20, allowancePerDay: 20 },
};

let h: Harness;
const ask = (from: Person, text: string, chatId = OFFICE.chatId) => askIn(h, PEOPLE, from, text, chatId);
const inVillage = (from: Person, text: string) => ask(from, text, VILLAGE.chatId);

beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-20T02:00:00Z" });
  await h.addBotToOffice();
  await addGroup(h, VILLAGE);
  // The first leader to use 设置 in an organisation without an admin becomes its admin (the office).
  expect(await ask(LEADER, "设置 提醒时间 17:30")).toContain("管理员");
  await ask(LEADER, `方案 导入 ${JSON.stringify(OFFICE_SCHEME)}`);
  await inVillage(LEADER, `方案 导入 ${JSON.stringify(CADRE_SCHEME)}`);
});
afterAll(() => h.close());

describe("units appraised by the office (issue 14 item 3)", () => {
  test("only the office sets a unit scheme or rates a unit; anyone reads them", async () => {
    expect(await ask(ZHANG, "单位方案 使用 村")).toContain("只有管理员可以操作");
    expect(await inVillage(VILLAGE.owner, "单位评分 经济发展 90")).toContain("只有管理员可以操作");
    expect(await inVillage(ZHENG, "单位方案")).toContain("还没有作为单位接受考核");
    expect(await inVillage(ZHENG, "单位方案 模板")).toContain("篇5 第98行");
  });

  test("bad input gets a clear answer and saves nothing", async () => {
    expect(await inVillage(LEADER, '单位方案 {"name":"村"')).toContain("JSON 不完整");
    const weights = await inVillage(
      LEADER,
      '单位方案 {"name":"村","dimensions":[{"key":"a","name":"经济发展","weight":60},{"key":"b","name":"党建","weight":30}]}',
    );
    expect(weights).toContain("权重之和须为 100（当前 90）");
    // A unit's items have no 加分/扣分 (篇5 第95行's 20% cap has nothing to apply to): a cap is refused, not kept idle.
    const capped = await inVillage(
      LEADER,
      '单位方案 {"name":"村","dimensions":[{"key":"a","name":"经济发展","weight":100,"bonusCapPct":20}]}',
    );
    expect(capped).toContain("单位方案的指标没有加分、扣分（各项由管理员按 0–100 评分），不能设 bonusCapPct");
    expect(await inVillage(LEADER, "单位方案 使用 医院")).toContain("没有这个模板");
    expect(await inVillage(LEADER, "单位评分 经济发展 90")).toContain("本群没有单位方案");
    expect(await h.bot.db.select().from(unitSchemes)).toHaveLength(0);
  });

  test("the office sets both units' schemes; a group's 方案 binds its cadres to the village (捆绑考核)", async () => {
    expect(await inVillage(LEADER, `单位方案 ${JSON.stringify(VILLAGE_UNIT)}`)).toContain("第 1 版");
    expect(await ask(LEADER, "单位方案 使用 机关单位")).toContain("镇对单位考核");
    expect(await inVillage(ZHENG, "单位方案")).toContain("规模系数：1.042");
    expect(await inVillage(ZHENG, "方案")).toContain("取本单位考核得分（捆绑考核）");
  });

  test("单位评分: a score out of range or an unknown item is refused; a partial unit is not yet a 部门绩效", async () => {
    expect(await inVillage(LEADER, "单位评分 经济发展 120")).toContain("0–100");
    expect(await inVillage(LEADER, "单位评分 招商引资 90")).toContain("没有这个指标");
    // 「+5」 was stored as a score of 5 out of 100.
    expect(await inVillage(LEADER, "单位评分 经济发展 +5")).toContain("单位评分是该项的得分（0–100），不是加分或扣分");
    expect(await inVillage(LEADER, "单位评分 加分 经济发展 5")).toContain("单位方案没有加分、扣分项");
    expect(await h.bot.db.select().from(unitRatings)).toHaveLength(0);
    const partial = await inVillage(LEADER, "单位评分 经济发展 90 完成全年招商任务");
    expect(partial).toContain("经济发展（25%）：90.00 × 25% = 22.50");
    expect(partial).toContain("未评完（已评 1/4 项）");
    expect(await inVillage(ZHENG, "单位排名")).toContain("乙村：未评完（1/4 项）");
    const typed = await inVillage(LEADER, "设置 部门绩效 70");
    expect(typed).toContain("单位尚未评完（已评 1/4 项），评完后以单位得分为部门绩效");
    expect(typed).toContain("输入的分数未保存");
  });

  test("fully rated: 乙村 87.50 and 综合办公室 81.00, 乙村 holds the 流动红旗", async () => {
    for (const [item, score] of [
      ["社会管理", 85],
      ["党的建设", 80],
      ["stability", 95],
    ] as const)
      await inVillage(LEADER, `单位评分 ${item} ${score}`);
    for (const [item, score] of [
      ["联村工作", 80],
      ["业务工作", 80],
      ["单位管理", 80],
      ["党的建设", 80],
    ] as const)
      await ask(LEADER, `单位评分 ${item} ${score}`);
    const last = await ask(LEADER, "单位评分 对外宣传 85 本月");
    expect(last).toContain("单位得分：16.00 + 16.00 + 16.00 + 16.00 + 17.00 = 81.00 分");
    const standing = await ask(ZHANG, "单位排名");
    expect(standing).toContain("1. 乙村　87.50 分　🚩 流动红旗");
    expect(standing).toContain("2. 综合办公室　81.00 分");
    const audited = (await h.bot.db.select().from(auditLog)).filter((a) => a.action === "unit.rating");
    expect(audited).toHaveLength(9);
    expect((await h.bot.db.select().from(unitRatings)).every((r) => r.raterUserId === LEADER.openId)).toBe(true);
  });

  test("捆绑考核: a cadre's total takes 40% from the village's score", async () => {
    await inVillage(VILLAGE.owner, `评分 @${ZHENG.name} 民主测评 95`);
    await inVillage(VILLAGE.owner, `评分 @${FENG.name} 民主测评 85`);
    const mine = await inVillage(ZHENG, "成绩");
    expect(mine).toContain("92.00");
    expect(mine).toContain("本村考核");
    expect(await inVillage(FENG, "成绩")).toContain("86.00");
  });

  test("部门绩效 is the unit's score: 综合办公室's people are calibrated by 81", async () => {
    await ask(LEADER, `评分 @${ZHANG.name} 业务 97`);
    await ask(LEADER, `评分 @${LI.name} 业务 95`);
    expect(await ask(ZHANG, "成绩")).toContain(
      "部门绩效校正：系数 = 部门绩效 81 ÷ 本群平均 96.00 = 0.8438；校正后 = 97.00 × 0.8438 = 81.85 分",
    );
  });

  test("设置 部门绩效 for a group appraised as a unit is refused, naming the unit's score used instead", async () => {
    const before = await h.bot.db.select().from(departmentScores);
    const answer = await ask(LEADER, "设置 部门绩效 60");
    expect(answer).toContain("按单位方案考核");
    expect(answer).toContain("部门绩效取单位得分 81.00 分");
    expect(answer).toContain("单位评分");
    expect(await h.bot.db.select().from(departmentScores)).toEqual(before);
    // Still calibrated by the unit's 81, not by the 60 typed.
    expect(await ask(ZHANG, "成绩")).toContain("部门绩效 81 ÷ 本群平均 96.00");
    // A month the unit scheme did not cover yet (before it was set) takes the typed figure as ever.
    expect(await ask(LEADER, "设置 部门绩效 88 2026-10")).toContain("2026-10 的部门绩效：88 分");
  });

  test("the monthly broadcast names the unit that holds the 流动红旗, by its unit score", async () => {
    // A daily record on a workday in November: the 工作量津贴 below counts it.
    await inVillage(ZHENG, "日报 走访脱贫户三户，整理台账");
    await h.bot.runJobs(new Date("2026-12-01T01:05:00Z"));
    await h.bot.idle();
    const office = h.lark.mock
      .sentMessages({ chatId: OFFICE.chatId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("11 月考核排名"))!;
    expect(office).toContain("本月流动红旗：乙村（单位得分 87.50 分）");
    const village = h.lark.mock
      .sentMessages({ chatId: VILLAGE.chatId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("11 月考核排名"))!;
    expect(village).toContain("本月流动红旗：本群（单位得分 87.50 分）");
  });
});

describe("two-level pay (issue 14 item 4)", () => {
  test("only the office sets the pool; a bad amount is refused", async () => {
    expect(await ask(ZHANG, "两级分配 2026 奖金池 100000")).toContain("只有管理员可以操作");
    expect(await ask(LEADER, "两级分配 2026 奖金池 -5")).toContain("奖金池须是大于 0 的金额");
    expect(await ask(ZHANG, "两级分配 2026")).toContain("2026 年还没有设置两级分配奖金池");
    expect(await h.bot.db.select().from(unitPools)).toHaveLength(0);
  });

  test("the office sets 100,000 yuan and sees each unit's share; a cadre sees their own lines", async () => {
    // 综合办公室's unit scheme gains pay options (by the total), as a new version in force from now on.
    const officeUnit = {
      name: "镇对单位考核",
      dimensions: [
        { key: "village", name: "联村工作", weight: 20 },
        { key: "business", name: "业务工作", weight: 20 },
        { key: "management", name: "单位管理", weight: 20 },
        { key: "party", name: "党的建设", weight: 20 },
        { key: "publicity", name: "对外宣传", weight: 20 },
      ],
      pay: { basis: "total" },
    };
    expect(await ask(LEADER, `单位方案 ${JSON.stringify(officeUnit)}`)).toContain("第 2 版");
    const set = await ask(LEADER, "两级分配 2026 奖金池 100000");
    expect(set).toContain("已设置 2026 年两级分配奖金池 100000.00 元");
    expect(set).toContain("乙村：87.50 分 × 1.042 = 91.18 → 52956.21 元（2 人）");
    expect(set).toContain("综合办公室：81.00 分 × 1 = 81.00 → 47043.79 元（2 人）");
    const mine = await inVillage(ZHENG, "两级分配 2026");
    expect(mine).toContain("保底（兼顾群体）：52956.21 × 20% = 10591.24 元，2 人平分，本人 5295.62 元");
    expect(mine).toContain("第二级：其余 42364.97 元 ÷ 本单位民主测评之和 180.00 × 本人民主测评 95.00 = 22359.29 元");
    expect(mine).toContain("两级分配合计：27654.91 元");
    expect(mine).toContain("工作量津贴（按月发放）：11月 1 天，共 1 天 × 20 元 = 20.00 元");
    expect(mine).not.toContain("综合办公室：");
  });

  test("the year's report card explains the pay; 导出 2026 has the 单位考核 and 两级分配 sheets, to the fen", async () => {
    await h.bot.runJobs(new Date("2027-01-04T01:05:00Z"));
    await h.bot.idle();
    const card = h.lark.mock
      .sentMessages({ openId: ZHENG.openId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("2026 年度成绩单"))!;
    expect(card).toContain("两级分配合计：27654.91 元");
    expect(card).toContain("第一级：奖金池 100000.00 元");
    // The unit's own 成绩单 for the quarter, to its group (篇9 line 185 「给每个地方和单位发一份绩考成绩单」).
    const unitCard = h.lark.mock
      .sentMessages({ chatId: VILLAGE.chatId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("第四季度单位成绩单 · 乙村"))!;
    expect(unitCard).toContain("单位得分 **87.50**（已评完月份的平均）　第 1 / 2 名　🚩 流动红旗 11月");
    expect(unitCard).toContain("社会稳定（25%）：95.00 × 25% = 23.75");

    const before = h.lark.mock.sentMessages().filter((m) => m.msgType === "file").length;
    await ask(LEADER, "导出 2026");
    const files = await h.lark.mock.waitForMessages((m) => m.sender.type === "app" && m.msgType === "file", {
      count: before + 1,
    });
    const key = (files.at(-1)!.parsed as { file_key: string }).file_key;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(h.lark.mock.store.files.get(key)!.bytes) as never);
    const units = wb.getWorksheet("单位考核")!;
    const unitRows = [...Array(units.rowCount).keys()].map((i) => (units.getRow(i + 1).values as unknown[]).slice(1));
    expect(unitRows).toContainEqual(expect.arrayContaining(["乙村", "2026-11", 87.5, 1, "流动红旗"]));
    expect(unitRows).toContainEqual(expect.arrayContaining(["综合办公室", "2026-11", 81, 2, "已评完"]));
    const pay = wb.getWorksheet("两级分配")!;
    const payRows = [...Array(pay.rowCount).keys()]
      .slice(1)
      .map((i) => (pay.getRow(i + 1).values as unknown[]).slice(1));
    const byName = new Map(payRows.map((r) => [r[4], r]));
    expect(byName.get("郑会计")!.slice(0, 12)).toEqual([
      "乙村",
      87.5,
      1.042,
      52956.21,
      "郑会计",
      5295.62,
      "民主测评",
      95,
      22359.29,
      27654.91,
      1,
      20,
    ]);
    expect(byName.get("张三")![9]).toBe(23766.91);
    expect(byName.get("李四")![9]).toBe(23276.88);
    const total = payRows.reduce((n, r) => n + Math.round(Number(r[9]) * 100), 0);
    expect(total).toBe(10_000_000);
  });
});
