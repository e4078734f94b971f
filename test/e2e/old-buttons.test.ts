/**
 * Card buttons carry their value for as long as the card lives in a chat (Lark lets a 2.0 card
 * be clicked for 14 days). Buttons sent before the readable keys wrote `a`, `l` and one letter
 * a field; these clicks, shaped exactly as those cards wrote them, must keep working.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { claimDecisions, claims, leaves, members, records } from "../../src/db/schema";
import { cardActionEvent } from "../../src/channels/local/lark-events";
import { APP, OFFICE, TENANT, TOKEN, startHarness, type Harness } from "../support/bot-harness";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z" });
  await h.addBotToOffice();
});
afterAll(() => h.close());

type Answer = { toast?: { type: string; content: string }; card?: { type: string; data: unknown } };

async function say(openId: string, text: string) {
  expect((await h.say(openId, text)).status).toBe(200);
  await h.bot.idle();
}

async function click(openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) {
  const res = await h.post(
    cardActionEvent({
      token: TOKEN,
      appId: APP.appId,
      tenantKey: TENANT,
      operatorOpenId: openId,
      value,
      messageId: h.userMessage(openId, "卡片"),
      chatId: OFFICE.chatId,
      formValue,
    }),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

describe("card buttons sent before the readable keys", () => {
  test("撤回 on an old English receipt ({a, id, l}) withdraws the record and answers in English", async () => {
    await say(ZHANG.openId, "日报 整理了档案");
    const [record] = await h.bot.db.select().from(records);
    const answer = await click(ZHANG.openId, { a: "record.withdraw", id: record!.id, l: "en" });
    expect(answer.toast).toEqual({ type: "success", content: "Withdrawn; 0 records left this month" });
    const [after] = await h.bot.db.select().from(records).where(eq(records.id, record!.id));
    expect(after!.withdrawnAt).toBeInstanceOf(Date);
  });

  test("同意 on an old approval card ({a, id, d}) decides the claim, once", async () => {
    await say(ZHANG.openId, "申报 加分 联村 2 牵头完成秋收调度，提前三天完成");
    const [claim] = await h.bot.db.select().from(claims);
    const value = { a: "claim.decide", id: claim!.id, d: "approve" };
    expect((await click(LEADER.openId, value)).toast).toEqual({ type: "success", content: "已同意" });
    expect(await h.bot.db.select().from(claimDecisions)).toMatchObject([{ claimId: claim!.id, decision: "approved" }]);
    expect((await click(LEADER.openId, value)).toast).toMatchObject({
      type: "info",
      content: "已由 李主任 同意（11-27 10:00）",
    });
  });

  test("提交 on an old 月评议 card ({a, g, m, k, s}) records the leader's rating", async () => {
    const [zhang] = await h.bot.db.select().from(members).where(eq(members.userId, ZHANG.openId));
    const value = { a: "review.submit", g: zhang!.groupId, m: "2026-11", k: "leader", s: zhang!.id };
    const answer = await click(LEADER.openId, value, { d_village: "88" });
    expect(answer.toast).toEqual({ type: "success", content: "已提交 1 项评分" });
  });

  test("批准 on an old leave request card ({a, id, d}) approves the leave, once", async () => {
    await say(ZHANG.openId, "请假 11-30 事假 家中有事");
    const [leave] = await h.bot.db.select().from(leaves);
    const value = { a: "leave.decide", id: leave!.id, d: "approve" };
    const answer = await click(LEADER.openId, value);
    expect(answer.toast).toEqual({ type: "success", content: "已批准" });
    expect(JSON.stringify(answer.card)).toContain("已批准 · 李主任");
    const [after] = await h.bot.db.select().from(leaves).where(eq(leaves.id, leave!.id));
    expect(after!.status).toBe("approved");
    expect((await click(LEADER.openId, value)).toast).toMatchObject({ type: "warning", content: "这条请假已处理过" });
  });
});

describe("查看明细 on a report card", () => {
  test("an annual card's button (the year in its value) sends the year's twelve months privately", async () => {
    const [zhang] = await h.bot.db.select().from(members).where(eq(members.userId, ZHANG.openId));
    const before = h.lark.mock.sentMessages({ openId: ZHANG.openId }).length;
    const answer = await click(ZHANG.openId, { action: "report.detail", group: zhang!.groupId, period: "2026" });
    expect(answer.toast).toEqual({ type: "success", content: "全年十二个月的明细已私信发送" });
    await h.bot.idle();
    const sent = h.lark.mock.sentMessages({ openId: ZHANG.openId }).slice(before);
    const titles = sent.map((m) => JSON.stringify(m.parsed).match(/张三 · (2026-\d\d) 明细/)?.[1]);
    expect(titles).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`));
  });
});
