import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { silentLogger } from "../../src/bot/deps";
import { DEMO_GROUPS, DEMO_OFFICE } from "../../src/channels/local/demo";
import { startMockLarkServer } from "../../src/channels/local/mock-lark";
import { loadConfig } from "../../src/config";
import { claims, goals, groups, records, tenantAdmins } from "../../src/db/schema";
import { startNodeBot, type NodeBot } from "../../src/node/start";
import { launchChromium } from "../support/browser";

/**
 * The playground in real headless Chromium: the page seals events with Web Crypto and posts
 * them to /lark/events, reads the bot's messages from the Lark mock, and draws the cards.
 * Screenshots of the key screens go to test-results/playground/ (not committed).
 */
const SHOTS = join(process.cwd(), "test-results", "playground");
const office = DEMO_GROUPS[0]!;
const [zhang] = office.members;

let dir: string;
let bot: NodeBot;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let seeded: { records: number; claims: number };
const problems: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-playground-"));
  await mkdir(SHOTS, { recursive: true });
  bot = await startNodeBot(loadConfig({ PORT: "0", DATABASE_URL: `file:${join(dir, "playground.db")}` }), {
    log: silentLogger,
  });
  seeded = {
    records: (await bot.db.select().from(records)).length,
    claims: (await bot.db.select().from(claims)).length,
  };
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => void (m.type() === "error" && problems.push(`console: ${m.text()}`)));
  page.on("dialog", (d) => void d.accept());
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await bot?.close();
  await rm(dir, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const card = (title: string | RegExp) =>
  page.locator(".msg.from-bot .card").filter({ has: page.locator(".card-title", { hasText: title }) });
const RANKING = /· \d+ 月排名$/;

/** How much of a canvas VChart painted: a drawn chart inks thousands of pixels, an empty one none. */
const inkedPixels = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext("2d")!.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });

/** The rectangle of a locator and of the message list, to judge what a visitor sees without scrolling. */
const box = async (l: Locator) => (await l.boundingBox())!;

/** Runs the guide's current step with its button; returns the step's text. */
async function guideStep(expectCount: string): Promise<string> {
  await page.locator("#guide .guide-count", { hasText: expectCount }).waitFor();
  const text = (await page.locator("#guide .guide-text").textContent())!;
  await page.click("#guide .guide-do");
  return text;
}

