/**
 * Issue 13 item 7, 篇6 line 122: 中层干部「先在全体教职工中进行民测，然后由分管领导、主要领导进行评分」. With the
 * 中层干部 template the leaders' 评分 waits for the 民测 (three colleagues on every item), shows its average, and
 * the leaders' score is the score: the 民测 is in view, not in the total.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cardActionEvent } from "../../src/channels/local/lark-events";
import type { MockMessage } from "../../src/channels/local/mock-lark";
import { members } from "../../src/db/schema";
import { APP, OFFICE, TENANT, TOKEN, startHarness, type Harness } from "../support/bot-harness";
import { officeChat } from "../support/office-chat";
import { larkOpenId } from "../support/ids";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
const PEERS = [larkOpenId("extra_0"), larkOpenId("extra_1")];

let h: Harness;
let ids: Record<string, string>;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z", memberCount: 2 });
  await h.addBotToOffice();
  ids = Object.fromEntries((await h.bot.db.select().from(members)).map((m) => [m.userId, m.id]));
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

const cardOf = (openId: string, title: string) =>
  h.lark.mock.sentMessages({ openId }).find((m) => JSON.stringify(m.parsed).includes(title))!;

async function submit(operator: string, card: MockMessage, form: Json) {
  const res = await h.post(
    cardActionEvent({
      token: TOKEN,
      appId: APP.appId,
      tenantKey: TENANT,
      operatorOpenId: operator,
      value: submitValue(card.parsed),
      messageId: card.messageId,
      chatId: card.chatId,
      formValue: form,
    }),
  );
  return ((await res.json()) as { toast: { type: string; content: string } }).toast;
}

const { ask } = officeChat(() => h);

describe("中层干部: 民测 first, then the leaders (篇6 line 122)", () => {
  test("方案 says the order; the leaders' 评分 before the 民测 is refused, as is the 月评 leader card", async () => {
    expect(await ask(LEADER, "方案 使用 中层干部")).toContain("中层干部");
    const scheme = await ask(ZHANG, "方案");
    expect(scheme).toContain("同事 0%（只供参考，不计分）、领导 100%");
    expect(scheme).toContain("评分顺序：同事 → 领导");
    const early = await ask(LEADER, "评分 @张三 分管工作 90");
    expect(early).toContain("请先完成民主测评");
    expect(early).toContain("目前有 0 人评价，需每项至少 3 人");
    await ask(LEADER, "月评");
    const leaderCard = h.lark.mock
      .sentMessages({ openId: LEADER.openId })
      .find((m) => JSON.stringify(m.parsed).includes("月度评议 · 2026-11 · 张三"))!;
    const refused = await submit(LEADER.openId, leaderCard, { d_charge: "90" });
    expect(refused.type).toBe("warning");
    expect(refused.content).toContain("先由「同事」评价");
  });

  test("after three colleagues' 民测 (60, 70, 80) the leader rates with its average 70 in view; the total is 90", async () => {
    for (const [from, score] of [
      [LI.openId, "60"],
      [PEERS[0]!, "70"],
      [PEERS[1]!, "80"],
    ] as const) {
      const toast = await submit(from, cardOf(from, "同事互评"), {
        subject: ids[ZHANG.openId],
        d_charge: score,
        d_village: score,
        d_study: score,
      });
      expect(toast.type).toBe("success");
    }
    const rated = await ask(LEADER, "评分 @张三 分管工作 90");
    expect(rated).toContain("已评分");
    expect(rated).toContain("同事评价（3 人）平均 70 分，供参考");
    expect(await ask(LEADER, "评分 @张三 联村工作 90")).toContain("已评分");
    expect(await ask(LEADER, "评分 @张三 个人学习 90")).toContain("已评分");
    // 60 × 90% + 30 × 90% + 10 × 90%: the leaders' 90 alone, the 民测's 70 not averaged in (the old 60/40 gave 82).
    expect(await ask(ZHANG, "成绩")).toContain("90.00 分");
  });
});
