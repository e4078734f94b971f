import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";

const LEADER = OFFICE.owner;
const [ZHANG, LI] = OFFICE.members as [{ openId: string; name: string }, { openId: string; name: string }];
const SCHEME = {
  name: "年度方案",
  dimensions: [{ key: "work", name: "本职工作", weight: 100 }],
  grades: [
    { name: "优秀", min: 85, quota: 1 },
    { name: "合格", min: 0 },
  ],
  yearWeights: [15, 15, 35, 35],
  annualPool: 10000,
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-02T02:00:00Z" });
  await h.addBotToOffice();
  await h.say(LEADER.openId, `方案 导入 ${JSON.stringify(SCHEME)}`);
  await h.say(LEADER.openId, "评分 @张三 本职 90", { mentions: [ZHANG] });
  await h.say(LEADER.openId, "评分 @李四 本职 60", { mentions: [LI] });
  await h.say(LEADER.openId, "评分 @李主任 本职 50", { mentions: [LEADER] });
  await h.bot.idle();
});
afterAll(() => h.close());

describe("the annual summary (年总结)", () => {
  test("in January, from its first workday: the year's total from the weighted quarters, grade and the bonus pool split to the fen", async () => {
    expect((await h.bot.runJobs(new Date("2027-01-01T02:00:00Z"))).some((r) => r.kind === "annual-summary")).toBe(
      false,
    ); // 元旦
    const runs = await h.bot.runJobs(new Date("2027-01-04T01:05:00Z"));
    expect(runs.find((r) => r.kind === "annual-summary")).toMatchObject({ period: "2026", queued: 4 });
    await h.bot.idle();
    const card = (openId: string) =>
      h.lark.mock
        .sentMessages({ openId })
        .map((m) => JSON.stringify(m.parsed))
        .find((c) => c.includes("2026 年度成绩单"))!;
    // Only Q4 was scored, so it alone makes the year; the pool of 10,000 splits 90 : 60 : 50.
    expect(card(ZHANG.openId)).toContain("90.00 分");
    expect(card(ZHANG.openId)).toContain("等次：优秀");
    expect(card(ZHANG.openId)).toContain("绩效奖金 4500.00 元");
    expect(card(LI.openId)).toContain("绩效奖金 3000.00 元");
    expect(card(LEADER.openId)).toContain("绩效奖金 2500.00 元");
    expect(
      h.lark.mock
        .sentMessages({ chatId: OFFICE.chatId })
        .some((m) => JSON.stringify(m.parsed).includes("2026 年度考核结果")),
    ).toBe(true);
    expect(
      (await h.bot.runJobs(new Date("2027-01-05T01:05:00Z"))).find((r) => r.kind === "annual-summary")?.queued,
    ).toBe(0);
  });
});
