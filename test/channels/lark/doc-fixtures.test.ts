import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { auditLog, claimDecisions, claims, groups, members, ratings, records } from "../../../src/db/schema";
import { groupIdFor, memberIdFor } from "../../../src/db/ids";
import { APP, OFFICE, TENANT, TOKEN, startHarness, type Harness } from "../../support/bot-harness";

/**
 * Every payload in test/fixtures/lark/ (each from the Lark documentation page
 * it names, ids of the documented shapes and lengths) goes through the real
 * webhook: encrypted and signed by test/support/lark-seal.ts, on a real server.
 */

const DIR = join(import.meta.dirname, "../../fixtures/lark");
interface Fixture {
  doc: string;
  note: string;
  payload: {
    header?: { app_id: string; token: string; tenant_key: string };
    event?: Record<string, unknown>;
    token?: string;
  };
}
const load = (name: string): Fixture => JSON.parse(readFileSync(join(DIR, name), "utf8"));
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".json"));

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const GROUP = groupIdFor("lark", OFFICE.chatId);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z" });
});
afterAll(() => h.close());

/** A message event's message exists in Lark before the event arrives (the bot replies to it). */
function recordInMock(f: Fixture) {
  const m = (
    f.payload.event as { message: { message_id: string; chat_id: string; chat_type: "group" | "p2p"; content: string } }
  ).message;
  const sender = (f.payload.event as { sender: { sender_id: { open_id: string } } }).sender.sender_id.open_id;
  h.lark.mock.store.recordMessage({
    messageId: m.message_id,
    chatId: m.chat_id,
    chatMode: m.chat_type,
    msgType: "text",
    content: m.content,
    createTime: h.clock.now().getTime(),
    sender: { type: "user", openId: sender },
  });
  return m;
}

async function post(f: Fixture): Promise<Response> {
  const res = await h.post(f.payload);
  await h.bot.idle();
  return res;
}

