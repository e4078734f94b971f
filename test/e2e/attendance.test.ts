import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { groups, leaves, publications, records } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness, memberOf } from "../support/bot-harness";
import { buttons } from "../support/card-buttons";
import { approveClaim, ask as askIn, type Person } from "../support/tenant-groups";

/**
 * 按时记录率 (what was called 出勤: issue 13 item 9) computed from the daily
 * records through the real bot, in October 2026:
 * 国庆 1–7 off, Saturday the 10th a 调休 workday, 18 workdays from the 8th.
 * 张三 records every workday; 李四 misses the 调休 Saturday and the 20th (and
 * 补报s the 20th two days later: approved, but not on time), and is on 年休假
 * on the 26th and 27th, which the leader approves (篇4 line 74 counts leave by
 * kind: 「全年仅请过1天事假…没有请过半天的病假」).
 */
const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
const PEOPLE: Person[] = [LEADER, ZHANG, LI];
const SCHEME = {
  name: "出勤方案",
  dimensions: [
    { key: "business", name: "业务", weight: 90 },
    { key: "attendance", name: "出勤", weight: 10, source: "attendance" },
  ],
  rankingVisibility: "full",
};
const WORKDAYS = [
  "08",
  "09",
  "10",
  "12",
  "13",
  "14",
  "15",
  "16",
  "19",
  "20",
  "21",
  "22",
  "23",
  "26",
  "27",
  "28",
  "29",
  "30",
].map((d) => `2026-10-${d}`);

let h: Harness;
const ask = (from: Person, text: string) => askIn(h, PEOPLE, from, text, OFFICE.chatId);

beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-10-08T01:00:00Z" });
  await h.addBotToOffice();
  await ask(LEADER, `方案 导入 ${JSON.stringify(SCHEME)}`);
  await ask(LEADER, "评分 @张三 业务 90");
  await ask(LEADER, "评分 @李四 业务 90");
  expect(await ask(LI, "请假 10-26 10-27 年假")).toContain("已登记请假（第 1 号），等负责人批准");
  expect(await ask(ZHANG, "批准请假 1")).toContain("只有负责人可以操作"); // a colleague cannot
  expect(await ask(LI, "批准请假 1")).toContain("只有负责人可以操作"); // nor the one away
  expect(await ask(LEADER, "批准请假 1")).toContain("已批准");
  for (const day of WORKDAYS) {
    h.clock.set(`${day}T10:00:00Z`); // 18:00 in Beijing
    await ask(ZHANG, `日报 ${day} 的工作`);
    if (!["2026-10-10", "2026-10-20", "2026-10-26", "2026-10-27"].includes(day)) await ask(LI, `日报 ${day} 的工作`);
    if (day === "2026-10-22") {
      await ask(LI, "补报 10-20 整理档案");
      await approveClaim(h, LEADER, "整理档案");
    }
  }
  h.clock.set("2026-11-02T02:00:00Z");
}, 120_000);
afterAll(() => h.close());

