/**
 * Issue 14 item 6 end to end: 方案 模板 lists every template with the passage it comes from; a leader applies each
 * new template in chat (real signed, encrypted Lark events into the real webhook, the project's Lark mock, a real
 * libSQL file) and people are scored under it by 评分 and a 测评票数 sheet. The school template runs a whole year:
 * months, the two 学期测评 as their own parts, the year's report card and 导出.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cardActionEvent } from "../../src/channels/local/lark-events";
import type { MockMessage } from "../../src/channels/local/mock-lark";
import { and, eq } from "drizzle-orm";
import { members, ratings } from "../../src/db/schema";
import { APP, OFFICE, TENANT, TOKEN, startHarness, type Harness } from "../support/bot-harness";
import { officeChat } from "../support/office-chat";
import { larkOpenId } from "../support/ids";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
/** Two more colleagues (成员0, 成员1): 同事互评 counts from the third colleague on. */
const PEERS = [LI.openId, larkOpenId("extra_0"), larkOpenId("extra_1")];

let h: Harness;
let ids: Record<string, string>;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-02T02:00:00Z", memberCount: 2 });
  await h.addBotToOffice();
  ids = Object.fromEntries((await h.bot.db.select().from(members)).map((m) => [m.userId, m.id]));
});
afterAll(() => h.close());

const { ask, rate } = officeChat(() => h);

/** The leader's 测评票数 sheet for November: 姓名, 维度, 满意, 基本满意, 不满意. */
async function tally(rows: string): Promise<string> {
  const csv = new TextEncoder().encode(`姓名,维度,满意,基本满意,不满意\n${rows}\n`);
  expect((await h.sendFile(LEADER.openId, "2026-11 测评票数.csv", csv)).status).toBe(200);
  await h.bot.idle();
  const sent = h.lark.mock.sentMessages({ chatId: OFFICE.chatId });
  return JSON.stringify(sent[sent.length - 1]!.parsed);
}

type Json = Record<string, unknown>;
/** The value of a 月评议 card's submit button. */
function submitValue(card: unknown): Json {
  let found: Json | undefined;
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    const o = v as Json;
    if (o.tag === "button" && o.form_action_type === "submit") found = (o.behaviors as Json[])[0]!.value as Json;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found!;
}
const cardOf = (openId: string, title: string) =>
  h.lark.mock.sentMessages({ openId }).find((m) => JSON.stringify(m.parsed).includes(title))!;

/** Submits a 月评议 card's form as a signed card callback; returns the toast. */
async function submit(operator: string, card: MockMessage, form: Json) {
  const res = await h.post(
    cardActionEvent({
      token: TOKEN,
      appId: APP.appId,
      tenantKey: TENANT,
      operatorOpenId: operator,
      value: submitValue(card.parsed),
      messageId: card.messageId,
      chatId: card.chatId,
      formValue: form,
    }),
  );
  return ((await res.json()) as { toast: { type: string; content: string } }).toast;
}

describe("方案 模板", () => {
  test("lists the ten templates, each with its passage (出处：篇N 第M行) and, where the seed gives no figure, a note", async () => {
    const list = await ask(ZHANG, "方案 模板");
    for (const name of [
      "单位干部",
      "驻镇单位",
      "村（社区）",
      "德能勤绩廉",
      "德勤能绩",
      "学校教师",
      "医院职工",
      "企业员工",
    ])
      expect(list).toContain(`**${name}**`);
    expect(list).toContain("出处：篇4 第64行「以德立身」");
    expect(list).toContain("出处：篇6 第122行 云和县实验小学");
    expect(list).toContain("出处：篇6 第115行「平时有记载、学期有测评、年终有考核」");
    expect(list).toContain("出处：篇8 第164行");
    expect(list).toContain("出处：篇1 第6行");
    expect(list).toContain("出处：篇5 第98行 镇对驻镇单位考核");
    expect(list).toContain("说明：篇8 没有给权重");
    expect(list).toContain("权重是起点");
  });
});