describe("Lark's documented payloads through the webhook", () => {
  test("every fixture names the documentation page it follows and uses documented id shapes", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(8);
    for (const file of FILES) {
      const f = load(file);
      expect(f.doc, file).toMatch(/^https:\/\/open\.feishu\.cn\/document\//);
      const text = JSON.stringify(f.payload);
      for (const id of text.match(/\b(?:ou|oc|om|on)_[0-9a-z]+/g) ?? [])
        expect(id, `${file}: ${id}`).toMatch(/^(ou|oc|om|on)_[0-9a-f]{32}$/);
      if (f.payload.header)
        expect(f.payload.header).toMatchObject({ app_id: APP.appId, token: TOKEN, tenant_key: TENANT });
    }
  });

  test("url_verification is answered with its challenge", async () => {
    const f = load("url_verification.json");
    const res = await h.post(f.payload);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "ajls384kdjx98XX" });
  });

  test("im.chat.member.bot.added_v1 registers the group with its owner as leader", async () => {
    expect((await post(load("im.chat.member.bot.added_v1.json"))).status).toBe(200);
    const [group] = await h.bot.db.select().from(groups).where(eq(groups.chatId, OFFICE.chatId));
    expect(group).toMatchObject({ id: GROUP, active: true, tenantKey: TENANT });
    const [leader] = await h.bot.db
      .select()
      .from(members)
      .where(eq(members.id, memberIdFor(GROUP, LEADER.openId)));
    expect(leader).toMatchObject({ role: "leader", userId: LEADER.openId });
  });

  test("im.message.receive_v1 in a group with mentions: the leader rates the colleague @-mentioned", async () => {
    const f = load("im.message.receive_v1.group.json");
    const m = recordInMock(f);
    expect((await post(f)).status).toBe(200);
    const rows = await h.bot.db
      .select()
      .from(ratings)
      .where(eq(ratings.memberId, memberIdFor(GROUP, ZHANG.openId)));
    expect(rows.map((r) => r.score)).toEqual([88]);
    const reply = h.lark.mock
      .sentMessages({ chatId: m.chat_id })
      .find((x) => x.sender.type === "app" && x.parentId === m.message_id);
    expect(JSON.stringify(reply?.parsed)).toContain("已评分");
  });

  test("im.message.receive_v1 in p2p: the record lands in the person's group", async () => {
    const f = load("im.message.receive_v1.p2p.json");
    const m = recordInMock(f);
    expect((await post(f)).status).toBe(200);
    const rows = await h.bot.db
      .select()
      .from(records)
      .where(eq(records.memberId, memberIdFor(GROUP, ZHANG.openId)));
    expect(rows.map((r) => [r.text, r.sourceMessageId])).toEqual([["完成季度报表初稿", m.message_id]]);
  });

  test("card.action.trigger with form_value: the leader adjusts a claim with the points and comment typed in the form", async () => {
    expect((await h.say(ZHANG.openId, "申报 加分 联村 2 牵头完成秋收调度")).status).toBe(200);
    await h.bot.idle();
    const [claim] = await h.bot.db
      .select()
      .from(claims)
      .where(eq(claims.memberId, memberIdFor(GROUP, ZHANG.openId)));
    const card = h.lark.mock
      .sentMessages({ openId: LEADER.openId })
      .find((x) => JSON.stringify(x.parsed).includes(claim!.id))!;
    const f = load("card.action.trigger.form.json");
    const event = f.payload.event as {
      action: { value: { id: string } };
      context: { open_message_id: string; open_chat_id: string };
    };
    event.action.value.id = claim!.id;
    event.context.open_message_id = card.messageId;
    event.context.open_chat_id = card.chatId;
    expect((await post(f)).status).toBe(200);
    const [decision] = await h.bot.db.select().from(claimDecisions).where(eq(claimDecisions.claimId, claim!.id));
    expect(decision).toMatchObject({
      decision: "adjusted",
      points: 1,
      comment: "按实际工作量调整",
      byUserId: LEADER.openId,
    });
  });

  test("im.chat.member.user.added_v1 puts 王五 on the roster; withdrawn_v1 takes him off; a redelivery changes nothing", async () => {
    const WANG = memberIdFor(GROUP, "ou_86b7ca3ff2b3e3bf105a8416fb4dd2ab");
    const wang = async () => (await h.bot.db.select().from(members).where(eq(members.id, WANG)))[0];
    const sent = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length;
    expect((await post(load("im.chat.member.user.added_v1.json"))).status).toBe(200);
    expect(await wang()).toMatchObject({ name: "王五", role: "staff", active: true, leftOn: null });
    expect((await post(load("im.chat.member.user.withdrawn_v1.json"))).status).toBe(200);
    expect(await wang()).toMatchObject({ active: false, leftOn: "2026-11-27" });
    // Lark delivers the 用户进群 again: handled once, so he stays off.
    expect((await post(load("im.chat.member.user.added_v1.json"))).status).toBe(200);
    expect(await wang()).toMatchObject({ active: false });
    // 用户出群 for someone already gone: answered, nothing changes.
    expect((await post(load("im.chat.member.user.deleted_v1.json"))).status).toBe(200);
    expect(await wang()).toMatchObject({ active: false, leftOn: "2026-11-27" });
    const audit = await h.bot.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.groupId, GROUP), inArray(auditLog.action, ["member.join", "member.leave"])));
    expect(audit.map((a) => [a.action, a.actorUserId]).sort()).toEqual([
      ["member.join", LEADER.openId],
      ["member.leave", LEADER.openId],
    ]);
    expect(audit.find((a) => a.action === "member.leave")!.detail).toMatchObject({ reason: "withdrawn" });
    // Nothing new is said in the group (the welcome card may be updated in place).
    expect(h.lark.mock.sentMessages({ chatId: OFFICE.chatId })).toHaveLength(sent);
  });

  test("im.chat.member.bot.deleted_v1 deactivates the group and keeps its data", async () => {
    expect((await post(load("im.chat.member.bot.deleted_v1.json"))).status).toBe(200);
    const [group] = await h.bot.db.select().from(groups).where(eq(groups.id, GROUP));
    expect(group!.active).toBe(false);
    expect(
      await h.bot.db
        .select()
        .from(ratings)
        .where(and(eq(ratings.groupId, GROUP), eq(ratings.score, 88))),
    ).toHaveLength(1);
  });
});
