/**
 * The 学期成绩单 job (issue 14 item 6): due from the first workday of a month a semester can begin in, it sends only
 * where the group's scheme has a school year and a semester ended with the month before, once. Here a school whose
 * second semester begins in March (`"secondTerm": 3`) and whose 测评 are 20% each: its 第一学期 (September–February)
 * card goes out in March, not February.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createWorkCalendar } from "../../src/domain/calendar";
import { dueJobs } from "../../src/domain/schedule";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";

const LEADER = OFFICE.owner;
const [ZHANG, LI] = OFFICE.members as [{ openId: string; name: string }, { openId: string; name: string }];

const SCHEME = {
  rules: 2,
  name: "某中学教师",
  dimensions: [{ key: "work", name: "工作", weight: 100 }],
  yearReviews: [
    { key: "term1", name: "第一学期测评", weight: 20 },
    { key: "term2", name: "第二学期测评", weight: 20 },
  ],
  schoolYear: { secondTerm: 3, reviews: ["term1", "term2"] },
  grades: [{ name: "优秀", quota: 1 }, { name: "合格" }],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2025-10-15T02:00:00Z" });
  await h.addBotToOffice();
});
afterAll(() => h.close());

async function say(from: { openId: string }, text: string) {
  const mentions = [ZHANG, LI].filter((p) => text.includes(`@${p.name}`));
  expect((await h.say(from.openId, text, { mentions })).status).toBe(200);
  await h.bot.idle();
}
const cards = (openId: string) =>
  h.lark.mock
    .sentMessages({ openId })
    .map((m) => JSON.stringify(m.parsed))
    .filter((c) => c.includes("学期成绩单"));
const run = async (iso: string) => (await h.bot.runJobs(new Date(iso))).filter((r) => r.kind === "semester-report");

describe("the 学期成绩单 job", () => {
  test("due from the first workday of January–April and July–October only, for the month", () => {
    const kinds = (iso: string) =>
      dueJobs(new Date(iso), { timezone: "Asia/Shanghai" }, createWorkCalendar())
        .filter((j) => j.kind === "semester-report")
        .map((j) => j.period);
    expect(kinds("2026-02-02T01:05:00Z")).toEqual(["2026-02"]);
    expect(kinds("2026-02-02T00:30:00Z")).toEqual([]); // 08:30, before the 09:00 broadcast
    expect(kinds("2026-05-11T02:00:00Z")).toEqual([]);
    expect(kinds("2026-12-01T02:00:00Z")).toEqual([]);
  });

  test("a group without a school year gets nothing", async () => {
    await say(LEADER, `评分 @${ZHANG.name} 联村 90`);
    expect(await run("2026-09-01T02:00:00Z")).toEqual([
      { group: expect.any(String), kind: "semester-report", period: "2026-09", queued: 0 },
    ]);
    expect(cards(ZHANG.openId)).toEqual([]);
  });

  test("第一学期 September–February: nothing in February, the cards in March — 张三 0.8 × (80 + 90) / 2 + 0.2 × 95 = 87.00", async () => {
    h.clock.set("2025-10-15T03:00:00Z");
    await say(LEADER, `方案 导入 ${JSON.stringify(SCHEME)}`);
    await say(LEADER, `评分 @${ZHANG.name} 工作 80`);
    await say(LEADER, `评分 @${LI.name} 工作 70`);
    h.clock.set("2026-02-10T02:00:00Z");
    await say(LEADER, `评分 @${ZHANG.name} 工作 90`);
    await say(LEADER, `评分 @${LI.name} 工作 90`);
    await say(LEADER, `评分 @${ZHANG.name} 第一学期测评 95`);
    // February is still 第一学期 here: no card.
    expect((await run("2026-02-10T03:00:00Z")).map((r) => r.queued)).toEqual([0]);
    expect(cards(ZHANG.openId)).toEqual([]);
    // March: 2 cards and the group's line. 李四 has no 测评: (70 + 90) / 2 = 80.00.
    expect((await run("2026-03-02T02:00:00Z")).map((r) => r.queued)).toEqual([3]);
    await h.bot.idle();
    expect(cards(ZHANG.openId)).toHaveLength(1);
    expect(cards(ZHANG.openId)[0]).toContain("2025—2026学年第一学期成绩单");
    expect(cards(ZHANG.openId)[0]).toContain("10月 80.00、2月 90.00");
    expect(cards(ZHANG.openId)[0]).toContain("**87.00 分** · 名次 1 / 2 · 等次 优秀");
    expect(cards(LI.openId)[0]).toContain("第一学期测评**：未评，暂不计入");
    expect(cards(LI.openId)[0]).toContain("**80.00 分** · 名次 2 / 2 · 等次 合格");
    // Once: a later tick of March sends nothing new.
    expect((await run("2026-03-03T02:00:00Z")).map((r) => r.queued)).toEqual([0]);
  });
});
