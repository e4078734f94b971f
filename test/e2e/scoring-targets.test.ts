import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { adjustments, auditLog, awards, ratings } from "../../src/db/schema";
import { memberOf, OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { larkOpenId } from "../support/ids";

/**
 * Who a leader's command is about: several @people at once for 加分/扣分/奖励,
 * one for 评分, typed names matched exact-then-prefix, outsiders refused, and
 * a refusal for one name writes nothing for the others.
 */
const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
/** Someone in the tenant but not in the office group. */
const OUTSIDER = { openId: larkOpenId("outsider"), name: "王五" };
const PEOPLE = [ZHANG, LI, LEADER, OUTSIDER];

let h: Harness;
beforeAll(async () => {
  // 成员0 … 成员11: "成员1" is exact and a prefix of 成员10 and 成员11.
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z", memberCount: 12 });
  await h.addBotToOffice();
});
afterAll(() => h.close());

async function ask(from: { openId: string }, text: string): Promise<string> {
  const mentions = PEOPLE.filter((p) => text.includes(`@${p.name}`));
  const before = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length;
  const res = await h.say(from.openId, text, { mentions });
  expect(res.status).toBe(200);
  const [reply] = await h.lark.mock.waitForMessages(
    (m) => m.sender.type === "app" && h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).indexOf(m) >= before,
  );
  return JSON.stringify(reply!.parsed);
}

const rows = async () => ({
  ratings: await h.bot.db.select().from(ratings),
  adjustments: await h.bot.db.select().from(adjustments),
  awards: await h.bot.db.select().from(awards),
});

describe("whom a leader's command is about", () => {
  test("staff cannot add, deduct or award either", async () => {
    expect(await ask(ZHANG, "加分 @李四 联村 1 协助完成秋收调度")).toContain("只有负责人");
    expect(await ask(ZHANG, "奖励 @李四 县级 获评县级先进个人")).toContain("只有负责人");
    const now = await rows();
    expect([now.ratings, now.adjustments, now.awards].map((r) => r.length)).toEqual([0, 0, 0]);
  });

  test("评分 names one person; two are refused before anything is written", async () => {
    expect(await ask(LEADER, "评分 @张三 @李四 联村 90")).toContain("一次只能给一个人");
    expect((await rows()).ratings).toHaveLength(0);
  });

  test("a team bonus and a team award: every person named gets one, each logged", async () => {
    const bonus = await ask(LEADER, "加分 @张三 @李四 联村 2 共同牵头完成秋收调度");
    expect(bonus).toContain("已加分");
    expect(bonus).toContain("张三、李四");
    expect(bonus).toContain("共 2 人");
    const award = await ask(LEADER, "奖励 @张三 @李四 县级 获评县级先进集体");
    expect(award).toContain("已记奖励");
    const now = await rows();
    expect(
      now.adjustments.map((a) => [
        a.memberId === memberOf(ZHANG.openId) || a.memberId === memberOf(LI.openId),
        a.points,
        a.dimension,
      ]),
    ).toEqual([
      [true, 2, "village"],
      [true, 2, "village"],
    ]);
    expect(new Set(now.adjustments.map((a) => a.memberId)).size).toBe(2);
    expect(new Set(now.awards.map((a) => a.memberId)).size).toBe(2);
    const logged = await h.bot.db.select().from(auditLog).where(eq(auditLog.actorUserId, LEADER.openId));
    expect(logged.filter((a) => a.action === "adjustment.bonus")).toHaveLength(2);
    expect(logged.filter((a) => a.action === "award.add")).toHaveLength(2);
  });

  test("one outsider among the names: refused, and nothing is written for the others", async () => {
    const answer = await ask(LEADER, "加分 @张三 @王五 联村 1 协助完成防汛值班");
    expect(answer).toContain("王五 不是本群的考核成员");
    expect((await rows()).adjustments).toHaveLength(2);
  });

  test("the bonus cap warning names each person over it", async () => {
    // 联村 40% with a 20% cap → 8 points; each already has 2.
    const answer = await ask(LEADER, "加分 @张三 @李四 联村 7 完成全镇秋收统计");
    expect(answer).toContain("张三：本月「联村工作」加分合计 9 分，超过上限 8 分");
    expect(answer).toContain("李四：本月「联村工作」加分合计 9 分");
  });

  test("typed names: exact first, then a unique prefix; several matches are listed", async () => {
    expect(await ask(LEADER, "评分 张三 联村 80")).toContain("已评分");
    expect(await ask(LEADER, "评分 成员1 联村 70")).toContain("已评分 ✓ · 成员1");
    const ambiguous = await ask(LEADER, "评分 成员 联村 70");
    expect(ambiguous).toContain("对应多人");
    // Which of the twelve are listed follows the member ids, which are digests: check the list holds only matches.
    const listed = /对应多人：([^。]*)。/.exec(ambiguous)![1]!.split("、");
    expect(listed.length).toBeGreaterThanOrEqual(2);
    for (const name of listed) expect(name).toMatch(/^成员\d+$/);
    expect(await ask(LEADER, "评分 赵六 联村 70")).toContain("群里没有「赵六」");
    const rated = (await rows()).ratings.map((r) => r.memberId).sort();
    expect(rated).toEqual([memberOf(larkOpenId("extra_1")), memberOf(larkOpenId("zhang"))].sort());
  });

  test("a vague award reason is refused with the reason why", async () => {
    expect(await ask(LEADER, "奖励 @张三 市级 其他")).toContain("过于笼统");
    expect((await rows()).awards).toHaveLength(2);
  });

  test("what a user typed cannot format the bot's answer", async () => {
    const answer = await ask(LEADER, "评分 [点我](http://evil.example) 联村 70");
    expect(answer).not.toContain("[点我](http");
    expect(answer).toContain("\\\\[点我\\\\]");
  });

  test("English in, English out", async () => {
    expect(await ask(LEADER, "/bonus @李四 village 1 led the flood drill")).toContain("Bonus recorded");
    expect(await ask(LEADER, "/rate @张三 @李四 village 90")).toContain("Rate one person at a time");
  });

  test("broken JSON on 导入 says where, in Chinese", async () => {
    const answer = await ask(LEADER, '方案 导入 {"name": "镇干部", dimensions: []}');
    expect(answer).toContain("JSON 格式不对");
    expect(answer).toContain("个字符附近有误");
    expect(answer).toContain("英文双引号");
  });

  test("成绩 adds up the team items with the engine", async () => {
    // 张三: 联村 80×40% = 32, bonus 2 + 7 capped at 8 → 40; award 县级 +1 → 41.
    const mine = await ask(ZHANG, "成绩");
    expect(mine).toContain("41.00 分");
    expect(mine).toContain("县级奖励");
  });
});
