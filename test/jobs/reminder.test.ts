import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { groups } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-26T02:00:00Z" });
  await h.addBotToOffice();
});
afterAll(() => h.close());

const groupLines = () =>
  h.lark.mock
    .sentMessages({ chatId: OFFICE.chatId })
    .filter((m) => m.msgType === "text")
    .map((m) => (m.parsed as { text: string }).text);
const nudges = (openId: string) =>
  h.lark.mock.sentMessages({ openId }).filter((m) => JSON.stringify(m.parsed).includes("日报还没交"));
async function reply(from: string, words: string) {
  await h.say(from, words);
  await h.bot.idle();
}

describe("the daily reminder", () => {
  test("at 17:30 in the group's zone: a nudge to each member without a record, one line to the group, leave respected", async () => {
    h.clock.set("2026-11-27T02:00:00Z"); // Friday, 10:00 Shanghai
    await reply(ZHANG.openId, "日报 写完了周报");
    await reply(LI.openId, "请假 11-27 11-30 年休假");
    expect(JSON.stringify(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!.parsed)).toContain("已登记请假");
    expect((await h.bot.runJobs(new Date("2026-11-27T09:29:00Z"))).some((r) => r.kind === "reminder")).toBe(false);
    const runs = await h.bot.runJobs(new Date("2026-11-27T09:31:00Z"));
    expect(runs.find((r) => r.kind === "reminder")).toMatchObject({ period: "2026-11-27", queued: 2 });
    await h.bot.idle();
    expect(groupLines().at(-1)).toBe("今日已交 1/2"); // 李四 is on leave; 李主任 has not recorded
    expect(nudges(LEADER.openId)).toHaveLength(1);
    expect(nudges(ZHANG.openId)).toHaveLength(0);
    expect(nudges(LI.openId)).toHaveLength(0);
    // A second tick the same evening sends nothing new.
    expect((await h.bot.runJobs(new Date("2026-11-27T10:00:00Z"))).find((r) => r.kind === "reminder")?.queued).toBe(0);
  });

  test("no reminder on a weekend or on the unit's own holiday; a make-up Saturday is a workday", async () => {
    expect((await h.bot.runJobs(new Date("2026-11-28T09:31:00Z"))).some((r) => r.kind === "reminder")).toBe(false);
    await reply(LEADER.openId, "设置 放假 2026-12-01");
    expect((await h.bot.runJobs(new Date("2026-12-01T09:31:00Z"))).some((r) => r.kind === "reminder")).toBe(false);
    await reply(LEADER.openId, "设置 上班 2026-12-05");
    expect((await h.bot.runJobs(new Date("2026-12-05T09:31:00Z"))).some((r) => r.kind === "reminder")).toBe(true);
  });

  test("the group's own time, roll-call when asked for, and another time zone", async () => {
    await reply(LEADER.openId, "设置 提醒时间 18:00");
    await reply(LEADER.openId, "设置 提醒点名 开");
    expect((await h.bot.runJobs(new Date("2026-12-02T09:31:00Z"))).some((r) => r.kind === "reminder")).toBe(false);
    await h.bot.runJobs(new Date("2026-12-02T10:01:00Z"));
    await h.bot.idle();
    const line = groupLines().at(-1)!;
    expect(line).toContain("今日已交 0/3");
    expect(line).toContain(`<at user_id="${ZHANG.openId}">张三</at>`);
    await h.bot.db.update(groups).set({ timezone: "Europe/Berlin" }).where(eq(groups.chatId, OFFICE.chatId));
    expect((await h.bot.runJobs(new Date("2026-12-03T10:01:00Z"))).some((r) => r.kind === "reminder")).toBe(false); // 11:01 in Berlin
    expect((await h.bot.runJobs(new Date("2026-12-03T17:01:00Z"))).find((r) => r.kind === "reminder")?.period).toBe(
      "2026-12-03",
    );
  });

  test("settings are for leaders, and bad values are explained", async () => {
    await reply(ZHANG.openId, "设置 提醒时间 17:00");
    expect(JSON.stringify(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!.parsed)).toContain("只有负责人");
    await reply(LEADER.openId, "设置 提醒时间 25:00");
    expect(JSON.stringify(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!.parsed)).toContain(
      "提醒时间 17:30",
    );
  });
});
