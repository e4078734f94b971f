import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { goalPlans, goals } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { buttons } from "../support/card-buttons";
import { ask as askIn, type Person } from "../support/tenant-groups";

/**
 * Targets that score (issue 14 item 1), through real signed Lark events. The scheme binds 项目建设 (half of
 * 业务 60: a 30-point item) and 安全生产 (40) to targets. 张三 (a leader, not the office) sets 李四 a quarter's
 * target of 12 projects and the group a limit of 0 accidents for the year, and submits the 目标计划书; the office
 * (李主任) approves it and it is published to the group. In October (month 1 of Q4) 4 projects are due:
 * 李四 did 5 = 125% → 100 points and a bonus of 20% (capped) of the 30-point item = 6 points. One accident was
 * recorded against a limit of 0 → 安全生产 scores 100 − 20 = 80 for everyone (a group target).
 *   李四: 业务 = (100 + 80) / 2 = 90 → 54 + 6 bonus; 安全 80 → 32; total 92.
 *   张三 (no target of his own on 项目建设: rated 70 there, 90 on quality): 业务 80 → 48; 安全 32; total 80.
 */
const ADMIN = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
const PEOPLE: Person[] = [ADMIN, ZHANG, LI];
const SCHEME = {
  name: "目标责任制方案",
  dimensions: [
    {
      key: "business",
      name: "业务",
      weight: 60,
      children: [
        { key: "projects", name: "项目建设", weight: 50, source: "target" },
        { key: "quality", name: "工作质量", weight: 50 },
      ],
    },
    { key: "safety", name: "安全生产", weight: 40, source: "target", curve: { overStep: 20 } },
  ],
  rankingVisibility: "full",
};

let h: Harness;
const ask = (from: Person, text: string) => askIn(h, PEOPLE, from, text, OFFICE.chatId);

function planCard() {
  const card = h.lark.mock
    .sentMessages({ openId: ADMIN.openId })
    .filter((m) => JSON.stringify(m.parsed).includes("目标计划书"))
    .at(-1)!;
  return { message: card, text: JSON.stringify(card.parsed), buttons: buttons(card.parsed) };
}

beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-10-08T02:00:00Z" });
  await h.addBotToOffice();
  expect(await ask(ADMIN, `方案 导入 ${JSON.stringify(SCHEME)}`)).toContain("目标责任制方案");
  expect(await ask(ADMIN, "设置 提醒时间 17:30")).toContain("已成为本组织的管理员");
  expect(await ask(ADMIN, "设置 负责人 @张三")).toContain("负责人");
}, 60_000);
afterAll(() => h.close());

