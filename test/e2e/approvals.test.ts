import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cardActionEvent, botAddedEvent } from "../../src/channels/local/lark-events";
import type { MockMessage } from "../../src/channels/local/mock-lark";
import { adjustments, awards, claimDecisions, members, records } from "../../src/db/schema";
import { APP, OFFICE, TENANT, TOKEN, startHarness, type Harness } from "../support/bot-harness";
import { larkChatId, larkEventId, larkOpenId, larkTenantKey } from "../support/ids";
import { buttons } from "../support/card-buttons";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!; // made a second leader below
const OTHER = {
  chatId: larkChatId("other_group"),
  name: "财务科",
  owner: { openId: larkOpenId("other_leader"), name: "周科长" },
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z" });
  await h.addBotToOffice();
  // A second leader in the office (what 设置 负责人 will do), and a leader of another group.
  await h.bot.db.update(members).set({ role: "leader" }).where(eq(members.userId, LI.openId));
  h.lark.mock.addUser(OTHER.owner);
  h.lark.mock.addChat({
    chatId: OTHER.chatId,
    name: OTHER.name,
    ownerOpenId: OTHER.owner.openId,
    members: [OTHER.owner],
  });
  await h.post(
    botAddedEvent({
      token: TOKEN,
      appId: APP.appId,
      tenantKey: TENANT,
      chatId: OTHER.chatId,
      operatorOpenId: OTHER.owner.openId,
    }),
  );
  await h.bot.idle();
});
afterAll(() => h.close());

type Json = Record<string, unknown>;

const privateCards = (openId: string) => h.lark.mock.sentMessages({ openId });
const latest = (openId: string) => privateCards(openId).at(-1)!;
const text = (m: MockMessage) => JSON.stringify(m.edits.at(-1)?.parsed ?? m.parsed);

async function click(
  operator: string,
  card: MockMessage,
  name: string,
  form: Json = {},
  tenantKey = TENANT,
  eventId?: string,
  content: unknown = card.parsed,
) {
  const payload = cardActionEvent({
    token: TOKEN,
    appId: APP.appId,
    tenantKey,
    eventId,
    operatorOpenId: operator,
    value: buttons(content)[name]!,
    messageId: card.messageId,
    chatId: card.chatId,
    formValue: form,
  });
  const res = await h.post(payload);
  expect(res.status).toBe(200);
  return (await res.json()) as { toast?: { type: string; content: string }; card?: { type: string; data: unknown } };
}

async function claim(from: string, words: string) {
  const before = privateCards(LEADER.openId).length;
  expect((await h.say(from, words)).status).toBe(200);
  await h.lark.mock.waitForMessages((m) => privateCards(LEADER.openId).includes(m), { count: before + 1 });
  await h.bot.idle();
  return latest(LEADER.openId);
}

