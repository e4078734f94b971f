import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { botAddedEvent } from "../../src/channels/local/lark-events";
import { APP, OFFICE, TENANT, TOKEN, startHarness, type Harness } from "../support/bot-harness";
import { larkChatId, larkOpenId } from "../support/ids";

const LEADER = OFFICE.owner;
const [ZHANG, LI] = OFFICE.members as [{ openId: string; name: string }, { openId: string; name: string }];
const FINANCE = {
  chatId: larkChatId("finance"),
  name: "财务科",
  owner: { openId: larkOpenId("fin_lead"), name: "钱科长" },
  members: [{ openId: larkOpenId("fin_1"), name: "孙七" }],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-10-20T02:00:00Z" });
  await h.addBotToOffice();
  for (const p of [FINANCE.owner, ...FINANCE.members]) h.lark.mock.addUser(p);
  h.lark.mock.addChat({
    chatId: FINANCE.chatId,
    name: FINANCE.name,
    ownerOpenId: FINANCE.owner.openId,
    members: [FINANCE.owner, ...FINANCE.members],
  });
  await h.post(
    botAddedEvent({
      token: TOKEN,
      appId: APP.appId,
      tenantKey: TENANT,
      chatId: FINANCE.chatId,
      operatorOpenId: FINANCE.owner.openId,
    }),
  );
  await h.bot.idle();
});
afterAll(() => h.close());

async function rate(chatId: string, leader: string, person: { openId: string; name: string }, score: number) {
  for (const dim of ["联村", "业务", "作风"])
    await h.say(leader, `评分 @${person.name} ${dim} ${score}`, { chatId, mentions: [person] });
  await h.bot.idle();
}

describe("the monthly ranking broadcast", () => {
  test("goes out on the 1st at 09:00 for the month before, with movement, a chart, the red flag and everyone's own place", async () => {
    // October: 李四 ahead of 张三. November: 张三 ahead. Finance averages lower than the office.
    await rate(OFFICE.chatId, LEADER.openId, ZHANG, 80);
    await rate(OFFICE.chatId, LEADER.openId, LI, 90);
    h.clock.set("2026-11-20T02:00:00Z");
    await rate(OFFICE.chatId, LEADER.openId, ZHANG, 95);
    await rate(OFFICE.chatId, LEADER.openId, LI, 85);
    await rate(FINANCE.chatId, FINANCE.owner.openId, FINANCE.members[0]!, 60);

    expect(
      (await h.bot.runJobs(new Date("2026-11-30T16:59:00Z"))).some(
        (r) => r.kind === "monthly-ranking" && r.period === "2026-11",
      ),
    ).toBe(false);
    const runs = await h.bot.runJobs(new Date("2026-12-01T01:05:00Z"));
    const office = runs.find((r) => r.kind === "monthly-ranking" && r.period === "2026-11" && r.queued === 3);
    expect(office).toBeDefined(); // the group card and the places of the 2 people appraised
    await h.bot.idle();

    const card = h.lark.mock
      .sentMessages({ chatId: OFFICE.chatId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("11 月考核排名"))!;
    expect(card).toContain('"tag":"chart"');
    expect(card).toContain("↑1"); // 张三 moved up
    expect(card).toContain("↓1"); // 李四 moved down
    expect(card).toContain("本月流动红旗：本群");
    const mine = h.lark.mock
      .sentMessages({ openId: ZHANG.openId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("11 月考核结果"))!;
    expect(mine).toContain("第 1 / 2 名（较上月 ↑1），95.00 分");
    const finance = h.lark.mock
      .sentMessages({ chatId: FINANCE.chatId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("11 月考核排名"))!;
    expect(finance).toContain("本月流动红旗：综合办公室");

    expect(
      (await h.bot.runJobs(new Date("2026-12-01T03:00:00Z")))
        .filter((r) => r.kind === "monthly-ranking")
        .every((r) => r.queued === 0),
    ).toBe(true);
  });

  test("a month nobody was scored in sends nothing", async () => {
    const runs = await h.bot.runJobs(new Date("2027-01-01T02:00:00Z"));
    expect(
      runs.filter((r) => r.kind === "monthly-ranking" && r.period === "2026-12").every((r) => r.queued === 0),
    ).toBe(true);
  });
});
