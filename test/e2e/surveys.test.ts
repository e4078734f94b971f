/**
 * 群众/社会评价 end to end (issue 14 item 2): a leader opens a survey in chat, the group gets the link
 * and the QR poster, the leader privately the printable codes; respondents answer on the page in a
 * real headless Chromium on a phone-sized screen, or through the same form posted by hand; a code
 * answers once; closing feeds the 群众 rating; 成绩 shows the sample beside the score and marks a
 * dimension below its minimum; vote totals come in from a sheet. Real webhook, real Lark mock,
 * real libSQL file.
 */
import { and, eq, isNull } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exportWorkbook } from "../../src/app/export";
import { parseExportPeriod } from "../../src/app/export-period";
import { groups, ratings, surveyCodes, surveys } from "../../src/db/schema";
import { quarterlyReport } from "../../src/jobs/quarterly-report";
import { launchChromium } from "../support/browser";
import { OFFICE, TENANT, memberOf, startHarness, type Harness } from "../support/bot-harness";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;

/**
 * 篇9 raises 公众形象 to 30% of the total; the people served rate 服务对象满意度. The leader rates the
 * work, the public (群众) rates the two survey leaves: rule 1 renormalises over the groups that rated,
 * so each leaf is scored by whoever rated it.
 */
const SCHEME = {
  name: "窗口单位",
  dimensions: [
    { key: "work", name: "业务工作", weight: 50 },
    { key: "image", name: "公众形象", weight: 30 },
    { key: "service", name: "服务对象满意度", weight: 20 },
  ],
  raters: { leader: 70, public: 30 },
};

let h: Harness;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-20T02:00:00Z" });
  await h.addBotToOffice();
  browser = await launchChromium({ width: 390, height: 844 });
  page = await browser.context.newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** Sends as a person in the group and returns the bot's reply to that message, as JSON text. */
async function ask(from: { openId: string }, text: string): Promise<string> {
  const mentions = [ZHANG, LI, LEADER].filter((p) => text.includes(`@${p.name}`));
  const res = await h.say(from.openId, text, { mentions });
  expect(res.status).toBe(200);
  await h.bot.idle();
  const sent = h.lark.mock.sentMessages({ chatId: OFFICE.chatId });
  return JSON.stringify(sent[sent.length - 1]!.parsed);
}

/** The open_url addresses of a card's buttons. */
const urls = (json: string) => [...json.matchAll(/"default_url":"([^"]+)"/g)].map((m) => m[1]!);

/** The leader's latest private card. */
function privateCard(): string {
  const mine = h.lark.mock.sentMessages({ openId: LEADER.openId });
  return JSON.stringify(mine[mine.length - 1]!.parsed);
}

/** Codes as printed on the slips page. */
async function slipCodes(slipsUrl: string): Promise<string[]> {
  const res = await fetch(slipsUrl);
  expect(res.status).toBe(200);
  const html = await res.text();
  return [...html.matchAll(/<div class="code">([0-9A-Z]{5})-([0-9A-Z]{5})<\/div>/g)].map((m) => m[1]! + m[2]!);
}

