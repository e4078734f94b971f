import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, ratings, schemes } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;

/** The scheme from the issue: 联村 40 / 业务 40 (计划 70, 质量 30) / 作风 20. */
const SCHEME = {
  name: "镇机关干部",
  dimensions: [
    { key: "village", name: "联村工作", weight: 40, bonusCapPct: 20 },
    {
      key: "business",
      name: "单位业务",
      weight: 40,
      bonusCapPct: 20,
      children: [
        { key: "plan", name: "计划完成", weight: 70 },
        { key: "quality", name: "质量", weight: 30 },
      ],
    },
    { key: "conduct", name: "管理学习作风", weight: 20 },
  ],
  raters: { leader: 60, peer: 30, self: 10 },
  extraCap: 3,
  awards: { national: 5, provincial: 3, city: 2, county: 1 },
  grades: [
    { name: "优秀", min: 90, quota: 5 },
    { name: "良好", min: 80, quota: 5 },
    { name: "合格", min: 60 },
    { name: "不合格", min: 0 },
  ],
  prizes: [900, 600, 300],
  rankingVisibility: "top",
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z" });
  await h.addBotToOffice();
});
afterAll(() => h.close());

/** Sends as a person (mentioning whoever is written as @name) and returns the bot's reply as text. */
async function ask(from: { openId: string }, text: string): Promise<string> {
  const mentions = [ZHANG, LI, LEADER].filter((p) => text.includes(`@${p.name}`));
  const before = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length;
  const res = await h.say(from.openId, text, { mentions });
  expect(res.status).toBe(200);
  const [reply] = await h.lark.mock.waitForMessages(
    (m) =>
      m.sender.type === "app" && m.seq > 0 && h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).indexOf(m) >= before,
  );
  return JSON.stringify(reply!.parsed);
}

describe("scoring in chat", () => {
  test("a group starts on the default scheme; anyone can see it", async () => {
    const text = await ask(ZHANG, "方案");
    expect(text).toContain("单位干部");
    expect(text).toContain("默认方案");
    expect(await ask(ZHANG, "方案 模板")).toContain("中层干部");
  });

  test("staff cannot score or change the scheme", async () => {
    expect(await ask(ZHANG, "评分 @李四 业务 90")).toContain("只有负责人");
    expect(await ask(ZHANG, "方案 使用 中层干部")).toContain("只有负责人");
    expect(await h.bot.db.select().from(ratings)).toHaveLength(0);
  });

  test("a leader imports a scheme: bad JSON and bad weights are explained, nothing is saved until it is right", async () => {
    expect(await ask(LEADER, "方案 导入 {name: 缺引号}")).toContain("JSON 格式不对");
    const wrong = {
      ...SCHEME,
      dimensions: [
        { key: "a", name: "甲", weight: 50 },
        { key: "b", name: "乙", weight: 40 },
      ],
    };
    const answer = await ask(LEADER, `方案 导入 ${JSON.stringify(wrong)}`);
    expect(answer).toContain("方案有误");
    expect(answer).toContain("100");
    expect(await ask(LEADER, "方案 使用 没有的模板")).toContain("没有这个模板");
    expect(await h.bot.db.select().from(schemes)).toHaveLength(0);
    // Curly quotes from a phone keyboard are accepted.
    const phone = JSON.stringify(SCHEME).replace(/"/g, (_, i: number) => (i % 2 ? "“" : "”"));
    expect(await ask(LEADER, `方案 导入 ${phone}`)).toContain("第 1 版");
    expect(await ask(ZHANG, "方案")).toContain("镇机关干部");
  });

  test("ratings, a capped bonus, a deduction with facts, an award: the engine's numbers in 成绩", async () => {
    expect(await ask(LEADER, "评分 @张三 联村 88")).toContain("已评分");
    const parent = await ask(LEADER, "评分 @张三 业务 90 报表及时准确");
    expect(parent).toContain("计划完成、质量 各记 90");
    expect(await ask(LEADER, "评分 @张三 作风 80")).toContain("已评分");
    expect(await ask(LEADER, "加分 @张三 联村 10 牵头完成秋收调度")).toContain("超过上限 8 分");
    expect(await ask(LEADER, "扣分 @张三 作风 1 酌情扣分")).toContain("过于笼统");
    expect(await ask(LEADER, "扣分 @张三 作风 1 11月20日例会无故缺席")).toContain("已扣分");
    expect(await ask(LEADER, "奖励 @张三 市级 获评市级先进个人")).toContain("+2");
    expect(await ask(LEADER, "评分 @李四 业务 70")).toContain("已评分");
    expect(await ask(LEADER, "评分 @李四 业务 80")).toContain("已评分"); // replaces the 70 (业务 = 2 items)

    // 张三: 联村 88×40% + 8 (capped) = 43.2; 业务 90 → 36; 作风 80 → 16 − 1 = 15; award +2.
    const mine = await ask(ZHANG, "成绩");
    expect(mine).toContain("96.20 分");
    expect(mine).toContain("第 1 / 2 名"); // 李主任, rated by nobody, is not ranked
    expect(mine).toContain("优秀");
    const li = await ask(LI, "成绩");
    expect(li).toContain("32.00 分"); // 业务 80 → 32; the earlier 70 no longer counts
    expect(li).toContain("联村工作、管理学习作风"); // not rated yet

    const logged = await h.bot.db.select().from(auditLog).where(eq(auditLog.actorUserId, LEADER.openId));
    expect(
      logged
        .map((a) => a.action)
        .filter((a) => a !== "scheme.set")
        .sort(),
    ).toEqual(["adjustment.bonus", "adjustment.deduction", "award.add", ...Array(8).fill("rating.set")].sort());
  });

  test("排名 follows the scheme's visibility for staff; leaders see everyone", async () => {
    const staffView = await ask(LI, "排名");
    expect(staffView).toContain("显示前 10 名");
    expect(staffView).toContain("我的名次：第 2 / 2 名");
    const privateScheme = { ...SCHEME, rankingVisibility: "private" };
    expect(await ask(LEADER, `方案 导入 ${JSON.stringify(privateScheme)}`)).toContain("第 2 版");
    const hidden = await ask(LI, "排名");
    expect(hidden).not.toContain("张三");
    expect(hidden).not.toContain("还没有人被评分");
    expect(hidden).toContain("排名不公开");
    expect(hidden).toContain("第 2 / 2 名");
    const leaderView = await ask(LEADER, "排名");
    expect(leaderView).toContain("张三");
    expect(leaderView).toContain("负责人视图");
  });

  test("a finished month keeps the scheme version it was scored with", async () => {
    h.clock.set("2026-12-02T02:00:00Z");
    expect(await ask(LEADER, "方案 使用 中层干部")).toContain("第 3 版");
    const november = await ask(ZHANG, "成绩 上月");
    expect(november).toContain("96.20 分");
    expect(november).toContain("镇机关干部");
    const december = await ask(ZHANG, "成绩");
    expect(december).toContain("还没有人给你评分");
    expect(await ask(ZHANG, "方案")).toContain("中层干部");
    expect(await ask(ZHANG, "成绩 明年")).toContain("看不懂月份");
  });
});