describe("each new template applied in chat and scored (张三, November 2026)", () => {
  test("德能勤绩廉 (篇4): 18 + 12.75 + 14.25 + 35.20 + 10 = 90.20", async () => {
    expect(await ask(LEADER, "方案 使用 德能勤绩廉")).toContain("本群方案：德能勤绩廉（第 1 版）");
    await rate(ZHANG, { 德: 90, 能: 85, 勤: 95, 绩: 88, 廉: 100 });
    expect(await ask(ZHANG, "成绩")).toContain("90.20 分");
  });

  test("德勤能绩 (篇6 line 122): 23 + 17.60 + 12 + 36 = 88.60", async () => {
    expect(await ask(LEADER, "方案 使用 德勤能绩")).toContain("本群方案：德勤能绩（第 2 版）");
    await rate(ZHANG, { 德: 92, 勤: 88, 能: 80, 绩: 90 });
    const score = await ask(ZHANG, "成绩");
    expect(score).toContain("88.60 分");
    // The 廉 rating of the scheme before is not an item of this one and counts nowhere.
    expect(score).not.toContain("廉洁自律");
  });

  test("企业员工 (篇1 line 6): 28.5 + 27 + 17 + 16 = 88.50", async () => {
    expect(await ask(LEADER, "方案 使用 企业员工")).toContain("本群方案：企业员工（第 3 版）");
    await rate(ZHANG, { 质量: 95, 产量: 90, 执行力: 85, 成本: 80 });
    expect(await ask(ZHANG, "成绩")).toContain("88.50 分");
  });

  test("医院职工 (篇8 line 174): leaders, the patients' votes and 同事互评, each on its own items = 89.15", async () => {
    expect(await ask(LEADER, "方案 使用 医院职工")).toContain("本群方案：医院职工（第 4 版）");
    await rate(ZHANG, { 医疗质量与安全: 90, 工作量: 95, 经济指标与成本: 80 });
    // A leader cannot rate the patients' item: the scheme gives it to the 群众 (public) group alone.
    const refused = await ask(LEADER, "评分 @张三 病人满意度 100");
    expect(refused).not.toContain("已评分");
    expect(refused).toContain(
      "本方案的「病人满意度」只由群众评价（群众评价来自问卷或测评票数），领导的评分不会计入，未记录。",
    );
    // Nor through 评议打分, the 月评议 card's form as a reply.
    expect(await ask(LEADER, "评议打分 2026-11 张三 病人满意度 90")).toContain(
      "本方案的「病人满意度」不由领导评价，未提交",
    );
    // (30 × 100 + 8 × 60 + 2 × 0) ÷ 40 = 87.00
    expect(await tally("张三,病人满意度,30,8,2")).toContain(
      "张三 · 病人满意度（2026-11）：得分 **87.00**（样本 40 份）",
    );
    // 31.5 + 23.75 + 8 + 87 × 20% = 17.4 → 80.65 while 同行评价 (10%) awaits colleagues.
    const before = await ask(ZHANG, "成绩");
    expect(before).toContain("80.65 分");
    expect(before).toContain("病人满意度：群众评价 87.00 分（样本 40 份）");

    // 月评: the leader's card asks for the leaders' items only, the colleagues' card for 同行评价 only.
    await ask(LEADER, "月评");
    const leaderCard = JSON.stringify(cardOf(LEADER.openId, "月度评议 · 2026-11 · 张三").parsed);
    expect(leaderCard).toContain("医疗质量与安全");
    expect(leaderCard).not.toContain("同行评价");
    expect(leaderCard).not.toContain("病人满意度");
    const peerCard = JSON.stringify(cardOf(LI.openId, "同事互评").parsed);
    expect(peerCard).toContain("同行评价");
    expect(peerCard).not.toContain("工作量");
    // A forged 工作量 field beside 同行评价 would count nowhere: the form is refused and nothing is stored.
    const forged = await submit(LI.openId, cardOf(LI.openId, "同事互评"), {
      subject: ids[ZHANG.openId],
      d_peers: "100",
      d_workload: "0",
    });
    expect(forged.content).toBe("本方案的「工作量」不由同事评价，未提交");
    // Three colleagues: 80, 85, 90 → 85.00.
    for (const [i, from] of PEERS.entries()) {
      const toast = await submit(from, cardOf(from, "同事互评"), {
        subject: ids[ZHANG.openId],
        d_peers: String(80 + 5 * i),
      });
      expect(toast.type).toBe("success");
    }
    await h.bot.idle();
    const peerRows = await h.bot.db
      .select()
      .from(ratings)
      .where(and(eq(ratings.memberId, ids[ZHANG.openId]!), eq(ratings.raterGroup, "peer")));
    expect(peerRows.map((r) => [r.dimension, r.score])).toEqual([
      ["peers", 80],
      ["peers", 85],
      ["peers", 90],
    ]);
    // 80.65 + 85 × 10% = 89.15
    expect(await ask(ZHANG, "成绩")).toContain("89.15 分");
  });
});