describe("按时记录率 (formerly 出勤) computed from the records", () => {
  test("every workday on time, the 调休 Saturday included: 100", async () => {
    const card = await ask(ZHANG, "成绩 上月");
    expect(card).toContain("按时记录率（出勤）：按时提交日报 18 / 18 个工作日 = 100.00 分");
    expect(card).toContain("91.00"); // 90 × 90% + 100 × 10%
  });

  test("a missed 调休 Saturday and a late 补报 count as missed; approved leave is not due", async () => {
    // The 补报 was approved and stored as the 20th's record, filed on the 22nd.
    const backfilled = (await h.bot.db.select().from(records)).filter(
      (r) => r.memberId === memberOf(LI.openId) && r.date === "2026-10-20",
    );
    expect(backfilled.map((r) => r.text)).toEqual(["整理档案"]);
    const card = await ask(LI, "成绩 上月");
    // 18 − 2 on leave = 16 due; 14 kept (the 10th missed, the 20th only backfilled).
    expect(card).toContain(
      "按时记录率（出勤）：按时提交日报 14 / 16 个工作日 = 87.50 分（节假日、调休、已批准的请假不计）",
    );
    expect(card).toContain("89.75"); // 81 + 8.75
  });

  test("nobody can type a score for a computed item", async () => {
    expect(await ask(LEADER, "评分 @张三 出勤 50")).toContain("自动计算");
    expect(await ask(ZHANG, "成绩 上月")).toContain("91.00");
  });

  test("in the month so far, today counts only once recorded", async () => {
    // Monday 2 November, 10:00 in Beijing: nothing due yet (the 2nd is today, unrecorded).
    await ask(LEADER, "评分 @张三 业务 90");
    expect(await ask(ZHANG, "成绩")).toContain("本月还没有到期的工作日");
    await ask(ZHANG, "日报 十一月第一天");
    expect(await ask(ZHANG, "成绩")).toContain("按时记录率（出勤）：按时提交日报 1 / 1 个工作日 = 100.00 分");
  });

  test("a leave request with its kind reaches the leader; only once approved are its days not due", async () => {
    const answer = await ask(ZHANG, "请假 11-03 11-04 病假 发烧");
    expect(answer).toContain("已登记请假（第 2 号）");
    expect(answer).toContain("病假：2026-11-03 — 2026-11-04（发烧）");
    await h.bot.idle();
    const card = h.lark.mock
      .sentMessages({ openId: LEADER.openId })
      .map((m) => JSON.stringify(m.parsed))
      .find((m) => m.includes("请假申请 · 张三"))!;
    expect(card).toContain("病假：2026-11-03 — 2026-11-04（2 个工作日）");
    expect(card).toContain("批准请假 2");
    // Thursday 5 November, 10:00: the 2nd was recorded, the 3rd and 4th not; the request is still pending.
    h.clock.set("2026-11-05T02:00:00Z");
    expect(await ask(ZHANG, "成绩")).toContain("按时提交日报 1 / 3 个工作日 = 33.33 分");
    expect(await ask(LEADER, "批准请假 2")).toContain("已批准");
    expect(await ask(ZHANG, "成绩")).toContain("按时提交日报 1 / 1 个工作日 = 100.00 分");
    const [leave] = (await h.bot.db.select().from(leaves)).filter((l) => l.no === 2);
    expect(leave).toMatchObject({ kind: "病假", status: "approved", reason: "发烧" });
    expect(await ask(LEADER, "批准请假 2")).toContain("已处理过");
  });

  test("a rejected leave leaves its days due", async () => {
    expect(await ask(ZHANG, "请假 11-06 事假")).toContain("事假：2026-11-06");
    await h.bot.idle();
    // The leader's card button this time (the reply command above): 驳回.
    const card = h.lark.mock
      .sentMessages({ openId: LEADER.openId })
      .filter((m) => JSON.stringify(m.parsed).includes("事假：2026-11-06"))
      .at(-1)!;
    const res = await h.click(LEADER.openId, buttons(card.parsed).reject!, card.messageId, card.chatId);
    const answer = (await res.json()) as { toast: { type: string; content: string }; card?: unknown };
    await h.bot.idle();
    expect(answer.toast).toEqual({ type: "success", content: "已驳回" });
    expect(JSON.stringify(answer.card)).toContain("已驳回 · 李主任 · 2026-11-05");
    // Monday the 9th: 2nd–6th are 5 workdays, less the approved 3rd and 4th = 3 due (2nd, 5th and the
    // rejected 6th); only the 2nd was recorded: 1 / 3 = 33.33.
    h.clock.set("2026-11-09T02:00:00Z");
    expect(await ask(ZHANG, "成绩")).toContain("按时提交日报 1 / 3 个工作日 = 33.33 分");
    const told = h.lark.mock.sentMessages({ openId: ZHANG.openId }).map((m) => JSON.stringify(m.parsed));
    expect(told.some((m) => m.includes("请假未获批准"))).toBe(true);
  });

  test("the export heads the computed column 按时记录率 (the scheme's name beside it)", async () => {
    expect(await ask(LEADER, "导出 2026-10")).toContain("管理员"); // the first to export becomes the office
    const [file] = await h.lark.mock.waitForMessages((m) => m.sender.type === "app" && m.msgType === "file");
    // The group's 「正在导出」 notice is paced behind the answer in the group's chat and can arrive after the private
    // file; wait for it here, or the next test's first answer would be that notice.
    await h.lark.mock.waitForMessages(
      (m) => m.chatId === OFFICE.chatId && JSON.stringify(m.parsed).includes("正在导出"),
    );
    const stored = h.lark.mock.store.files.get((file!.parsed as { file_key: string }).file_key)!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(stored.bytes) as never);
    const sheet = wb.getWorksheet("成绩汇总")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header).toContain("按时记录率（出勤）");
    expect(header).not.toContain("出勤");
    const li = [...Array(sheet.rowCount).keys()]
      .map((i) => sheet.getRow(i + 1))
      .find((r) => r.getCell(header.indexOf("姓名") + 1).value === LI.name)!;
    expect(li.getCell(header.indexOf("按时记录率（出勤）") + 1).value).toBe(87.5); // 14 / 16 (篇4's leave approved)
  });

  test("leave in a month whose results are final cannot be approved: that is a logged 更正", async () => {
    const [group] = await h.bot.db.select().from(groups).where(eq(groups.chatId, OFFICE.chatId));
    await h.bot.db.insert(publications).values({
      id: "pub_q3_final",
      groupId: group!.id,
      period: "2026-Q3",
      status: "final",
      windowEnds: "2026-10-15",
      publishedAt: new Date("2026-10-08T01:05:00Z"),
      finalizedAt: new Date("2026-10-16T01:05:00Z"),
    });
    h.clock.set("2026-10-20T02:00:00Z");
    expect(await ask(LI, "请假 09-30 病假 补登")).toContain("已登记请假（第 4 号）");
    expect(await ask(LEADER, "批准请假 4")).toContain("成绩已定稿");
    const [leave] = (await h.bot.db.select().from(leaves)).filter((l) => l.no === 4);
    expect(leave).toMatchObject({ status: "pending", kind: "病假" });
  });
});