/** The page's form, posted as a browser without JavaScript would. */
function postForm(pageUrl: string, fields: Record<string, string>) {
  return fetch(pageUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

let pageUrl = "";
let codes: string[] = [];

describe("a survey of the public", () => {
  test("the scheme names a 群众 (public) rater group; staff may not open a survey", async () => {
    expect(await ask(LEADER, `方案 导入 ${JSON.stringify(SCHEME)}`)).toContain("窗口单位");
    expect(await ask(ZHANG, "问卷 开 公众形象")).toContain("只有负责人");
    expect(await h.bot.db.select().from(surveys)).toHaveLength(0);
  });

  test("bad arguments get a clear Chinese answer", async () => {
    expect(await ask(LEADER, "问卷 开 公众形象 份数 0")).toContain("答题码份数要在 1 到 2000 之间");
    expect(await ask(LEADER, "问卷 开 公众形象 份数 5 最少 9")).toContain("最少样本要在 1 到份数（5）之间");
    expect(await ask(LEADER, "问卷 开 卫生")).toContain("方案里没有「卫生」这个维度");
    expect(await ask(LEADER, "问卷 结束 7")).toContain("本群没有问卷7");
  });

  test("opening: the group gets the page link and the QR poster, the leader privately the codes", async () => {
    const card = await ask(LEADER, "问卷 开 公众形象 份数 6 最少 3");
    expect(card).toContain("满意度测评已开始 · 问卷1");
    expect(card).toContain("综合办公室 · 公众形象");
    const [link, poster] = urls(card);
    expect(link).toMatch(new RegExp(`^${h.bot.url}/survey/[0-9a-f]{32}$`));
    expect(poster).toBe(`${link}/qr`);
    pageUrl = link!;
    // The codes never reach the group: only the leader's private chat has the print page's key.
    expect(card).not.toContain("slips");
    const [slips] = urls(privateCard());
    expect(slips).toMatch(/\/slips\?k=[0-9a-f]{32}$/);
    codes = await slipCodes(slips!);
    expect(codes).toHaveLength(6);
    expect(new Set(codes).size).toBe(6);
    // Without the key, or with a wrong one, the slips are not shown.
    const refused = await fetch(slips!.replace(/k=[0-9a-f]+/, `k=${"0".repeat(32)}`));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("无权查看答题码");
    // The poster carries the page's address as an inline QR code: no script, no outside asset.
    const qr = await fetch(poster!);
    const html = await qr.text();
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script|src="http/);
    expect(qr.headers.get("content-security-policy")).toContain("default-src 'none'");
    // Lost the link? The leader asks again and gets it privately, never in the group.
    expect(await ask(LEADER, "问卷 答题码 1")).toContain("答题码打印页已私信发给你");
    expect(urls(privateCard())).toEqual([slips]);
  });

  test("a respondent answers on a phone, in Chinese, from the link on the slip", async () => {
    await page.goto(`${pageUrl}?c=${codes[0]}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(await page.locator("h1").textContent()).toBe("满意度测评");
    // Mobile first: nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByLabel("满意", { exact: true }).check();
    await page.getByLabel(/意见或建议/).fill("窗口办事快，态度好");
    await page.getByRole("button", { name: "提交" }).click();
    await page.waitForSelector("h1.ok");
    expect(await page.locator("h1").textContent()).toBe("提交成功，谢谢您！");
  });

  test("a code answers once: the page and the form both refuse it again, and the answer stands", async () => {
    await page.goto(`${pageUrl}?c=${codes[0]}`);
    expect(await page.locator("h1").textContent()).toBe("这个答题码已经作答");
    const again = await postForm(pageUrl, { code: codes[0]!, choice: "poor" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("这次提交没有计入");
    const [row] = await h.bot.db.select().from(surveyCodes).where(eq(surveyCodes.code, codes[0]!));
    expect(row).toMatchObject({ choice: "good", comment: "窗口办事快，态度好" });
  });

  test("a code typed by hand, in lower case with a dash, works without JavaScript", async () => {
    const typed = `${codes[1]!.slice(0, 5).toLowerCase()}-${codes[1]!.slice(5).toLowerCase()}`;
    const p = await browser.context.newPage();
    // Scripts off in this tab (Chromium's own switch, over CDP): the plain form is all there is.
    const cdp = await browser.context.newCDPSession(p);
    await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
    await p.goto(pageUrl);
    await p.getByLabel("满意", { exact: true }).check();
    await p.getByLabel(/答题码/).fill(typed);
    await p.getByRole("button", { name: "提交" }).click();
    await p.waitForSelector("h1");
    expect(await p.locator("h1").textContent()).toBe("提交成功，谢谢您！");
    await p.close();
  });

  test("bad input gets the form back with what to fix, in Chinese, never a 500", async () => {
    const noChoice = await postForm(pageUrl, { code: codes[2]! });
    expect(noChoice.status).toBe(400);
    expect(await noChoice.text()).toContain("请选择满意、基本满意或不满意中的一项");
    const badCode = await postForm(pageUrl, { code: "不是码", choice: "good" });
    expect(badCode.status).toBe(400);
    expect(await badCode.text()).toContain("答题码应为 10 位字母和数字");
    const unknown = await postForm(pageUrl, { code: "ABCDEFGHJK", choice: "good" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("没有这个答题码");
    const forged = await postForm(pageUrl, { code: codes[2]!, choice: "excellent" });
    expect(forged.status).toBe(400);
    const long = await postForm(pageUrl, { code: codes[2]!, choice: "good", comment: "很".repeat(201) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("意见最多 200 字");
    const huge = await postForm(pageUrl, { code: codes[2]!, choice: "good", comment: "x".repeat(20_000) });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("提交的内容太长");
    const stray = await fetch(`${pageUrl}/elsewhere`);
    expect(stray.status).toBe(404);
    expect(await stray.text()).toContain("找不到这份问卷");
    const nobody = await fetch(`${h.bot.url}/survey/${"a".repeat(32)}`);
    expect(nobody.status).toBe(404);
    expect(await nobody.text()).toContain("找不到这份问卷");
    const garbage = await fetch(pageUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(garbage.status).toBe(400);
    // None of it spent a code.
    const spent = await h.bot.db.select().from(surveyCodes).where(eq(surveyCodes.code, codes[2]!));
    expect(spent[0]!.answeredAt).toBeNull();
  });

  test("closing feeds 公众形象 as the 群众 rating; 成绩 shows the sample beside the score", async () => {
    // Two answers so far (满意, 满意); then 基本满意 and 不满意.
    expect((await postForm(pageUrl, { code: codes[2]!, choice: "fair" })).status).toBe(200);
    expect((await postForm(pageUrl, { code: codes[3]!, choice: "poor" })).status).toBe(200);
    expect(await ask(LEADER, "问卷")).toContain("进行中，已收 4 份（至少 3 份）");
    expect(await ask(ZHANG, "问卷 结束 1")).toContain("只有负责人");
    expect(await ask(LEADER, `评分 @${ZHANG.name} 业务 90`)).toContain("90");
    const closed = await ask(LEADER, "问卷 结束 1");
    // (2 × 100 + 1 × 60 + 1 × 0) ÷ 4 = 65.00
    expect(closed).toContain("满意 2，基本满意 1，不满意 1");
    expect(closed).toContain("得分 **65.00**（样本 4 份）");
    expect(closed).toContain("计入 3 人");
    const fed = await h.bot.db
      .select()
      .from(ratings)
      .where(and(eq(ratings.raterGroup, "public"), isNull(ratings.supersededAt)));
    expect(fed.map((r) => [r.memberId, r.dimension, r.score]).sort()).toEqual(
      [
        [memberOf(LEADER.openId), "image", 65],
        [memberOf(LI.openId), "image", 65],
        [memberOf(ZHANG.openId), "image", 65],
      ].sort(),
    );
    // 业务工作 90 × 50% = 45; 公众形象 65 × 30% = 19.5; 服务对象满意度 not rated yet: 0. Total 64.50.
    const score = await ask(ZHANG, "成绩");
    expect(score).toContain("64.5");
    expect(score).toContain("公众形象：群众评价 65.00 分（样本 4 份）");
    expect(score).toContain("公众形象 = 群众 65（问卷，样本 4 份） = 65.00 分");
    expect(score).not.toContain("人平均");
    // Closed: the page says so, and no answer is taken any more.
    const late = await postForm(pageUrl, { code: codes[4]!, choice: "good" });
    expect(late.status).toBe(410);
    expect(await late.text()).toContain("问卷已结束");
    expect(await ask(LEADER, "问卷 结束 1")).toContain("已经结束");
  });

  test("a dimension below its minimum sample is marked, and nothing is averaged in", async () => {
    const card = await ask(LEADER, `问卷 开 服务对象 @${LI.name} 份数 5 最少 3`);
    expect(card).toContain("李四 · 服务对象满意度");
    const [link] = urls(card);
    const [slips] = urls(privateCard());
    const mine = await slipCodes(slips!);
    expect((await postForm(link!, { code: mine[0]!, choice: "good" })).status).toBe(200);
    expect((await postForm(link!, { code: mine[1]!, choice: "good" })).status).toBe(200);
    const closed = await ask(LEADER, "问卷 结束 2");
    expect(closed).toContain("样本不足：2 份，少于 3 份，未计入得分");
    const live = await h.bot.db
      .select()
      .from(ratings)
      .where(and(eq(ratings.dimension, "service"), isNull(ratings.supersededAt)));
    expect(live).toHaveLength(0);
    const score = await ask(LI, "成绩");
    expect(score).toContain("服务对象满意度：群众评价样本不足（2/3 份），未计入得分");
    expect(score).toContain("公众形象：群众评价 65.00 分（样本 4 份）");
    // A person's own survey is theirs and the leaders' to see; the whole group's is everyone's.
    const seenByZhang = await ask(ZHANG, "问卷");
    expect(seenByZhang).toContain("问卷1 综合办公室 · 公众形象");
    expect(seenByZhang).not.toContain("李四");
    expect(await ask(LEADER, "问卷")).toContain("问卷2 李四 · 服务对象满意度");
  });
});

describe("vote totals imported from a sheet", () => {
  const csv = (text: string) => new TextEncoder().encode(text);

  test("a sheet with problems imports nothing and lists each problem by row and column", async () => {
    const res = await h.sendFile(
      LEADER.openId,
      "11月测评票数.csv",
      csv("姓名,维度,满意,基本满意,不满意\n张三,服务对象,30,八,2\n王五,公众形象,1,1,1\n"),
    );
    expect(res.status).toBe(200);
    await h.bot.idle();
    const sent = h.lark.mock.sentMessages({ chatId: OFFICE.chatId });
    const answer = JSON.stringify(sent[sent.length - 1]!.parsed);
    expect(answer).toContain("测评票数没有导入");
    expect(answer).toContain("第 2 行「基本满意」：「八」不是票数");
    // Well-formed rows naming nobody here, or no dimension of the scheme: refused the same way.
    await h.sendFile(
      LEADER.openId,
      "测评票数.csv",
      csv("姓名,维度,满意,基本满意,不满意\n王五,公众形象,1,1,1\n张三,卫生,1,1,1\n"),
    );
    await h.bot.idle();
    const sentAgain = h.lark.mock.sentMessages({ chatId: OFFICE.chatId });
    const second = JSON.stringify(sentAgain[sentAgain.length - 1]!.parsed);
    expect(second).toContain("第 2 行「姓名」：本群没有「王五」");
    expect(second).toContain("第 3 行「维度」：方案里没有「卫生」这个维度");
    expect(await h.bot.db.select().from(surveys).where(eq(surveys.source, "import"))).toHaveLength(0);
  });

  test("staff sharing a tally in the group are not taken for an import", async () => {
    const before = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length;
    await h.sendFile(ZHANG.openId, "测评票数.csv", csv("姓名,维度,满意,基本满意,不满意\n张三,服务对象,40,0,0\n"));
    await h.bot.idle();
    expect(h.lark.mock.sentMessages({ chatId: OFFICE.chatId })).toHaveLength(before);
    expect(await h.bot.db.select().from(surveys).where(eq(surveys.source, "import"))).toHaveLength(0);
  });

  test("the leader's tally feeds the leaf with its sample; 成绩 adds it up by hand", async () => {
    const res = await h.sendFile(
      LEADER.openId,
      "2026-11 测评票数.csv",
      csv("姓名,维度,满意,基本满意,不满意,最少样本\n张三,服务对象满意度,30,8,2,\n李四,服务对象满意度,3,1,0,10\n"),
    );
    expect(res.status).toBe(200);
    await h.bot.idle();
    const sent = h.lark.mock.sentMessages({ chatId: OFFICE.chatId });
    const answer = JSON.stringify(sent[sent.length - 1]!.parsed);
    expect(answer).toContain("测评票数已导入");
    // 张三: (30 × 100 + 8 × 60 + 2 × 0) ÷ 40 = 87.00, 40 ≥ the default 30.
    expect(answer).toContain("张三 · 服务对象满意度（2026-11）：得分 **87.00**（样本 40 份）");
    // 李四: 4 answers, fewer than the sheet's 10.
    expect(answer).toContain("李四 · 服务对象满意度（2026-11）：样本不足：4 份，少于 10 份，未计入得分");
    // 45 + 19.5 + 87 × 20% = 17.4 → 81.90.
    const score = await ask(ZHANG, "成绩");
    expect(score).toContain("81.9");
    expect(score).toContain("服务对象满意度：群众评价 87.00 分（样本 40 份）");
    // The item's own explanation names the sample too, never 「1 人平均」 (review defect).
    expect(score).toContain("服务对象满意度 = 群众 87（问卷，样本 40 份） = 87.00 分");
    expect(score).not.toContain("人平均");
    const detail = await ask(ZHANG, "明细");
    expect(detail).toContain("服务对象满意度 87（群众：问卷3 样本 40 份）");
    expect(detail).not.toContain("survey:");
    expect(await ask(LEADER, "问卷")).toContain("问卷3 张三 · 服务对象满意度（导入票数）");
  });
});

describe("the export", () => {
  test("导出 has a 群众评价 sheet: each survey's votes, its sample beside its score, and whether it counted", async () => {
    const out = await exportWorkbook(h.bot.db, {
      platform: "lark",
      tenantKey: TENANT,
      period: parseExportPeriod("2026-11")!,
      at: h.clock.now(),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.bytes) as never);
    const sheet = wb.getWorksheet("群众评价")!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      [
        "部门",
        "月份",
        "问卷",
        "对象",
        "维度",
        "来源",
        "满意",
        "基本满意",
        "不满意",
        "样本",
        "最少样本",
        "得分",
        "计入",
      ],
      ["综合办公室", "2026-11", "问卷1", "全体", "公众形象", "问卷页", 2, 1, 1, 4, 3, 65, "已计入"],
      ["综合办公室", "2026-11", "问卷2", "李四", "服务对象满意度", "问卷页", 2, 0, 0, 2, 3, 100, "样本不足，未计入"],
      ["综合办公室", "2026-11", "问卷3", "张三", "服务对象满意度", "导入票数", 30, 8, 2, 40, 30, 87, "已计入"],
      ["综合办公室", "2026-11", "问卷4", "李四", "服务对象满意度", "导入票数", 3, 1, 0, 4, 10, 90, "样本不足，未计入"],
    ]);
    // The results sheet carries the scores the 群众 ratings made: 张三 81.90.
    const results = wb.getWorksheet("成绩汇总")!;
    const header = (results.getRow(1).values as unknown[]).slice(1);
    const zhang = [...Array(results.rowCount).keys()]
      .map((i) => (results.getRow(i + 1).values as unknown[]).slice(1))
      .find((r) => r[1] === ZHANG.name)!;
    expect(zhang[header.indexOf("总分")]).toBe(81.9);
    expect(zhang[header.indexOf("公众形象")]).toBe(65);
  });

  test("the quarter's report card lists each survey with its month, its sample beside its score, or 样本不足", async () => {
    const [group] = await h.bot.db.select().from(groups).where(eq(groups.chatId, OFFICE.chatId));
    const messages = await quarterlyReport(h.bot.db, group!, "2026-Q4", new Date("2027-01-04T02:00:00Z"));
    const card = (openId: string) =>
      JSON.stringify(messages.find((m) => m.to.type === "open_id" && m.to.id === openId)?.card);
    expect(card(ZHANG.openId)).toContain(
      "11月 公众形象：群众评价 65.00 分（样本 4 份）\\n11月 服务对象满意度：群众评价 87.00 分（样本 40 份）",
    );
    const li = card(LI.openId);
    expect(li).toContain("11月 服务对象满意度：群众评价样本不足（2/3 份），未计入得分");
    expect(li).toContain("11月 服务对象满意度：群众评价样本不足（4/10 份），未计入得分");
    expect(li).not.toContain("87.00");
  });
});
