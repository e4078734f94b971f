import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { adjustments, auditLog, claims, groups, members, outbox, records } from "../../../src/db/schema";
import { WX, type TestDatabase, type WechatWorld, useWechatWorld } from "../../support/wechat-harness";
import { groupIdFor, memberIdFor } from "../../../src/db/ids";

let database: TestDatabase;
let world: WechatWorld;
const roomSaid = () => world.sent.filter((m) => m.to === WX.room.id);
const saidTo = (id: string) => world.sent.filter((m) => m.to === id);

useWechatWorld((w) => ({ database, world } = w));

describe("WeChat room and private chat", () => {
  test("a 日报 in the room is recorded for the sender, and the answer reaches the room as plain text", async () => {
    await world.inRoom("zhang", "日报 整理档案 12 份", { mentionBot: true });
    await world.settle();
    const [group] = await database.db.select().from(groups).where(eq(groups.chatId, WX.room.id));
    expect(group).toMatchObject({
      platform: "wechat",
      tenantKey: WX.bot.id,
      name: WX.room.topic,
      id: groupIdFor("wechat", WX.room.id),
    });
    const saved = await database.db.select().from(records).where(eq(records.groupId, group!.id));
    expect(saved.map((r) => r.text)).toEqual(["整理档案 12 份"]);
    const answer = roomSaid().at(-1)!;
    expect(answer.text).toContain("整理档案 12 份");
    expect(answer.text).not.toMatch(/\*\*|\{"schema"/); // no Markdown, no card JSON
    // The room was read: its owner is the group's leader.
    const leader = await database.db.select().from(members).where(eq(members.userId, WX.leader.id));
    expect(leader[0]).toMatchObject({ role: "leader", name: WX.leader.name });
  });

  test("a command word without @ is answered; chatter is not", async () => {
    const before = roomSaid().length;
    await world.inRoom("li", "大家中午吃什么");
    await world.inRoom("li", "日报 接待来访群众 3 人");
    await world.settle();
    expect(roomSaid().length).toBe(before + 1);
    const saved = await database.db.select().from(records).where(eq(records.text, "接待来访群众 3 人"));
    expect(saved).toHaveLength(1);
  });

  test("plain text in private chat is today's record, answered privately", async () => {
    await world.privately("zhang", "下午核对报销单据");
    await world.settle();
    const mine = await database.db
      .select()
      .from(records)
      .where(eq(records.memberId, memberIdFor(groupIdFor("wechat", WX.room.id), WX.zhang.id)));
    expect(mine.map((r) => r.text)).toContain("下午核对报销单据");
    expect(saidTo(WX.zhang.id).at(-1)!.text).toContain("下午核对报销单据");
  });

  test("with 需要@我 on, commands without @ are ignored", async () => {
    await world.inRoom("leader", "设置 需要@我 开", { mentionBot: true });
    await world.settle();
    expect(roomSaid().at(-1)!.text).toContain("只回应 @我");
    const before = roomSaid().length;
    await world.inRoom("li", "日报 不该被记下");
    await world.settle();
    expect(roomSaid().length).toBe(before);
    expect(await database.db.select().from(records).where(eq(records.text, "不该被记下"))).toHaveLength(0);
    await world.inRoom("leader", "设置 需要@我 关", { mentionBot: true });
    await world.settle();
  });
});

describe("claims decided by reply commands", () => {
  test("the leader gets the claim privately with its number, and 「同意 N」 grants it", async () => {
    await world.inRoom("zhang", "申报 加分 联村 2 牵头完成秋收调度，提前三天完成", { mentionBot: true });
    await world.settle();
    const [claim] = await database.db.select().from(claims);
    expect(claim!.no).toBe(1);
    const toLeader = saidTo(WX.leader.id).at(-1)!;
    expect(toLeader.text).toContain("申报加分 · 张三");
    expect(toLeader.text).toContain("回复「同意 1」、「调整 1 分值 原因」或「驳回 1 原因」");

    // Someone who is not a leader cannot decide.
    await world.privately("li", "同意 1");
    await world.settle();
    expect(saidTo(WX.li.id).at(-1)!.text).toContain("只有本群的考核负责人可以审批");

    await world.privately("leader", "同意 1");
    await world.settle();
    expect(saidTo(WX.leader.id).at(-1)!.text).toContain("已同意");
    const [decided] = await database.db.select().from(claims).where(eq(claims.id, claim!.id));
    expect(decided!.status).toBe("approved");
    const granted = await database.db.select().from(adjustments).where(eq(adjustments.memberId, claim!.memberId));
    expect(granted.map((a) => a.points)).toEqual([2]);
    expect(saidTo(WX.zhang.id).at(-1)!.text).toContain("申报已同意");
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, "claim.approved"));
    expect(audit[0]!.actorUserId).toBe(WX.leader.id);

    // A second 同意 says who decided, and changes nothing.
    await world.privately("leader", "同意 1");
    await world.settle();
    expect(saidTo(WX.leader.id).at(-1)!.text).toContain("已由 王主任 同意");
    expect(await database.db.select().from(adjustments).where(eq(adjustments.memberId, claim!.memberId))).toHaveLength(
      1,
    );
  });

  test("「驳回 N」 needs a reason; with one, the claim is rejected and the claimant told why", async () => {
    await world.inRoom("li", "申报 加分 联村 1 协助防汛值班两晚", { mentionBot: true });
    await world.settle();
    await world.privately("leader", "驳回 2");
    await world.settle();
    expect(saidTo(WX.leader.id).at(-1)!.text).toContain("驳回或调整时请填写意见");
    await world.privately("leader", "驳回 2 值班属于本职工作");
    await world.settle();
    const [row] = await database.db.select().from(claims).where(eq(claims.no, 2));
    expect(row!.status).toBe("rejected");
    expect(saidTo(WX.li.id).at(-1)!.text).toContain("值班属于本职工作");
    await world.privately("leader", "同意 99");
    await world.settle();
    expect(saidTo(WX.leader.id).at(-1)!.text).toContain("本群没有编号为 99 的申报");
  });

  test("nothing the bridge sent is left queued, and every row went on the wechat channel", async () => {
    const rows = await database.db.select().from(outbox);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.channel === "wechat" && r.status === "sent" && r.msgType !== "interactive")).toBe(true);
  });
});
