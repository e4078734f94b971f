import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cardActionEvent } from "../../src/channels/local/lark-events";
import type { MockMessage } from "../../src/channels/local/mock-lark";
import { members, ratings } from "../../src/db/schema";
import { APP, OFFICE, TENANT, TOKEN, startHarness, type Harness } from "../support/bot-harness";
import { larkOpenId } from "../support/ids";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
const PEERS = [larkOpenId("extra_0"), larkOpenId("extra_1")];

const SCHEME = {
  name: "三方评议",
  dimensions: [
    { key: "village", name: "联村工作", weight: 40 },
    { key: "business", name: "单位业务", weight: 40 },
    { key: "conduct", name: "管理学习作风", weight: 20 },
  ],
  raters: { leader: 60, peer: 30, self: 10 },
};

let h: Harness;
let ids: Record<string, string>;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z", memberCount: 2 });
  await h.addBotToOffice();
  ids = Object.fromEntries((await h.bot.db.select().from(members)).map((m) => [m.userId, m.id]));
  await h.say(LEADER.openId, `方案 导入 ${JSON.stringify(SCHEME)}`);
  await h.bot.idle();
});
afterAll(() => h.close());

type Json = Record<string, unknown>;
function submitValue(card: unknown): Json {
  let found: Json | undefined;
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    const o = v as Json;
    if (o.tag === "button" && o.form_action_type === "submit") found = (o.behaviors as Json[])[0]!.value as Json;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found!;
}

const cardsFor = (openId: string) => h.lark.mock.sentMessages({ openId });
const cardOf = (openId: string, title: string) =>
  cardsFor(openId).find((m) => JSON.stringify(m.parsed).includes(title))!;

async function submit(operator: string, card: MockMessage, form: Json, value = submitValue(card.parsed)) {
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

async function myScore(openId: string) {
  await h.say(openId, "成绩");
  await h.bot.idle();
  return JSON.stringify(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!.parsed);
}

describe("月评议 with leader, self and anonymous peer ratings", () => {
  test("月评 sends each leader a card per member, and each member a self and a peer card, once", async () => {
    await h.say(LEADER.openId, "月评");
    await h.bot.idle();
    const all = h.lark.mock
      .sentMessages()
      .filter((m) => JSON.stringify(m.parsed).includes("2026-11 ·") || JSON.stringify(m.parsed).includes("互评"));
    // 5 people: the leader rates 4; everyone gets a self card and a peer card.
    expect(cardsFor(LEADER.openId).filter((m) => JSON.stringify(m.parsed).includes("月度评议"))).toHaveLength(4);
    expect(all.length).toBe(4 + 5 + 5);
    const peerCard = JSON.stringify(cardOf(ZHANG.openId, "同事互评").parsed);
    expect(peerCard).toContain("李四");
    expect(peerCard).not.toContain(`"value":"${ids[ZHANG.openId]}"`); // nobody can pick themself
    await h.say(LEADER.openId, "月评");
    await h.bot.idle();
    expect(h.lark.mock.sentMessages().filter((m) => JSON.stringify(m.parsed).includes("互评")).length).toBe(5);
    expect(JSON.stringify(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!.parsed)).toContain(
      "不会重复发送",
    );
  });

  test("submissions become ratings; bad values and forged kinds are refused", async () => {
    const leaderCard = cardsFor(LEADER.openId).find((m) =>
      JSON.stringify(m.parsed).includes("月度评议 · 2026-11 · 张三"),
    )!;
    expect((await submit(LEADER.openId, leaderCard, { d_village: "120" })).content).toContain("0–100");
    expect((await submit(LEADER.openId, leaderCard, {})).content).toContain("至少填写一项");
    expect(
      (await submit(LEADER.openId, leaderCard, { d_village: "80", d_business: "90", d_conduct: "70", comment: "扎实" }))
        .type,
    ).toBe("success");
    // A staff member replaying a leader card's value is refused.
    expect((await submit(LI.openId, leaderCard, { d_village: "10" })).type).toBe("error");
    expect(
      (
        await submit(ZHANG.openId, cardOf(ZHANG.openId, "月度自评"), {
          d_village: "95",
          d_business: "95",
          d_conduct: "95",
        })
      ).type,
    ).toBe("success");
    const own = await submit(ZHANG.openId, cardOf(ZHANG.openId, "同事互评"), {
      subject: ids[ZHANG.openId],
      d_village: "100",
    });
    expect(own.content).toContain("不能评自己");
    const rows = await h.bot.db.select().from(ratings).where(eq(ratings.memberId, ids[ZHANG.openId]!));
    expect(rows.map((r) => r.raterGroup).sort()).toEqual(["leader", "leader", "leader", "self", "self", "self"]);
  });

  test("peer ratings count only from the third colleague on, and only as an average", async () => {
    const rate = (from: string, score: string) =>
      submit(from, cardOf(from, "同事互评"), {
        subject: ids[ZHANG.openId],
        d_village: score,
        d_business: score,
        d_conduct: score,
      });
    expect((await rate(LI.openId, "60")).content).toContain("匿名");
    expect((await rate(PEERS[0]!, "70")).type).toBe("success");
    const held = await myScore(ZHANG.openId);
    expect(held).toContain("已有 2 人评分，不足 3 人，暂不计入");
    expect(held).not.toMatch(/同事 \d/); // no peer figure while held back
    expect((await rate(PEERS[1]!, "80")).type).toBe("success");
    const counted = await myScore(ZHANG.openId);
    expect(counted).toContain("同事 70（3 人平均）");
    expect(counted).not.toContain("60、");
    expect(counted).not.toContain("李四");
    expect(counted).not.toContain("不足 3 人");
  });
});