describe("claims decided on cards", () => {
  let first: MockMessage;
  let liCopyAsSent: unknown;

  test("a claim reaches every leader privately with who, what, evidence and the effect on the total", async () => {
    first = await claim(ZHANG.openId, "申报 加分 联村 2 牵头完成秋收调度，提前三天完成");
    const card = text(first);
    expect(card).toContain("申报加分 · 张三");
    expect(card).toContain("联村工作：+2");
    expect(card).toContain("牵头完成秋收调度");
    expect(card).toContain("本月总分 0.00 → 2.00");
    expect(Object.keys(buttons(first.parsed)).sort()).toEqual(["adjust", "approve", "reject"]);
    expect(text(latest(LI.openId))).toContain("申报加分 · 张三"); // the second leader's copy
    liCopyAsSent = structuredClone(latest(LI.openId).parsed);
    const receipt = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!;
    expect(text(receipt)).toContain("已发给 2 位负责人");
  });

  test("staff, a leader of another group and another tenant cannot decide; nothing changes", async () => {
    expect((await click(ZHANG.openId, first, "approve")).toast).toMatchObject({ type: "error" });
    expect((await click(OTHER.owner.openId, first, "approve")).toast).toMatchObject({ type: "error" });
    expect((await click(LEADER.openId, first, "approve", {}, larkTenantKey("tenant_b"))).toast?.content).toContain(
      "找不到",
    );
    expect(await h.bot.db.select().from(claimDecisions)).toHaveLength(0);
  });

  test("驳回 needs a comment", async () => {
    expect((await click(LEADER.openId, first, "reject")).toast?.content).toContain("请填写意见");
    expect(await h.bot.db.select().from(claimDecisions)).toHaveLength(0);
  });

  test("approve: the card changes for every leader, the claimant is told, the score changes; later clicks name who decided", async () => {
    const answer = await click(LEADER.openId, first, "approve", {}, TENANT, larkEventId("approve_1"));
    expect(answer.toast).toMatchObject({ type: "success" });
    expect(answer.card?.type).toBe("raw");
    expect(JSON.stringify(answer.card?.data)).toContain("已同意 · 李主任 · 11-27 10:00");
    expect(JSON.stringify(answer.card?.data)).not.toContain("claim.decide"); // no buttons left
    await h.bot.idle();
    const liCopy = latest(LI.openId);
    expect(liCopy.edits.length).toBe(1);
    expect(text(liCopy)).toContain("已同意 · 李主任");
    expect(text(latest(ZHANG.openId))).toContain("申报已同意");
    expect(await h.bot.db.select().from(adjustments)).toMatchObject([{ points: 2, dimension: "village" }]);

    // 李四 clicks his copy before it refreshed; and Lark replays the first callback.
    const late = await click(LI.openId, liCopy, "approve", {}, TENANT, undefined, liCopyAsSent);
    expect(late.toast?.content).toContain("已由 李主任 同意（11-27 10:00）");
    const replay = await click(LEADER.openId, first, "approve", {}, TENANT, larkEventId("approve_1"));
    expect(replay.toast?.content).toContain("已处理过了");
    expect(await h.bot.db.select().from(claimDecisions)).toHaveLength(1);
    expect(await h.bot.db.select().from(adjustments)).toHaveLength(1);
  });

  test("a double click and two leaders at the same moment leave exactly one decision", async () => {
    const card = await claim(ZHANG.openId, "申报 加分 作风 1 义务献血");
    const liCard = latest(LI.openId);
    const answers = await Promise.all([
      click(LEADER.openId, card, "approve"),
      click(LEADER.openId, card, "approve"),
      click(LI.openId, liCard, "approve"),
      click(LI.openId, liCard, "reject", { comment: "材料不全" }),
    ]);
    expect(answers.filter((a) => a.toast?.type === "success")).toHaveLength(1);
    expect(answers.filter((a) => a.toast?.content.startsWith("已由"))).toHaveLength(3);
    const claimId = String(buttons(card.parsed).approve!.id);
    const decisions = await h.bot.db.select().from(claimDecisions).where(eq(claimDecisions.claimId, claimId));
    expect(decisions).toHaveLength(1);
    const rows = await h.bot.db.select().from(adjustments).where(eq(adjustments.dimension, "conduct"));
    expect(rows).toHaveLength(decisions[0]!.decision === "rejected" ? 0 : 1);
  });

  test("调整 grants different points, with the comment, and says so to the claimant", async () => {
    const card = await claim(ZHANG.openId, "申报 加分 联村 5 走访全村");
    expect((await click(LEADER.openId, card, "adjust", { points: "3" })).toast?.content).toContain("请填写意见");
    expect((await click(LEADER.openId, card, "adjust", { points: "abc", comment: "x" })).toast?.content).toContain(
      "0–20",
    );
    const ok = await click(LEADER.openId, card, "adjust", { points: "3", comment: "走访记录只有一半" });
    expect(ok.toast?.content).toContain("已调整");
    await h.bot.idle();
    const [row] = await h.bot.db
      .select()
      .from(adjustments)
      .where(and(eq(adjustments.dimension, "village"), eq(adjustments.points, 3)));
    expect(row).toBeDefined();
    const notice = text(latest(ZHANG.openId));
    expect(notice).toContain("按 3 分计");
    expect(notice).toContain("走访记录只有一半");
  });

  test("award claims and rejections", async () => {
    const award = await claim(ZHANG.openId, "申报 市级 获评市级优秀共产党员");
    expect(text(award)).toContain("市级奖励：+2");
    expect(Object.keys(buttons(award.parsed)).sort()).toEqual(["approve", "reject"]);
    await click(LEADER.openId, award, "approve");
    expect(await h.bot.db.select().from(awards)).toMatchObject([{ level: "city" }]);
    const weak = await claim(ZHANG.openId, "申报 县级 参加了会议");
    const no = await click(LEADER.openId, weak, "reject", { comment: "不属于获奖" });
    expect(no.toast?.content).toContain("已驳回");
    await h.bot.idle();
    expect(text(latest(ZHANG.openId))).toContain("不属于获奖");
    expect(await h.bot.db.select().from(awards)).toHaveLength(1);
  });

  test("补报 inside the window counts once approved; outside it, or on a rest day, it is refused", async () => {
    const reply = async (words: string) => {
      await h.say(ZHANG.openId, words);
      await h.bot.idle();
      return text(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!);
    };
    expect(await reply("补报 11-01 很久以前的事")).toContain("只能补报最近 7 天");
    expect(await reply("补报 11-22 周日加班")).toContain("不是工作日");
    expect(await reply("补报 11-27 今天的")).toContain("今天的工作请发");
    expect(await reply("补报 明天 x")).toContain("不是日期");
    const card = await claim(ZHANG.openId, "补报 11-20 完成了季度报表初稿");
    expect(text(card)).toContain("补报日报");
    expect(await h.bot.db.select().from(records)).toHaveLength(0); // not before approval
    await click(LEADER.openId, card, "approve");
    expect(await h.bot.db.select().from(records)).toMatchObject([{ date: "2026-11-20", text: "完成了季度报表初稿" }]);
  });

  test("待办 sends a leader the pending claims privately", async () => {
    await claim(ZHANG.openId, "申报 加分 联村 1 协助防汛");
    const before = privateCards(LEADER.openId).length;
    await h.say(LEADER.openId, "待办");
    await h.bot.idle();
    expect(text(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!)).toContain("有 1 条申报等你审批");
    expect(privateCards(LEADER.openId).length).toBe(before + 1);
    expect(text(latest(LEADER.openId))).toContain("协助防汛");
    await h.say(ZHANG.openId, "待办");
    await h.bot.idle();
    expect(text(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!)).toContain("没有待办");
  });

  test("明细 shows the trail behind the month: claims, who decided, adjustments, records", async () => {
    const groupReply = async (from: string, words: string, mentions: { openId: string; name: string }[] = []) => {
      await h.say(from, words, { mentions });
      await h.bot.idle();
      return JSON.stringify(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!.parsed);
    };
    const mine = await groupReply(ZHANG.openId, "明细");
    expect(mine).toContain("牵头完成秋收调度");
    expect(mine).toContain("同意（李主任，11-27 10:00）");
    expect(mine).toContain("驳回（李主任");
    expect(mine).toContain("联村工作 +3：申报：走访全村（李主任）");
    expect(mine).toContain("日报（1 条）"); // the approved backfill
    expect(await groupReply(ZHANG.openId, "明细 @李四", [LI])).toContain("只能看自己的明细");
    const before = h.lark.mock.sentMessages({ openId: LEADER.openId }).length;
    expect(await groupReply(LEADER.openId, "明细 @张三", [ZHANG])).toContain("已私信");
    expect(h.lark.mock.sentMessages({ openId: LEADER.openId }).length).toBe(before + 1);
  });
});
