/**
 * Issue 14 item 5 through chat, end to end on the real webhook, database and Lark mock: the office
 * confirms grades before a quarter goes out (篇6 line 122 「先由各处室…进行评分，再由校考核小组评定
 * 等级」), 优秀 needs 公众形象 ≥ 80 (篇9 line 186), and a result below 60 gets 整改 items with 问题、措施、
 * 责任、时限, each closed off (销号) by a leader and shown on the next report card (篇3 line 57).
 *
 * Worked by hand, weights 工作实绩 40 / 综合管理 30 / 公众形象 30 (篇9 line 193 raised 公众形象 to 30%):
 *   张三  100, 100, 70 → 40 + 30 + 21   = 91.00  first; 公众形象 70 < 80, so 良好 (the 优秀 place passes on)
 *   李四   90,  85, 90 → 36 + 25.5 + 27 = 88.50  良好 on the total alone (quota 1 taken), 优秀 after the floor
 *   王五   50,  60, 55 → 20 + 18 + 16.5 = 54.50  no grade (< 70), below the 整改 line of 60
 */
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buttonActionId } from "../../cards/action";
import { cardActionEvent } from "../../src/channels/local/lark-events";
import type { MockMessage } from "../../src/channels/local/mock-lark";
import { groupIdFor } from "../../src/db/ids";
import { auditLog, followUps, gradeConfirmations, gradeOverrides } from "../../src/db/schema";
import { APP, OFFICE, TENANT, TOKEN, startHarness, type Harness } from "../support/bot-harness";
import { larkOpenId } from "../support/ids";

const LEADER = OFFICE.owner;
const [ZHANG, LI] = OFFICE.members as [{ openId: string; name: string }, { openId: string; name: string }];
const WANG = { openId: larkOpenId("extra_0"), name: "成员0" };
const GROUP_ID = groupIdFor("lark", OFFICE.chatId);

const SCHEME = {
  name: "市直单位绩效考核",
  dimensions: [
    { key: "work", name: "工作实绩", weight: 40 },
    { key: "manage", name: "综合管理", weight: 30 },
    { key: "public", name: "公众形象", weight: 30 },
  ],
  grades: [
    { name: "优秀", min: 85, quota: 1 },
    { name: "良好", min: 70 },
  ],
  confirmGrades: true,
  gradeFloor: { grade: "优秀", dimension: "public", min: 80 },
  followUpBelow: 60,
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z", memberCount: 1 });
  await h.addBotToOffice();
});
afterAll(() => h.close());

const everyone = [LEADER, ZHANG, LI, WANG];
const mentionsIn = (text: string) => everyone.filter((p) => text.includes(`@${p.name}`));
/** Says something in the group and returns the bot's replies to it as JSON text. */
async function ask(from: { openId: string }, text: string): Promise<string> {
  const before = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length;
  expect((await h.say(from.openId, text, { mentions: mentionsIn(text) })).status).toBe(200);
  await h.bot.idle();
  return h.lark.mock
    .sentMessages({ chatId: OFFICE.chatId })
    .slice(before)
    .map((m) => JSON.stringify(m.parsed))
    .join("\n");
}
const privately = (p: { openId: string }) => h.lark.mock.sentMessages({ openId: p.openId });
const lastPrivate = (p: { openId: string }, needle: string) =>
  privately(p)
    .filter((m) => JSON.stringify(m.parsed).includes(needle))
    .at(-1);
async function click(operator: { openId: string }, card: MockMessage, value: Record<string, unknown>) {
  const res = await h.post(
    cardActionEvent({
      token: TOKEN,
      appId: APP.appId,
      tenantKey: TENANT,
      operatorOpenId: operator.openId,
      value,
      messageId: card.messageId,
      chatId: card.chatId,
    }),
  );
  expect(res.status).toBe(200);
  const answer = (await res.json()) as { toast: { type: string; content: string }; card?: { data: unknown } };
  await h.bot.idle();
  return answer;
}
/** The value of the first button on a card whose `a` is `action` (and whose text holds `label`). */
function buttonValue(card: MockMessage, action: string, label = ""): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (n.tag === "button" && JSON.stringify(n.text).includes(label)) {
      const v = (n.behaviors as { value: Record<string, unknown> }[] | undefined)?.[0]?.value;
      if (v && buttonActionId(v) === action) found.push(v);
    }
    Object.values(n).forEach(walk);
  };
  walk(card.parsed);
  return found[0]!;
}
const rate = async (p: { name: string }, work: number, manage: number, pub: number) => {
  for (const [dim, score] of [
    ["工作实绩", work],
    ["综合管理", manage],
    ["公众形象", pub],
  ] as const)
    expect(await ask(LEADER, `评分 @${p.name} ${dim} ${score}`)).toContain("已评分");
};