describe("学校教师 (篇6 line 115): 平时有记载、学期有测评、年终有考核", () => {
  test("the month: 张三 18 + 25.5 + 8 + 26.4 + 8.7 = 86.60; 李四, without parents' votes, 72.00", async () => {
    expect(await ask(LEADER, "方案 使用 学校教师")).toContain("本群方案：学校教师（第 5 版）");
    const scheme = await ask(ZHANG, "方案");
    expect(scheme).toContain(
      "一季度 15%、二季度 15%、三季度 15%、四季度 15%、第一学期测评 20%（单独评分）、第二学期测评 20%（单独评分）",
    );
    await rate(ZHANG, { 师德师风: 90, 日常教学工作: 85, 教辅工作: 80, 工作实绩: 88 });
    await rate(LI, { 师德师风: 80, 日常教学工作: 80, 教辅工作: 80, 工作实绩: 80 });
    expect(await tally("张三,家长学生评价,30,8,2")).toContain("张三 · 家长学生评价（2026-11）：得分 **87.00**");
    expect(await ask(ZHANG, "成绩")).toContain("86.60 分");
    expect(await ask(LI, "成绩")).toContain("72.00 分");
  });

  test("学期测评 are rated apart from the months, each 20% of the year in which it is given", async () => {
    const first = await ask(LEADER, "评分 @张三 第一学期测评 80");
    expect(first).toContain("单独评分，按 20% 计入 2026 年度总分，不计入月度和季度成绩");
    await rate(ZHANG, { 第二学期测评: 90 });
    await rate(LI, { 第一学期: 70, 第二学期: 75 });
    // The month is the items alone.
    expect(await ask(ZHANG, "成绩")).toContain("86.60 分");
  });

  test("the year: 张三 0.6 × 86.60 + 0.2 × 80 + 0.2 × 90 = 85.96; 李四 0.6 × 72 + 0.2 × 70 + 0.2 × 75 = 72.20", async () => {
    await h.bot.runJobs(new Date("2027-01-04T01:05:00Z"));
    await h.bot.idle();
    const card = (openId: string) =>
      h.lark.mock
        .sentMessages({ openId })
        .map((m) => JSON.stringify(m.parsed))
        .find((c) => c.includes("2026 年度成绩单"))!;
    expect(card(ZHANG.openId)).toContain("85.96 分");
    expect(card(ZHANG.openId)).toContain("第一学期测评");
    expect(card(LI.openId)).toContain("72.20 分");

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
    const total = (name: string) =>
      [...Array(sheet.rowCount).keys()]
        .map((i) => sheet.getRow(i + 1))
        .find((r) => r.getCell(2).value === name)!
        .getCell(header.indexOf("总分") + 1).value;
    expect(total("张三")).toBe(85.96);
    expect(total("李四")).toBe(72.2);
  });

  test("第一学期 (September–January) is rated when it ends, in January: it counts in the year it is given", async () => {
    h.clock.set("2027-01-22T02:00:00Z");
    expect(await ask(LEADER, "评分 @张三 第一学期测评 88")).toContain("按 20% 计入 2027 年度总分");
  });
});