describe("the playground in headless Chromium, as a first-time visitor at 1366×860", () => {
  test("the first screen: the group, a guide for 张三's first step, most of the height for messages, no wiring on show", async () => {
    await page.goto(`${bot.url}/`);
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.locator("#who").textContent()).toBe(`${zhang!.name} · 员工`);
    expect(await page.locator("#chat-title").textContent()).toBe(office.name);
    expect(await page.locator("#guide .guide-count").textContent()).toBe("1/5");
    // The messages get most of the window: header, chat title and guide together stay small.
    const messages = await box(page.locator("#messages"));
    expect(messages.height / 860).toBeGreaterThan(0.7);
    // The time panel waits for ⏱; the wiring (/lark/events, the admin route, encryption) sits in a closed fold.
    expect(await page.locator("#jobs").isVisible()).toBe(false);
    const visible = await page.locator("body").innerText();
    for (const word of ["/lark/events", "/admin/jobs", "加密"]) expect(visible).not.toContain(word);
    await page.click("#about summary");
    expect(await page.locator("#about").innerText()).toContain("/lark/events");
    await page.click("#about summary");
    // The group shows the month, not three days: records said in the group on many days.
    expect(await page.locator("#messages .day").count()).toBeGreaterThanOrEqual(15);
    await shot("01-first-screen");
  });

  test("the guide's first step, 「排名 上月」, answers with the ranking and its chart", async () => {
    const before = await card(RANKING).count();
    expect(await guideStep("1/5")).toContain("排名");
    const ranking = card(RANKING).nth(before);
    await ranking.locator("tbody tr").first().waitFor();
    const chart = ranking.locator(".card-chart[data-drawn=true] canvas");
    await chart.waitFor();
    expect(await inkedPixels(chart)).toBeGreaterThan(1000);
    await ranking.scrollIntoViewIfNeeded();
    await shot("02-ranking-chart");
  });

  test("the second step files a record; its 撤回 button is as wide as its text, as in Feishu", async () => {
    await guideStep("2/5");
    expect(await page.inputValue("#input")).toBe("日报 今天整理了档案目录");
    await page.fill("#input", "日报 在浏览器里整理了档案目录");
    await page.click("#send");
    const receipt = card("已记录").filter({ hasText: "在浏览器里整理了档案目录" });
    const undo = receipt.locator(".card-btn", { hasText: "撤回" });
    await undo.waitFor({ state: "visible" });
    expect((await box(undo)).width).toBeLessThan((await box(receipt)).width / 3);
    await shot("03-receipt");
    const stored = await bot.db.select().from(records).where(eq(records.text, "在浏览器里整理了档案目录"));
    expect(stored).toHaveLength(1);
  });

  test("the third step says a day's work without 「日报」: the bot offers 「记为日报」, and the button files it", async () => {
    const said = "今天核对了上周的会议纪要";
    await guideStep("3/5");
    const suggestion = card("要记为日报吗？").filter({ hasText: said });
    const file = suggestion.locator(".card-btn", { hasText: "记为日报" });
    await file.waitFor({ state: "visible" });
    await suggestion.scrollIntoViewIfNeeded();
    await shot("03b-record-suggestion");
    expect(await bot.db.select().from(records).where(eq(records.text, said))).toHaveLength(0);
    await file.click();
    await expect
      .poll(async () => (await bot.db.select().from(records).where(eq(records.text, said))).length, { timeout: 10_000 })
      .toBe(1);
  });

  test("the fourth step shows 张三's score; the fifth switches to 李主任, who lands on the pending claim", async () => {
    await guideStep("4/5");
    await card(`${zhang!.name} · `).filter({ hasText: "维度" }).first().waitFor();
    expect(await guideStep("5/5")).toContain(office.owner.name);
    expect(await page.locator("#who").textContent()).toBe(`${office.owner.name} · 负责人`);
    // Straight to the private chat, on the newest card still waiting, in view and highlighted.
    expect(await page.locator("#chat-title").textContent()).toContain("私聊");
    const approval = card(`申报加分 · ${zhang!.name}`);
    await page.locator(".msg.focus .card-title", { hasText: `申报加分 · ${zhang!.name}` }).waitFor();
    const [shown, list] = [await box(approval.locator(".card-header")), await box(page.locator("#messages"))];
    expect(shown.y).toBeGreaterThanOrEqual(list.y);
    expect(shown.y + shown.height).toBeLessThanOrEqual(list.y + list.height);
    expect(await page.locator("#guide .guide-text").textContent()).toContain("1 条申报待审批");
    await shot("04-leader-pending");
  });

  test("李主任 approves on the card; it changes in place and says its status once", async () => {
    const approval = card(`申报加分 · ${zhang!.name}`);
    await approval.locator(".card-btn", { hasText: "同意" }).click();
    await approval.locator(".card-subtitle", { hasText: "已同意" }).waitFor();
    expect(await approval.locator(".card-btn", { hasText: "同意" }).count()).toBe(0);
    expect(await approval.locator(".card-body").innerText()).not.toContain("已同意");
    await shot("05-approved");
    const [group] = await bot.db.select().from(groups).where(eq(groups.chatId, office.chatId));
    const [claim] = await bot.db.select().from(claims).where(eq(claims.groupId, group!.id));
    expect(claim!.status).toBe("approved");
    // Nothing is pending any more: the guide offers 「待办」 instead.
    await page.selectOption("#identity", zhang!.openId);
    await page.selectOption("#identity", office.owner.openId);
    expect(await page.locator("#guide .guide-text").textContent()).toContain("待办");
  });

  test("the guide folds away and stays folded after a reload; 「引导」 brings it back", async () => {
    await page.click("#guide .guide-close");
    expect(await page.locator("#guide").isVisible()).toBe(false);
    expect(await page.getAttribute("#toggle-guide", "aria-pressed")).toBe("false");
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.locator("#guide").isVisible()).toBe(false);
    await page.click("#toggle-guide");
    expect(await page.locator("#guide").isVisible()).toBe(true);
  });

  test("the group's welcome card says who was read, not 「正在读取群成员……」", async () => {
    await page.selectOption("#identity", zhang!.openId);
    await page.locator('.chat-item[data-chat="group"]').click();
    const welcome = card("绩效考核机器人已加入本群");
    await welcome.waitFor();
    const text = await welcome.innerText();
    expect(text).toContain(`已读取群成员：共 ${office.members.length + 2} 人；考核负责人：${office.owner.name}`);
    expect(text).not.toContain("正在读取");
  });

  test("⏱ opens and closes the time panel; the monthly ranking runs as of the 1st and its chart is drawn", async () => {
    await page.click("#toggle-time");
    expect(await page.locator("#jobs").isVisible()).toBe(true);
    expect(await page.getAttribute("#toggle-time", "aria-pressed")).toBe("true");
    await page.click("#toggle-time");
    expect(await page.locator("#jobs").isVisible()).toBe(false);
    await page.click("#toggle-time");
    await page.selectOption("#job", "monthly-ranking");
    await page.click("#run-job");
    await page.locator(".job-head").waitFor({ timeout: 20_000 });
    expect(await page.locator("#job-result").innerText()).toContain("考核排名");
    // Everyone got their own place privately, and each group its ranking.
    const recipients = await page.locator(".recipients > li").count();
    expect(recipients).toBe(DEMO_GROUPS.reduce((n, g) => n + 1 + g.members.length, 0));
    await page.locator(".recipients summary", { hasText: office.name }).click();
    const chart = page.locator(".recipients .card-chart[data-drawn=true] canvas").first();
    await chart.waitFor();
    expect(await inkedPixels(chart)).toBeGreaterThan(1000);
    await shot("06-time-ranking");
    await page.click("#toggle-time");
  });

  test("the appraisal office sees a target's progress, ranks everyone, and downloads the quarter's xlsx", async () => {
    // 王老师 became the tenant's 管理员 in the demo history (李主任 configured first, appointed them, handed over).
    expect((await bot.db.select().from(tenantAdmins)).map((a) => a.userId)).toEqual([DEMO_OFFICE.openId]);
    await page.selectOption("#identity", DEMO_OFFICE.openId);
    expect(await page.locator("#who").textContent()).toBe(`${DEMO_OFFICE.name} · 考核办`);
    // A member of every group, so they can speak in each.
    expect(await page.locator('.chat-item[data-chat="group"]').count()).toBe(DEMO_GROUPS.length);
    await page.locator('.chat-item[data-chat="group"]', { hasText: office.name }).click();
    const [goal] = await bot.db.select().from(goals).where(eq(goals.title, "编写政务信息 20 篇"));
    await page.fill("#input", `目标 ${goal!.period}`);
    await page.click("#send");
    const targets = card(`目标完成情况 · ${goal!.period}`);
    await targets.locator("tbody tr", { hasText: "编写政务信息 20 篇" }).waitFor();
    expect(await targets.locator("tbody tr").first().innerText()).toMatch(/\d+\.\d\d%/);

    // Privately: everyone across both groups, ranked; then the export as a Lark file message.
    await page.click('.chat-item[data-chat="p2p"]');
    await page.fill("#input", "全员排名 上月");
    await page.click("#send");
    const ranking = card(/^全员排名/);
    await ranking.locator("tbody tr").first().waitFor();
    const ranked = await ranking.innerText();
    for (const g of DEMO_GROUPS) expect(ranked).toContain(g.name);
    const chip = page.locator(".chip", { hasText: /^导出 / });
    const name = `绩效考核_${(await chip.textContent())!.slice(3)}.xlsx`;
    await chip.click();
    await card("正在导出").waitFor();
    const file = page.locator(".msg.from-bot .file-bubble", { hasText: name });
    await file.waitFor({ timeout: 20_000 });
    expect(await file.getAttribute("download")).toBe(name);
    await shot("05-office");
    // The link downloads the workbook the bot uploaded: an xlsx is a zip.
    const got = await file.evaluate(async (a: HTMLAnchorElement) => {
      const res = await fetch(a.href);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, head: String.fromCharCode(bytes[0]!, bytes[1]!), size: bytes.length };
    });
    expect(got).toMatchObject({ status: 200, head: "PK" });
    expect(got.size).toBeGreaterThan(1000);
  });

  test("the card renderer draws every element the bot's cards use, and user text stays text", async () => {
    // The page's own module, as the browser loads it.
    await page.addScriptTag({
      type: "module",
      content: "import { renderCard } from '/playground/card.js'; window.renderCardForTest = renderCard;",
    });
    await page.waitForFunction(() => "renderCardForTest" in window);
    const drawn = await page.evaluate(async () => {
      const renderCard = (window as unknown as { renderCardForTest: (card: unknown, ctx: unknown) => HTMLElement })
        .renderCardForTest;
      const card = {
        schema: "2.0",
        config: { update_multi: true },
        header: {
          title: { tag: "plain_text", content: "标题" },
          subtitle: { tag: "plain_text", content: "副标题" },
          template: "orange",
        },
        body: {
          elements: [
            {
              tag: "markdown",
              content:
                '**粗体** <font color=\'red\'>红</font> \\<b\\>转义\\</b\\> <img src=x onerror="window.__xss=1"> [坏链接](javascript:alert(1)) <at user_id="ou_e5580fe91f5c5b506c9a6fe02985627e"></at>',
            },
            { tag: "hr" },
            {
              tag: "column_set",
              flex_mode: "none",
              columns: [
                { tag: "column", width: "weighted", weight: 1, elements: [{ tag: "markdown", content: "左" }] },
                { tag: "column", width: "weighted", weight: 1, elements: [{ tag: "markdown", content: "右" }] },
              ],
            },
            {
              tag: "table",
              page_size: 2,
              columns: [
                { name: "n", display_name: "姓名", data_type: "text" },
                { name: "s", display_name: "分", data_type: "number", format: { precision: 2 } },
              ],
              rows: [
                { n: "甲", s: 1 },
                { n: "乙", s: 2 },
                { n: "丙", s: 3 },
              ],
            },
            {
              tag: "button",
              width: "fill",
              text: { tag: "plain_text", content: "整行" },
              behaviors: [{ type: "open_url", default_url: "https://open.feishu.cn/" }],
            },
            {
              tag: "form",
              name: "f",
              elements: [
                { tag: "input", name: "comment", required: true, placeholder: { tag: "plain_text", content: "意见" } },
                {
                  tag: "select_static",
                  name: "who",
                  options: [{ text: { tag: "plain_text", content: "张三" }, value: "z" }],
                },
                { tag: "date_picker", name: "day", initial_date: "2026-11-30" },
                {
                  tag: "button",
                  name: "ok",
                  form_action_type: "submit",
                  text: { tag: "plain_text", content: "提交" },
                  behaviors: [{ type: "callback", value: { a: "x" } }],
                },
              ],
            },
          ],
        },
      };
      const actions: unknown[] = [];
      const toasts: unknown[] = [];
      const el = renderCard(card, {
        people: { ou_e5580fe91f5c5b506c9a6fe02985627e: "张三" },
        toast: (t: unknown) => toasts.push(t),
        onAction: async (a: unknown) => void actions.push(a),
      });
      document.body.append(el);
      const submit = el.querySelector("form .card-btn") as HTMLButtonElement;
      // Buttons are as wide as their text unless the card asks for "fill".
      const widths = {
        card: el.getBoundingClientRect().width,
        submit: submit.getBoundingClientRect().width,
        fill: el.querySelector(".card-btn.fill")!.getBoundingClientRect().width,
      };
      submit.click(); // the required input is empty: refused, no callback
      (el.querySelector("input[name=comment]") as HTMLInputElement).value = "同意";
      (el.querySelector("select") as HTMLSelectElement).value = "z";
      submit.click();
      await new Promise((r) => setTimeout(r, 50));
      const out = {
        header: el.querySelector(".card-header")!.textContent,
        colour: getComputedStyle(el.querySelector(".card-header")!).backgroundColor,
        bold: el.querySelector(".md strong")?.textContent,
        red: el.querySelector(".font-red")?.textContent,
        escaped: el.querySelector(".md")!.textContent!.includes("<b>转义</b>"),
        at: el.querySelector(".at")?.textContent,
        img: el.querySelectorAll("img").length,
        links: el.querySelectorAll("a").length,
        columns: el.querySelectorAll(".column").length,
        rows: el.querySelectorAll("tbody tr").length,
        number: el.querySelector("tbody td:nth-child(2)")?.textContent,
        date: (el.querySelector("input[type=date]") as HTMLInputElement).value,
        unsupported: el.querySelectorAll(".unsupported").length,
        actions,
        toasts,
        widths,
      };
      el.remove();
      return out;
    });
    expect(drawn).toMatchObject({
      header: "标题副标题",
      colour: "rgb(255, 136, 0)",
      bold: "粗体",
      red: "红",
      escaped: true,
      at: "@张三",
      img: 0,
      links: 0,
      columns: 2,
      rows: 2,
      number: "1.00",
      date: "2026-11-30",
      unsupported: 0,
    });
    expect(drawn.widths.submit).toBeLessThan(drawn.widths.card / 3);
    expect(drawn.widths.fill).toBeGreaterThan(drawn.widths.card * 0.8);
    expect(drawn.toasts).toHaveLength(1);
    expect(drawn.actions).toEqual([
      { value: { a: "x" }, tag: "button", name: "ok", formValue: { comment: "同意", who: "z", day: "2026-11-30" } },
    ]);
  });

  test("reset restores the starting state: the month of history, the claim pending again", async () => {
    // A second tab, open before the reset, reloads by itself afterwards.
    const other = await browser.context.newPage();
    await other.goto(`${bot.url}/`);
    await other.waitForSelector("body[data-ready=true]");
    await other.evaluate(() => ((window as unknown as { beforeReset: boolean }).beforeReset = true));
    await page.click("#reset");
    await page.waitForSelector("#overlay", { state: "visible" });
    await page.waitForSelector("#overlay", { state: "hidden", timeout: 60_000 });
    await other.waitForFunction(() => !("beforeReset" in window), null, { timeout: 15_000 });
    await other.close();
    expect(await bot.db.select().from(records).where(eq(records.text, "在浏览器里整理了档案目录"))).toHaveLength(0);
    expect((await bot.db.select().from(records)).length).toBe(seeded.records);
    const all = await bot.db.select().from(claims);
    expect(all).toHaveLength(seeded.claims);
    expect(all.every((c) => c.status === "pending")).toBe(true);
    // The leader's approval card is back, with its buttons.
    await page.selectOption("#identity", office.owner.openId);
    await page.click('.chat-item[data-chat="p2p"]');
    await card(`申报加分 · ${zhang!.name}`).locator(".card-btn", { hasText: "同意" }).waitFor();
  }, 60_000);

  test("on a phone (390×844): the group and its guide fill the screen, the chart is drawn, and 李主任 lands on the pending claim", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => localStorage.clear()); // a first visit on this phone
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    for (const id of ["#identity", "#toggle-guide", "#toggle-time", "#reset"]) {
      const b = await box(page.locator(id));
      expect(b.x + b.width, id).toBeLessThanOrEqual(390);
    }
    expect(await page.locator("#chat-title").textContent()).toBe(office.name);
    expect((await box(page.locator("#messages"))).height / 844).toBeGreaterThan(0.6);
    await shot("07-phone-first-screen");

    const before = await card(RANKING).count();
    await guideStep("1/5");
    const chart = card(RANKING).nth(before).locator(".card-chart[data-drawn=true] canvas");
    await chart.waitFor();
    expect(await inkedPixels(chart)).toBeGreaterThan(1000);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await card(RANKING).nth(before).scrollIntoViewIfNeeded();
    await shot("08-phone-ranking-chart");

    // Steps can be skipped: on to the last, which switches to 李主任.
    for (let i = 0; i < 3; i++) await page.click("#guide .guide-next");
    await guideStep("5/5");
    const approval = card(`申报加分 · ${zhang!.name}`);
    await page.locator(".msg.focus .card-title", { hasText: `申报加分 · ${zhang!.name}` }).waitFor();
    const [shown, list] = [
      await box(approval.locator(".card-btn", { hasText: "同意" })),
      await box(page.locator("#messages")),
    ];
    expect(shown.y + shown.height).toBeLessThanOrEqual(list.y + list.height);
    await shot("09-phone-pending-claim");
    // ‹ goes back to the chat list.
    await page.click("#back");
    await page.locator(".chat-item").first().waitFor();
    expect(problems).toEqual([]);
  });
});

