import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cardActionEvent } from "../../src/channels/local/lark-events";
import { APP, OFFICE, TENANT, TOKEN, startHarness, type Harness } from "../support/bot-harness";
import { groupIdFor } from "../../src/db/ids";

const LEADER = OFFICE.owner;
const [ZHANG, LI] = OFFICE.members as [{ openId: string; name: string }, { openId: string; name: string }];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-07-15T02:00:00Z" });
  await h.addBotToOffice();
});
afterAll(() => h.close());

async function rate(person: { openId: string; name: string }, score: number, comment = "") {
  for (const dim of ["联村", "业务", "作风"])
    await h.say(LEADER.openId, `评分 @${person.name} ${dim} ${score} ${comment}`.trim(), { mentions: [person] });
  await h.bot.idle();
}

describe("the quarterly report card (成绩单)", () => {
  test("on the quarter's first workday each person gets theirs privately and the group a summary, once", async () => {
    await rate(ZHANG, 90, "材料扎实");
    await rate(LI, 80);
    h.clock.set("2026-08-14T02:00:00Z");
    await rate(ZHANG, 94);
    await rate(LI, 84);
    h.clock.set("2026-09-15T02:00:00Z");
    await rate(ZHANG, 98, "进步明显");
    await rate(LI, 70);

    expect((await h.bot.runJobs(new Date("2026-10-01T02:00:00Z"))).some((r) => r.kind === "quarterly-report")).toBe(
      false,
    ); // National Day
    const runs = await h.bot.runJobs(new Date("2026-10-08T01:05:00Z"));
    expect(runs.find((r) => r.kind === "quarterly-report")).toMatchObject({ period: "2026-Q3", queued: 3 }); // 2 report cards + the summary
    await h.bot.idle();

    const mine = h.lark.mock
      .sentMessages({ openId: ZHANG.openId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("第三季度成绩单"))!;
    expect(mine).toContain("94.00 分"); // (90 + 94 + 98) / 3
    expect(mine).toContain("第 1 / 2 名");
    expect(mine).toContain('"tag":"chart"');
    expect(mine).toContain('"群平均"');
    expect(mine).toContain("材料扎实");
    expect(mine).toContain("进步明显");
    const summary = h.lark.mock
      .sentMessages({ chatId: OFFICE.chatId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("第三季度考核结果"))!;
    expect(summary).toContain("等次分布");
    expect(summary).toContain("第 1 名 张三（94.00 分）");
    expect(
      (await h.bot.runJobs(new Date("2026-10-08T03:00:00Z"))).find((r) => r.kind === "quarterly-report")?.queued,
    ).toBe(0);

    // 查看明细 sends the three months' trails to whoever clicked.
    const card = h.lark.mock
      .sentMessages({ openId: ZHANG.openId })
      .find((m) => JSON.stringify(m.parsed).includes("第三季度成绩单"))!;
    const before = h.lark.mock.sentMessages({ openId: ZHANG.openId }).length;
    const res = await h.post(
      cardActionEvent({
        token: TOKEN,
        appId: APP.appId,
        tenantKey: TENANT,
        operatorOpenId: ZHANG.openId,
        value: { a: "report.detail", g: groupIdFor("lark", OFFICE.chatId), q: "2026-Q3" },
        messageId: card.messageId,
        chatId: card.chatId,
      }),
    );
    expect(((await res.json()) as { toast: { content: string } }).toast.content).toContain("明细已私信");
    await h.bot.idle();
    expect(h.lark.mock.sentMessages({ openId: ZHANG.openId }).length).toBe(before + 3);
  });
});
