import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, members, tenantAdmins } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { addGroup, ask as askIn, type Person } from "../support/tenant-groups";
import { larkChatId, larkOpenId } from "../support/ids";
import { groupIdFor, memberIdFor } from "../../src/db/ids";

/**
 * Roles: the first leader to configure the bot becomes the tenant's admin
 * (绩考办); admins appoint admins; leaders and admins appoint leaders (several
 * per group) and remove them, never the last one; staff are refused; every
 * change is in the audit log.
 */
const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
const FINANCE = {
  chatId: larkChatId("finance"),
  name: "财务科",
  owner: { openId: larkOpenId("qian"), name: "钱科长" },
  members: [{ openId: larkOpenId("sun"), name: "孙会计" }],
};
const PEOPLE: Person[] = [LEADER, ZHANG, LI, FINANCE.owner, ...FINANCE.members];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z" });
  await h.addBotToOffice();
  await addGroup(h, FINANCE);
});
afterAll(() => h.close());

const ask = (from: Person, text: string, chatId = OFFICE.chatId) => askIn(h, PEOPLE, from, text, chatId);
const roleOf = async (openId: string, chatId = OFFICE.chatId) =>
  (
    await h.bot.db
      .select()
      .from(members)
      .where(eq(members.id, memberIdFor(groupIdFor("lark", chatId), openId)))
  )[0]?.role;
const admins = async () => (await h.bot.db.select().from(tenantAdmins)).map((a) => a.userId).sort();
/** The body of a 已设置 answer: exactly what the bot said, so an extra line (or another answer) fails. */
const savedBody = (json: string) => {
  const card = JSON.parse(json) as {
    header: { title: { content: string } };
    body: { elements: { content?: string }[] };
  };
  expect(card.header.title.content).toBe("已设置");
  return card.body.elements[0]?.content;
};
const roleAudit = async () =>
  (await h.bot.db.select().from(auditLog))
    .filter((a) => a.action.startsWith("role."))
    .map((a) => [a.action, a.actorUserId, a.subjectId]);

describe("roles", () => {
  test("staff cannot appoint anyone, and nothing is written", async () => {
    expect(await ask(ZHANG, "设置 负责人 @李四")).toContain("没有权限");
    expect(await ask(ZHANG, "设置 管理员 @张三")).toContain("没有权限");
    expect(await roleOf(LI.openId)).toBe("staff");
    expect(await admins()).toEqual([]);
    expect(await roleAudit()).toEqual([]);
  });

  test("the first leader to configure the bot becomes the admin", async () => {
    const answer = await ask(LEADER, "设置 提醒时间 17:45");
    expect(answer).toContain("已成为本组织的管理员");
    expect(await admins()).toEqual([LEADER.openId]);
    // Only the first time: the answer is the setting alone, with no line about becoming admin.
    expect(savedBody(await ask(LEADER, "设置 提醒时间 17:30"))).toBe("每个工作日 17:30 提醒未交日报的成员。");
    // The other group's owner is a leader there, but the tenant already has its admin.
    expect(savedBody(await ask(FINANCE.owner, "设置 提醒时间 18:00", FINANCE.chatId))).toBe(
      "每个工作日 18:00 提醒未交日报的成员。",
    );
    expect(await admins()).toEqual([LEADER.openId]);
  });

  test("a leader appoints several leaders; each change is logged", async () => {
    expect(await ask(LEADER, "设置 负责人 @张三 @李四")).toContain("张三、李四 现在是本群负责人");
    expect([await roleOf(ZHANG.openId), await roleOf(LI.openId)]).toEqual(["leader", "leader"]);
    expect(await ask(LEADER, "设置 取消负责人 @李四")).toContain("李四 不再是本群负责人");
    expect(await roleOf(LI.openId)).toBe("staff");
    const log = await roleAudit();
    expect(log).toContainEqual(["role.leader.add", LEADER.openId, ZHANG.openId]);
    expect(log).toContainEqual(["role.leader.add", LEADER.openId, LI.openId]);
    expect(log).toContainEqual(["role.leader.remove", LEADER.openId, LI.openId]);
  });

  test("a leader who is not an admin cannot appoint admins", async () => {
    expect(await ask(ZHANG, "设置 管理员 @李四")).toContain("只有管理员（绩考办）可以任免管理员");
    expect(await admins()).toEqual([LEADER.openId]);
  });

  test("the admin appoints an admin, who can then act in every group of the tenant", async () => {
    expect(await ask(LEADER, "设置 管理员 @张三")).toContain("张三 现在是管理员");
    expect(await admins()).toEqual([LEADER.openId, ZHANG.openId].sort());
    // 张三 is not even a member of the finance group, but as admin appoints its leader.
    expect(await ask(ZHANG, "设置 负责人 @孙会计", FINANCE.chatId)).toContain("孙会计 现在是本群负责人");
    expect(await roleOf(larkOpenId("sun"), FINANCE.chatId)).toBe("leader");
  });

  test("the last leader and the last admin cannot be removed", async () => {
    expect(await ask(LEADER, "设置 取消负责人 @李主任 @张三")).toContain("至少保留一位负责人");
    expect([await roleOf(LEADER.openId), await roleOf(ZHANG.openId)]).toEqual(["leader", "leader"]);
    expect(await ask(LEADER, "设置 取消管理员 @李主任 @张三")).toContain("至少保留一位管理员");
    expect(await ask(LEADER, "设置 取消管理员 @张三")).toContain("张三 不再是管理员");
    expect(await admins()).toEqual([LEADER.openId]);
    expect(await roleAudit()).toContainEqual(["role.admin.remove", LEADER.openId, ZHANG.openId]);
  });

  test("naming nobody, or an outsider, is a clear answer", async () => {
    expect(await ask(LEADER, "设置 负责人")).toContain("请 @ 要设为负责人的人");
    expect(await ask(LEADER, "设置 负责人 @孙会计")).toContain("孙会计 不是本群的考核成员");
  });
});