describe("only in local mode", () => {
  test("a server connected to a real Lark app does not serve the playground", async () => {
    const lark = await startMockLarkServer({ apps: [{ appId: "cli_real", appSecret: "s" }] });
    const dir2 = await mkdtemp(join(tmpdir(), "appraisal-real-"));
    const real = await startNodeBot(
      loadConfig({
        PORT: "0",
        DATABASE_URL: `file:${join(dir2, "real.db")}`,
        LARK_APP_ID: "cli_real",
        LARK_APP_SECRET: "s",
        LARK_VERIFICATION_TOKEN: "t",
        LARK_DOMAIN: lark.url,
      }),
      { log: silentLogger },
    );
    try {
      for (const path of [
        "/",
        "/playground/config.json",
        "/playground/app.js",
        "/playground/vchart.js",
        "/mock-lark/mock/messages",
      ]) {
        expect((await fetch(`${real.url}${path}`)).status, path).toBe(404);
      }
      expect((await fetch(`${real.url}/playground/reset`, { method: "POST" })).status).toBe(404);
      // The local server does serve it.
      expect((await fetch(`${bot.url}/`)).headers.get("content-type")).toContain("text/html");
    } finally {
      await real.close();
      await lark.close();
      await rm(dir2, { recursive: true, force: true });
    }
  });
});

describe("restart", () => {
  test("a restart on the same database keeps the demo's data and replays no history", async () => {
    const before = (await bot.db.select().from(records)).length;
    await bot.close();
    bot = await startNodeBot(loadConfig({ PORT: "0", DATABASE_URL: `file:${join(dir, "playground.db")}` }), {
      log: silentLogger,
    });
    await bot.idle();
    expect((await bot.db.select().from(records)).length).toBe(before);
    expect(await bot.db.select().from(groups)).toHaveLength(DEMO_GROUPS.length);
  });
});