describe("targets bound to indicators score them (issue 14 item 1)", () => {
  test("a leader sets targets with owner, deadline and standard; a limit may be 0 (篇13 line 281)", async () => {
    const one = await ask(ZHANG, "目标 @李四 项目建设 完成12个项目 截止2026-12-31");
    expect(one).toContain("目标1 · 李四 ·【项目建设】 完成12个项目（2026-Q4）：计划 12个项目，2026-12-31 前");
    const two = await ask(ZHANG, "目标 安全生产 生产安全事故不超过0起 全年 标准 每起扣20分");
    expect(two).toContain("目标2 · 全体 ·【安全生产】 生产安全事故不超过0起（2026）：上限 0起，标准：每起扣20分");
    const rows = await h.bot.db.select().from(goals).orderBy(goals.seq);
    expect(rows.map((g) => [g.seq, g.direction, g.planned, g.deadline, g.standard, g.planId])).toEqual([
      [1, "at_least", 12, "2026-12-31", null, null],
      [2, "at_most", 0, null, "每起扣20分", null],
    ]);
  });

  test("staff cannot submit a plan; the leader's 目标计划书 goes to the office with the curve as the standard", async () => {
    expect(await ask(LI, "目标计划书")).toContain("只有负责人可以提交");
    const answer = await ask(ZHANG, "目标计划书 本年");
    expect(answer).toContain("目标计划书已提交（第 1 号）");
    await h.bot.idle();
    const { text, buttons: b } = planCard();
    expect(text).toContain("张三 提交第 1 号目标计划书");
    expect(text).toContain(
      "目标1 · 李四 · 【项目建设】完成12个项目 · 2026-12-31 前 · 完成率≥100% 得满分，超额每 1% 加该项分值的 1%（至多 20%）",
    );
    expect(text).toContain("目标2 · 全体 · 【安全生产】生产安全事故不超过0起 · 2026-12-31 前 · 每起扣20分");
    expect(Object.keys(b).sort()).toEqual(["approve", "reject"]);
    expect((await h.bot.db.select().from(goalPlans)).map((p) => p.status)).toEqual(["pending"]);
  });

  test("before approval the bound leaves are rated like any other", async () => {
    await ask(ADMIN, "评分 @李四 项目建设 50");
    await ask(ADMIN, "评分 @李四 工作质量 80");
    await ask(ADMIN, "评分 @张三 项目建设 70");
    await ask(ADMIN, "评分 @张三 工作质量 90");
    await ask(LI, "日报 完成城东三个项目验收 #目标1 +3");
    await ask(LI, "日报 完成城西两个项目 #目标1 +2");
    await ask(ZHANG, "日报 工地发生一起轻微生产安全事故，已处置 #目标2");
    // 李四: 业务 (50 + 80) / 2 = 65 → 39; 安全 unrated → 0.
    expect(await ask(LI, "成绩")).toContain("**39.00 分**");
  });

  test("a colleague cannot approve; the office's 批准 publishes the plan to the group", async () => {
    const { message, buttons: b } = planCard();
    const denied = await h.click(ZHANG.openId, b.approve!, message.messageId, message.chatId);
    expect(((await denied.json()) as { toast: { content: string } }).toast.content).toContain("只有管理员可以操作");
    const before = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length;
    const res = await h.click(ADMIN.openId, b.approve!, message.messageId, message.chatId);
    const answer = (await res.json()) as { toast: { type: string; content: string }; card?: unknown };
    await h.bot.idle();
    expect(answer.toast).toEqual({ type: "success", content: "已批准，已公布到该群" });
    expect(JSON.stringify(answer.card)).toContain("已批准 · 李主任 · 2026-10-08");
    const published = h.lark.mock
      .sentMessages({ chatId: OFFICE.chatId })
      .slice(before)
      .map((m) => JSON.stringify(m.parsed));
    expect(published.some((m) => m.includes("绩考办已批准本群目标计划书（第 1 号）"))).toBe(true);
    const rows = await h.bot.db.select().from(goals);
    const [plan] = await h.bot.db.select().from(goalPlans);
    expect(plan!.status).toBe("approved");
    expect(rows.every((g) => g.planId === plan!.id)).toBe(true);
    const again = await h.click(ADMIN.openId, b.approve!, message.messageId, message.chatId);
    expect(((await again.json()) as { toast: { content: string } }).toast.content).toBe("已由 李主任 批准");
  });

  test("approved, the targets score the month by the curve: 李四 92, 张三 80 (hand-worked above)", async () => {
    h.clock.set("2026-11-02T02:00:00Z");
    const li = await ask(LI, "成绩 上月");
    expect(li).toContain("**92.00 分**");
    expect(li).toContain('{"dim":"业务","weight":60,"score":90,"points":60,"adj":"+6.00"}');
    expect(li).toContain("业务加减分：+6（#目标1 125%）");
    // The rating of 50 on 项目建设 no longer counts for 李四: his approved target scores it.
    expect(li).toContain("项目建设 = 领导 100 = 100.00 分");
    expect(li).toContain("项目建设：目标1 完成 5 / 应完成 4（125%）→ 100 分，超额加该项分值的 20% = 6 分");
    expect(li).toContain("安全生产：目标2 发生 1 / 上限 0 → 80 分");
    const zhang = await ask(ZHANG, "成绩 上月");
    expect(zhang).toContain("**80.00 分**");
    expect(zhang).toContain("项目建设 = 领导 70 = 70.00 分");
    expect(zhang).toContain("安全生产 = 领导 80 = 80.00 分");
  });

  test("a rejected plan changes no score and tells its proposer; its targets stay unapproved", async () => {
    expect(await ask(ZHANG, "目标 @张三 工作质量 完成3份调研报告 本季")).toContain("目标3");
    expect(await ask(ZHANG, "目标计划书")).toContain("目标计划书已提交（第 2 号）");
    await h.bot.idle();
    const { message, text, buttons: b } = planCard();
    expect(text).toContain("张三 提交第 2 号目标计划书");
    expect(text).toContain("目标3 · 张三 · 【工作质量】完成3份调研报告 · 2026-12-31 前 · 只统计完成率，不计分");
    const res = await h.click(ADMIN.openId, b.reject!, message.messageId, message.chatId);
    expect(((await res.json()) as { toast: { content: string } }).toast.content).toBe("已驳回");
    await h.bot.idle();
    const told = h.lark.mock.sentMessages({ openId: ZHANG.openId }).map((m) => JSON.stringify(m.parsed));
    expect(told.some((m) => m.includes("目标计划书被驳回（第 2 号）"))).toBe(true);
    const plans = await h.bot.db.select().from(goalPlans).orderBy(goalPlans.no);
    expect(plans.map((p) => p.status)).toEqual(["approved", "rejected"]);
    const three = (await h.bot.db.select().from(goals)).find((g) => g.seq === 3);
    expect(three!.planId).toBeNull();
    expect(await ask(LI, "成绩 上月")).toContain("**92.00 分**");
  });

  test("the export has a 目标考核 sheet with owner, deadline, standard, due, done and score", async () => {
    expect(await ask(ADMIN, "导出 2026-10")).toContain("导出");
    const [file] = await h.lark.mock.waitForMessages((m) => m.sender.type === "app" && m.msgType === "file");
    const stored = h.lark.mock.store.files.get((file!.parsed as { file_key: string }).file_key)!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(stored.bytes) as never);
    const summary = wb.getWorksheet("成绩汇总")!;
    const head = (summary.getRow(1).values as unknown[]).slice(1) as string[];
    const liRow = [...Array(summary.rowCount).keys()]
      .map((i) => summary.getRow(i + 1))
      .find((r) => r.getCell(head.indexOf("姓名") + 1).value === LI.name)!;
    expect(liRow.getCell(head.indexOf("总分") + 1).value).toBe(92);
    const sheet = wb.getWorksheet("目标考核")!;
    const rows = [...Array(sheet.rowCount).keys()].map((i) => (sheet.getRow(i + 1).values as unknown[]).slice(1));
    expect(rows).toEqual([
      [
        "部门",
        "编号",
        "责任主体",
        "绑定指标",
        "目标",
        "类型",
        "时段",
        "完成时效",
        "考核标准",
        "计划/上限",
        "截至期末应完成",
        "完成/发生",
        "完成率（%）",
        "指标得分",
        "超额加分（该项分值%）",
        "目标计划书",
      ],
      [
        OFFICE.name,
        "目标1",
        "李四",
        "项目建设",
        "完成12个项目",
        "完成",
        "2026-Q4",
        "2026-12-31",
        undefined,
        12,
        4,
        5,
        125,
        100,
        20,
        "已批准",
      ],
      [
        OFFICE.name,
        "目标2",
        "全体",
        "安全生产",
        "生产安全事故不超过0起",
        "上限",
        "2026",
        "2026-12-31",
        "每起扣20分",
        0,
        0,
        1,
        undefined,
        80,
        0,
        "已批准",
      ],
      // Tracked, not bound: no score; its plan was rejected.
      [
        OFFICE.name,
        "目标3",
        "张三",
        "工作质量",
        "完成3份调研报告",
        "完成",
        "2026-Q4",
        "2026-12-31",
        undefined,
        3,
        1,
        0,
        0,
        undefined,
        undefined,
        "未批准",
      ],
    ]);
  });

  test("each quarter the group gets the 通报: Q4's targets at the year's first report day (篇9 line 192)", async () => {
    h.clock.set("2026-12-10T02:00:00Z");
    await ask(LI, "日报 又完成四个项目 #目标1 +4");
    const before = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length;
    const runs = await h.bot.runJobs(new Date("2027-01-06T02:00:00Z"));
    expect(runs.find((r) => r.kind === "quarterly-targets")).toMatchObject({ period: "2026-Q4", queued: 1 });
    await h.bot.idle();
    const sent = h.lark.mock
      .sentMessages({ chatId: OFFICE.chatId })
      .slice(before)
      .map((m) => JSON.stringify(m.parsed))
      .find((m) => m.includes("目标完成情况通报"));
    expect(sent).toContain("本群 3 个目标：0 个达标，3 个滞后或超限。");
    expect(sent).toContain(
      "目标3 · 张三 · 【工作质量】完成3份调研报告（2026-Q4）：完成 0 / 应完成 3（全期计划 3份调研报告） ⚠️ 滞后（计划书未批准）",
    );
    // 9 of the quarter's 12 by its end: 75% → 75 points.
    expect(sent).toContain(
      "目标1 · 李四 · 【项目建设】完成12个项目（2026-Q4）：完成 9 / 应完成 12（全期计划 12个项目） ⚠️ 滞后，计 75 分",
    );
    // The year's limit of 0 with one accident: 80.
    expect(sent).toContain(
      "目标2 · 全体 · 【安全生产】生产安全事故不超过0起（2026）：发生 1 / 上限 0起 ❌ 超限，计 80 分",
    );
    // 李四's report card explains his bound indicators as they stood at the quarter's end.
    const card = h.lark.mock
      .sentMessages({ openId: LI.openId })
      .map((m) => JSON.stringify(m.parsed))
      .find((m) => m.includes("成绩单") && m.includes("2026"));
    expect(card).toContain("项目建设：目标1 完成 9 / 应完成 12（75%）→ 75 分");
    expect(card).toContain("安全生产：目标2 发生 1 / 上限 0 → 80 分");
    // A second tick sends nothing new.
    const again = await h.bot.runJobs(new Date("2027-01-06T03:00:00Z"));
    expect(again.find((r) => r.kind === "quarterly-targets")?.queued ?? 0).toBe(0);
  });
});
