import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { records } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness, memberOf } from "../support/bot-harness";
import { approveClaim, ask as askIn, type Person } from "../support/tenant-groups";

/**
 * 出勤 computed from the daily records through the real bot, in October 2026:
 * 国庆 1–7 off, Saturday the 10th a 调休 workday, 18 workdays from the 8th.
 * 张三 records every workday; 李四 misses the 调休 Saturday and the 20th (and
 * 补报s the 20th two days later: approved, but not on time), and is on leave
 * on the 26th and 27th.
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
  await ask(LI, "请假 10-26 10-27 年假");
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

describe("attendance (出勤) computed from the records", () => {
  test("every workday on time, the 调休 Saturday included: 100", async () => {
    const card = await ask(ZHANG, "成绩 上月");
    expect(card).toContain("出勤：按时提交日报 18 / 18 个工作日 = 100.00 分");
    expect(card).toContain("91.00"); // 90 × 90% + 100 × 10%
  });

  test("a missed 调休 Saturday and a late 补报 count as missed; leave is not due", async () => {
    // The 补报 was approved and stored as the 20th's record, filed on the 22nd.
    const backfilled = (await h.bot.db.select().from(records)).filter(
      (r) => r.memberId === memberOf(LI.openId) && r.date === "2026-10-20",
    );
    expect(backfilled.map((r) => r.text)).toEqual(["整理档案"]);
    const card = await ask(LI, "成绩 上月");
    // 18 − 2 on leave = 16 due; 14 kept (the 10th missed, the 20th only backfilled).
    expect(card).toContain("出勤：按时提交日报 14 / 16 个工作日 = 87.50 分");
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
    expect(await ask(ZHANG, "成绩")).toContain("出勤：按时提交日报 1 / 1 个工作日 = 100.00 分");
  });
});
