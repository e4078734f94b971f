import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isLocked } from "../../src/app/publications";
import { cardActionEvent } from "../../src/channels/local/lark-events";
import type { MockMessage } from "../../src/channels/local/mock-lark";
import { APP, OFFICE, TENANT, TOKEN, startHarness, type Harness } from "../support/bot-harness";
import { groupIdFor } from "../../src/db/ids";

const LEADER = OFFICE.owner;
const [ZHANG, LI] = OFFICE.members as [{ openId: string; name: string }, { openId: string; name: string }];
const GROUP_ID = groupIdFor("lark", OFFICE.chatId);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-09-10T02:00:00Z" });
  await h.addBotToOffice();
  for (const [person, score] of [
    [ZHANG, 90],
    [LI, 80],
  ] as const) {
    for (const dim of ["联村", "业务", "作风"])
      await h.say(LEADER.openId, `评分 @${person.name} ${dim} ${score}`, { mentions: [person] });
  }
  await h.bot.idle();
});
afterAll(() => h.close());

const texts = (openId: string) => h.lark.mock.sentMessages({ openId }).map((m) => JSON.stringify(m.parsed));
const lastGroup = () => JSON.stringify(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!.parsed);
async function say(from: string, words: string) {
  await h.say(from, words);
  await h.bot.idle();
}
async function click(operator: string, card: MockMessage, d: string, form: Record<string, unknown>) {
  const value = { a: "appeal.decide", id: (JSON.stringify(card.parsed).match(/"id":"(apl_[^"]+)"/) ?? [])[1], d };
  const res = await h.post(
    cardActionEvent({
      token: TOKEN,
      appId: APP.appId,
      tenantKey: TENANT,
      operatorOpenId: operator,
      value,
      messageId: card.messageId,
      chatId: card.chatId,
      formValue: form,
    }),
  );
  return ((await res.json()) as { toast: { type: string; content: string } }).toast;
}

describe("公示 and 申诉", () => {
  test("report cards are provisional with a window; an appeal reaches the leaders; an amendment re-issues everyone's card", async () => {
    await h.bot.runJobs(new Date("2026-10-08T01:05:00Z"));
    await h.bot.idle();
    // 3 workdays after 8 October: the 9th, the make-up Saturday the 10th, Monday the 12th.
    const first = texts(LI.openId).find((c) => c.includes("第三季度成绩单"))!;
    expect(first).toContain("公示期至 10-12");
    expect(first).toContain("80.00 分");

    h.clock.set("2026-10-09T02:00:00Z");
    await say(LI.openId, "申诉 9月联村工作漏记了防汛值班");
    expect(lastGroup()).toContain("申诉已提交");
    await say(LI.openId, "申诉 再提一次");
    expect(lastGroup()).toContain("已提交过申诉");
    const card = h.lark.mock
      .sentMessages({ openId: LEADER.openId })
      .find((m) => JSON.stringify(m.parsed).includes("申诉 · 李四"))!;
    expect(JSON.stringify(card.parsed)).toContain("漏记了防汛值班");

    expect((await click(ZHANG.openId, card, "amend", { reason: "x" })).type).toBe("error");
    expect((await click(LEADER.openId, card, "amend", { reason: "核实属实" })).content).toContain("选择维度");
    const ok = await click(LEADER.openId, card, "amend", {
      dimension: "village",
      points: "5",
      reason: "核实属实，补记防汛值班",
    });
    expect(ok.content).toContain("成绩单将重发");
    await h.bot.idle();
    expect(texts(LI.openId).some((c) => c.includes("已更正（联村工作 +5）"))).toBe(true);
    const reissued = texts(LI.openId).find((c) => c.includes("更正版 2"))!;
    expect(reissued).toContain("85.00 分"); // only September was scored: 80, plus the 5 the amendment added
    expect(texts(ZHANG.openId).some((c) => c.includes("更正版 2"))).toBe(true);
    expect((await click(LEADER.openId, card, "uphold", { reason: "再点一次" })).content).toContain("已由 李主任 处理");
  });

  test("提出异议 on the report card lodges the same appeal; 维持 tells the appellant", async () => {
    const report = h.lark.mock
      .sentMessages({ openId: ZHANG.openId })
      .find((m) => JSON.stringify(m.parsed).includes("更正版 2"))!;
    const object = async (objection: string) => {
      const res = await h.post(
        cardActionEvent({
          token: TOKEN,
          appId: APP.appId,
          tenantKey: TENANT,
          operatorOpenId: ZHANG.openId,
          value: { a: "report.object", g: GROUP_ID },
          messageId: report.messageId,
          chatId: report.chatId,
          formValue: { objection },
        }),
      );
      return ((await res.json()) as { toast: { type: string; content: string } }).toast;
    };
    expect((await object("")).content).toContain("请写明");
    expect((await object("作风一项的评分偏低，请复核")).content).toContain("异议已提交");
    await h.bot.idle();
    const card = h.lark.mock
      .sentMessages({ openId: LEADER.openId })
      .find((m) => JSON.stringify(m.parsed).includes("申诉 · 张三"))!;
    expect((await click(LEADER.openId, card, "uphold", { reason: "经复核，评分依据充分" })).content).toContain(
      "已维持",
    );
    await h.bot.idle();
    expect(texts(ZHANG.openId).some((c) => c.includes("维持原结果") && c.includes("经复核，评分依据充分"))).toBe(true);
  });

  test("the window closes: results become final and locked; later objections are refused", async () => {
    await h.bot.runJobs(new Date("2026-10-12T03:00:00Z"));
    expect(await isLocked(h.bot.db, GROUP_ID, "2026-09")).toBe(false);
    await h.bot.runJobs(new Date("2026-10-13T01:00:00Z"));
    await h.bot.idle();
    expect(
      h.lark.mock
        .sentMessages({ chatId: OFFICE.chatId })
        .some((m) => JSON.stringify(m.parsed).includes("公示期满，已定稿")),
    ).toBe(true);
    expect(await isLocked(h.bot.db, GROUP_ID, "2026-09")).toBe(true);
    h.clock.set("2026-10-13T02:00:00Z");
    await say(ZHANG.openId, "申诉 我也有意见");
    expect(lastGroup()).toContain("现在不在公示期");
  });

  test("after that, only a leader's logged 更正 changes it, and everyone's card is re-issued", async () => {
    await h.say(ZHANG.openId, "更正 2026-Q3 @张三 联村 2 复核发现漏记", { mentions: [ZHANG] });
    await h.bot.idle();
    expect(lastGroup()).toContain("只有负责人");
    await h.say(LEADER.openId, "更正 2026-Q3 @张三 联村 2 复核发现防汛值班漏记", { mentions: [ZHANG] });
    await h.bot.idle();
    expect(
      h.lark.mock
        .sentMessages({ chatId: OFFICE.chatId })
        .some((m) => JSON.stringify(m.parsed).includes("成绩单将重新发送（第 3 版）")),
    ).toBe(true);
    const third = texts(ZHANG.openId).find((c) => c.includes("更正版 3"))!;
    expect(third).toContain("92.00 分");
    expect(third).toContain("结果已定稿");
    expect(texts(LI.openId).some((c) => c.includes("更正版 3"))).toBe(true);
  });
});
