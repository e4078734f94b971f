import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { larkChatId, larkOpenId } from "../support/ids";
import { addGroup, ask as askIn, type Person } from "../support/tenant-groups";

/**
 * One 流动红旗 a month, whoever asks (review defect): where the office appraises groups as units, the monthly
 * broadcast gave the flag to the best unit score (篇9 第184行 「流动红旗科室」) while 部门排名 gave it to the best
 * average of the groups' people. Here the two differ on purpose, with no 部门绩效校正 to bring them together:
 *   综合办公室: unit score 70, its people rated 95 and 93 → average 94.
 *   乙村: unit score 90, its cadre rated 80 → average 80.
 * By average 综合办公室 leads; by unit score 乙村 does, and both the card and the broadcast must say 乙村.
 */
const LEADER = OFFICE.owner;
const [ZHANG, LI] = OFFICE.members as [Person, Person];
const VILLAGE = {
  chatId: larkChatId("village_flag"),
  name: "乙村",
  owner: { openId: larkOpenId("wu_head_flag"), name: "吴村长" },
  members: [{ openId: larkOpenId("zheng_flag"), name: "郑会计" }, LEADER],
};
const ZHENG = VILLAGE.members[0]!;
const PEOPLE: Person[] = [LEADER, ZHANG, LI, VILLAGE.owner, ZHENG];
const SCHEME = {
  name: "统一方案",
  dimensions: [{ key: "work", name: "业务", weight: 100 }],
  rankingVisibility: "full",
};
const UNIT = { name: "镇对单位考核", dimensions: [{ key: "overall", name: "综合考核", weight: 100 }] };

let h: Harness;
const ask = (from: Person, text: string, chatId = OFFICE.chatId) => askIn(h, PEOPLE, from, text, chatId);

beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-20T02:00:00Z" });
  await h.addBotToOffice();
  await addGroup(h, VILLAGE);
  expect(await ask(LEADER, "设置 提醒时间 17:30")).toContain("管理员");
  for (const chat of [OFFICE.chatId, VILLAGE.chatId]) {
    await ask(LEADER, `方案 导入 ${JSON.stringify(SCHEME)}`, chat);
    expect(await ask(LEADER, `单位方案 ${JSON.stringify(UNIT)}`, chat)).toContain("第 1 版");
  }
  await ask(LEADER, "单位评分 综合考核 70");
  await ask(LEADER, "单位评分 综合考核 90", VILLAGE.chatId);
  await ask(LEADER, `评分 @${ZHANG.name} 业务 95`);
  await ask(LEADER, `评分 @${LI.name} 业务 93`);
  expect(await ask(VILLAGE.owner, `评分 @${ZHENG.name} 业务 80`, VILLAGE.chatId)).toContain("80");
}, 60_000);
afterAll(() => h.close());

describe("the 流动红旗 where groups are appraised as units", () => {
  test("部门排名 gives it to the best unit score, saying so, and still lists the averages", async () => {
    const card = await ask(ZHANG, "部门排名");
    expect(card).toContain("🚩 流动红旗：**乙村**（单位得分 90.00 分）");
    expect(card).not.toContain("流动红旗：**综合办公室**");
    // The table still ranks the groups by their people's average.
    expect(card).toMatch(/"rank":1,"group":"综合办公室","headcount":2,"average":94/u);
  });

  test("the monthly broadcast names the same group", async () => {
    await h.bot.runJobs(new Date("2026-12-01T01:05:00Z"));
    await h.bot.idle();
    const office = h.lark.mock
      .sentMessages({ chatId: OFFICE.chatId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("11 月考核排名"))!;
    expect(office).toContain("本月流动红旗：乙村（单位得分 90.00 分）");
    h.clock.set("2026-12-02T02:00:00Z");
    expect(await ask(ZHANG, "部门排名 上月")).toContain("🚩 流动红旗：**乙村**（单位得分 90.00 分）");
  });
});