describe("等次确认, 优秀's 公众形象 floor, and 整改 with 销号", () => {
  test("setup: the leader becomes the office, imports the scheme, and rates the quarter", async () => {
    expect(await ask(LEADER, `设置 管理员 @${LEADER.name}`)).toContain("管理员");
    expect(await ask(LEADER, `方案 导入 ${JSON.stringify(SCHEME)}`)).toContain("第 1 版");
    // Nothing is published yet: a follow-up item has no result to follow.
    expect(await ask(LEADER, "整改 @成员0 问题：缺报 措施：补报 责任：成员0 时限：2027-01-31")).toContain(
      "还没有发布过考核结果",
    );
    await rate(ZHANG, 100, 100, 70);
    await rate(LI, 90, 85, 90);
    await rate(WANG, 50, 60, 55);
  });

  test("the quarter is held back: nobody gets a report card; the office gets the computed grades with why", async () => {
    h.clock.set("2027-01-04T01:05:00Z");
    await h.bot.runJobs(new Date("2027-01-04T01:05:00Z"));
    await h.bot.idle();
    for (const p of [ZHANG, LI, WANG]) expect(lastPrivate(p, "成绩单")).toBeUndefined();
    expect(
      h.lark.mock
        .sentMessages({ chatId: OFFICE.chatId })
        .some((m) => JSON.stringify(m.parsed).includes("第四季度考核结果")),
    ).toBe(false);
    const card = JSON.stringify(lastPrivate(LEADER, "等次确认 · 综合办公室 · 2026 年第四季度")!.parsed);
    expect(card).toContain('"name":"张三","total":91,"grade":"良好","why":"公众形象 70.00 分，低于评优所需 80 分"');
    expect(card).toContain('"name":"李四","total":88.5,"grade":"优秀","why":"名额递补（原为良好）"');
    expect(card).toContain('"name":"成员0","total":54.5,"grade":"—"');
    const [row] = await h.bot.db
      .select()
      .from(gradeConfirmations)
      .where(and(eq(gradeConfirmations.groupId, GROUP_ID), eq(gradeConfirmations.period, "2026-Q4")));
    expect(row!.status).toBe("pending");
    // A second run while it waits sends the office nothing new.
    const before = privately(LEADER).length;
    await h.bot.runJobs(new Date("2027-01-04T02:05:00Z"));
    await h.bot.idle();
    expect(privately(LEADER).length).toBe(before);
  });

  test("改等次: only the office, a known grade, a specific reason; the override is logged with the computed grade", async () => {
    expect(await ask(ZHANG, "改等次 2026-Q4 @张三 优秀 我的公众形象测评样本太少")).toContain("只有管理员");
    expect(await ask(LEADER, "改等次 2026-Q4 @张三 先进 考核小组复核")).toContain("方案的等次是：优秀、良好");
    expect(await ask(LEADER, "改等次 2026-Q4 @张三 优秀 酌情")).toContain("过于笼统");
    expect(await ask(LEADER, "改等次 2026-Q5 @张三 优秀 考核小组复核")).toContain("格式不对");
    const answer = await ask(
      LEADER,
      "改等次 2026-Q4 @张三 优秀 公众形象测评仅回收12份问卷，经考核小组复核不作评优依据",
    );
    expect(answer).toContain("张三 2026-Q4 的等次：「良好」改为「优秀」，已记录");
    expect(answer).toContain("管理员改为优秀：公众形象测评仅回收12份问卷");
    const overrides = await h.bot.db.select().from(gradeOverrides);
    expect(overrides.map((o) => [o.period, o.grade, o.computed])).toEqual([["2026-Q4", "优秀", "良好"]]);
    const audit = await h.bot.db.select().from(auditLog).where(eq(auditLog.action, "grade.override"));
    expect(audit[0]!.detail).toMatchObject({ period: "2026-Q4", before: "良好", grade: "优秀" });
  });

  test("确认发布: refused to staff; the office's click publishes the quarter with the final grades and why", async () => {
    const card = lastPrivate(LEADER, "等次确认 · 综合办公室 · 2026 年第四季度")!;
    const value = buttonValue(card, "grades.confirm");
    expect((await click(ZHANG, card, value)).toast.type).toBe("error");
    h.clock.set("2027-01-04T03:00:00Z");
    const ok = await click(LEADER, card, value);
    expect(ok.toast.content).toContain("已确认 2026-Q4 的等次");
    expect(JSON.stringify(ok.card!.data)).toContain("已由 李主任 确认");
    expect((await click(LEADER, card, value)).toast.content).toContain("已确认过了");

    const zhang = JSON.stringify(lastPrivate(ZHANG, "第四季度成绩单")!.parsed);
    expect(zhang).toContain("91.00 分");
    expect(zhang).toContain("等次：优秀");
    expect(zhang).toContain("等次由绩考办确定为「优秀」（按成绩计算为「良好」）：公众形象测评仅回收12份问卷");
    const li = JSON.stringify(lastPrivate(LI, "第四季度成绩单")!.parsed);
    expect(li).toContain("等次：优秀");
    expect(li).toContain("名额递补：按总分为「良好」");
    const wang = JSON.stringify(lastPrivate(WANG, "第四季度成绩单")!.parsed);
    expect(wang).toContain("54.50 分");
    expect(wang).toContain("总分低于整改线 60 分");
    const summary = h.lark.mock
      .sentMessages({ chatId: OFFICE.chatId })
      .map((m) => JSON.stringify(m.parsed))
      .find((m) => m.includes("第四季度考核结果"))!;
    expect(summary).toContain("优秀 2 人　良好 0 人");
    const notice = JSON.stringify(lastPrivate(LEADER, "整改名单")!.parsed);
    expect(notice).toContain("成员0　54.50");
    expect(await h.bot.db.select().from(auditLog).where(eq(auditLog.action, "grades.confirm"))).toHaveLength(1);
    // Once confirmed, an override is refused: a published result changes only by 更正.
    expect(await ask(LEADER, "改等次 2026-Q4 @李四 良好 考核小组复核名额")).toContain("已确认发布，不能再改");
  });

  test("整改: a leader sets items with all four parts; the person is told; staff see only their own", async () => {
    h.clock.set("2027-01-05T02:00:00Z");
    expect(await ask(ZHANG, "整改 @成员0 问题：缺报 措施：补报 责任：成员0 时限：2027-01-31")).toContain("只有负责人");
    expect(await ask(LEADER, "整改 @成员0 问题：日报缺报5次 责任：成员0 时限：2027-01-31")).toContain("还缺 措施");
    expect(await ask(LEADER, "整改 @成员0 问题：缺报 措施：补报 责任：成员0 时限：2027-01-01")).toContain(
      "早于今天 2027-01-05",
    );
    const first = await ask(
      LEADER,
      "整改 @成员0 问题：日报缺报5次 措施：每日17:30前提交，科长每周抽查 责任：@成员0、李主任 时限：1月31日",
    );
    expect(first).toContain(
      "#1 问题：日报缺报5次；措施：每日17:30前提交，科长每周抽查；责任：成员0、李主任；时限：2027-01-31",
    );
    await ask(LEADER, "整改 @成员0 问题：群众满意度测评低于60分 措施：窗口服务承诺公示 责任：成员0 时限：2027-02-28");
    await ask(LEADER, "整改 @成员0 问题：业务台账不全 措施：补齐11月、12月台账 责任：综合科 时限：2027-03-31");
    expect(JSON.stringify(lastPrivate(WANG, "整改项 #1")!.parsed)).toContain("时限：2027-01-31");
    const items = await h.bot.db.select().from(followUps);
    expect(items.map((f) => [f.no, f.period, f.status])).toEqual([
      [1, "2026-Q4", "open"],
      [2, "2026-Q4", "open"],
      [3, "2026-Q4", "open"],
    ]);
    expect(await ask(WANG, "整改")).toContain("共 3 项，未销号 3 项");
    expect(await ask(ZHANG, "整改")).toContain("共 0 项");
  });

  test("销号: by command or the card's button, once, by a leader only", async () => {
    expect(await ask(ZHANG, "销号 1 已整改")).toContain("只有负责人");
    expect(await ask(LEADER, "销号 9")).toContain("找不到这条整改项");
    h.clock.set("2027-01-20T02:00:00Z");
    expect(await ask(LEADER, "销号 1 已连续两周按时提交日报")).toContain("已销号：#1");
    expect(await ask(LEADER, "销号 1")).toContain("#1 已经销号了");

    await ask(LEADER, "整改");
    const list = h.lark.mock
      .sentMessages({ chatId: OFFICE.chatId })
      .filter((m) => JSON.stringify(m.parsed).includes("整改清单 · 综合办公室"))
      .at(-1)!;
    const value = buttonValue(list, "followup.close", "#2");
    expect((await click(ZHANG, list, value)).toast.content).toContain("只有负责人可以操作");
    h.clock.set("2027-02-26T02:00:00Z");
    const ok = await click(LEADER, list, value);
    expect(ok.toast.content).toContain("已销号：#2");
    expect(JSON.stringify(ok.card!.data)).toContain("共 3 项，未销号 1 项");
    expect((await click(LEADER, list, value)).toast.content).toContain("#2 已经销号了");
    const closes = await h.bot.db.select().from(auditLog).where(eq(auditLog.action, "followup.close"));
    expect(closes).toHaveLength(2);
  });

  test("导出 2026-Q4: the published grades in 成绩汇总; the override, the confirmation and 整改 in 审计记录", async () => {
    expect(await ask(LEADER, "导出 2026-Q4")).toContain("正在导出");
    // The only file this test has the bot send: the workbook, privately to the office.
    const [file] = await h.lark.mock.waitForMessages((m) => m.sender.type === "app" && m.msgType === "file");
    const key = (file!.parsed as { file_key: string }).file_key;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(h.lark.mock.store.files.get(key)!.bytes) as never);
    const results = wb.getWorksheet("成绩汇总")!;
    const header = (results.getRow(1).values as unknown[]).slice(1) as string[];
    const gradeOf = (name: string) => {
      for (let r = 2; r <= results.rowCount; r++)
        if (results.getRow(r).getCell(2).value === name)
          return results.getRow(r).getCell(header.indexOf("等次") + 1).value;
      return undefined;
    };
    expect([gradeOf("张三"), gradeOf("李四"), gradeOf("成员0")]).toEqual(["优秀", "优秀", null]);
    const audit = wb.getWorksheet("审计记录")!;
    const lines: string[] = [];
    audit.eachRow((row) =>
      lines.push(`${row.getCell(4).value}｜${row.getCell(5).value ?? ""}｜${row.getCell(6).value}`),
    );
    expect(lines).toContain(
      "改等次｜张三｜期别：2026-Q4；成员：张三；原值：良好；等次：优秀；原因：公众形象测评仅回收12份问卷，经考核小组复核不作评优依据",
    );
    expect(lines.some((l) => l.startsWith("确认等次｜｜期别：2026-Q4；成员数：3；改等次人数：1"))).toBe(true);
    expect(
      lines.some((l) => l.startsWith("制定整改项｜成员0｜期别：2026-Q4；成员：成员0；序号：1；问题：日报缺报5次")),
    ).toBe(true);
    expect(lines.filter((l) => l.startsWith("整改销号｜成员0"))).toHaveLength(2);
  });

  test("the next report card (2027-Q1, confirmed by command) shows the closed items and the open one", async () => {
    h.clock.set("2027-03-10T02:00:00Z");
    await rate(ZHANG, 90, 90, 90);
    await rate(LI, 80, 80, 80);
    await rate(WANG, 70, 70, 70);
    h.clock.set("2027-04-01T01:05:00Z");
    await h.bot.runJobs(new Date("2027-04-01T01:05:00Z"));
    await h.bot.idle();
    expect(lastPrivate(WANG, "第一季度成绩单")).toBeUndefined();
    expect(await ask(LEADER, "确认等次 2027-Q1")).toContain("已由 李主任 确认");
    await h.bot.idle();
    const wang = JSON.stringify(lastPrivate(WANG, "2027 年第一季度成绩单")!.parsed);
    expect(wang).toContain("70.00 分");
    expect(wang).not.toContain("低于整改线");
    expect(wang).toContain("#1 问题：日报缺报5次");
    expect(wang).toContain("已销号（01-20 李主任：已连续两周按时提交日报）");
    expect(wang).toContain(
      "#2 问题：群众满意度测评低于60分；措施：窗口服务承诺公示；责任：成员0；时限：2027-02-28 · 已销号（02-26 李主任）",
    );
    expect(wang).toContain("#3 问题：业务台账不全；措施：补齐11月、12月台账；责任：综合科；时限：2027-03-31 · 未销号");
    expect(await ask(LEADER, "确认等次 2027-Q1")).toContain("2027-Q1 的等次已确认过了");
    // March's ranking waited too: 确认等次 alone takes the latest waiting period, and the ranking goes out.
    expect(await ask(LEADER, "确认等次")).toContain("等次确认 · 综合办公室 · 2027 年 3 月");
    await h.bot.idle();
    const march = h.lark.mock
      .sentMessages({ chatId: OFFICE.chatId })
      .map((m) => JSON.stringify(m.parsed))
      .find((m) => m.includes("3 月考核排名"))!;
    expect(march).toContain('"name":"张三","total":90,"move":"新","grade":"优秀"');
  });

  test("a period confirmed after its job stopped being due is still published (the 2026 year, in April)", async () => {
    expect(lastPrivate(WANG, "2026 年度成绩单")).toBeUndefined();
    expect(await ask(LEADER, "确认等次 2026")).toContain("等次确认 · 综合办公室 · 2026 年度");
    await h.bot.idle();
    const year = JSON.stringify(lastPrivate(ZHANG, "2026 年度成绩单")!.parsed);
    // The year is Q4 alone (the only quarter scored): 91.00, with the office's override of Q4 not carried to the year.
    expect(year).toContain("91.00 分");
    expect(year).toContain("公众形象 70.00 分，低于评优秀所需的 80 分，等次为「良好」（按总分为「优秀」）");
    expect(await ask(LEADER, "确认等次")).toContain("没有等待确认的等次");
  });
});
