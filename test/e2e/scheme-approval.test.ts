import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, schemeProposals, schemes } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { buttons } from "../support/card-buttons";
import { ask as askIn, type Person } from "../support/tenant-groups";

/**
 * Who owns the scheme (issue 13 item 10). In the seeds the office sets it:
 * 篇5 line 89 「成立了…绩效管理考评委员会，全面负责全镇的绩效管理工作」, and the
 * 绩考办 checks what units put forward (篇9 line 192 「目标审核要严…市绩考办在严格把关」).
 * So the organisation's 管理员 sets a scheme directly; a group leader who is not
 * an admin proposes one, and it takes effect only when an admin approves it.
 * The scheme in force says who approved it and when.
 */
const ADMIN = OFFICE.owner; // 李主任 configures first: the organisation's 管理员
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
const PEOPLE: Person[] = [ADMIN, ZHANG, LI];

let h: Harness;
const ask = (from: Person, text: string) => askIn(h, PEOPLE, from, text, OFFICE.chatId);

/** The proposal card the admin received privately, most recent first, and its buttons' values. */
function proposalCard() {
  const card = h.lark.mock
    .sentMessages({ openId: ADMIN.openId })
    .filter((m) => JSON.stringify(m.parsed).includes("方案申请"))
    .at(-1)!;
  return { message: card, text: JSON.stringify(card.parsed), buttons: buttons(card.parsed) };
}

beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-02T02:00:00Z" });
  await h.addBotToOffice();
  // Before the organisation has an admin there is nobody to approve: the leader's scheme applies, unapproved.
  expect(await ask(ADMIN, "方案 使用 驻镇单位")).toContain("本组织还没有管理员（绩考办），方案直接生效、记为未经批准");
  expect(await ask(LI, "方案")).toContain("本版未经绩考办批准");
  expect(await ask(ADMIN, "设置 提醒时间 17:30")).toContain("已成为本组织的管理员");
  expect(await ask(ADMIN, "设置 负责人 @张三")).toContain("负责人");
}, 60_000);
afterAll(() => h.close());

describe("the office owns the scheme (issue 13 item 10)", () => {
  test("a group leader's 方案 change is a proposal; the scheme in force stays until the office approves", async () => {
    const answer = await ask(ZHANG, "方案 使用 中层干部");
    expect(answer).toContain("方案申请已提交（第 1 号）");
    expect(answer).toContain("李主任");
    expect((await h.bot.db.select().from(schemes)).map((v) => [v.version, v.name, v.approvedBy])).toEqual([
      [1, "驻镇单位", null],
    ]);
    const shown = await ask(LI, "方案");
    expect(shown).toContain("驻镇单位");
    const { text, buttons: b } = proposalCard();
    expect(text).toContain("张三 申请把本群方案改为「中层干部」");
    expect(text).toContain("待绩考办审批");
    expect(Object.keys(b).sort()).toEqual(["approve", "reject"]);
  });

  test("staff cannot decide it; the admin's 批准 puts it in force, approved by the admin, and tells the proposer", async () => {
    expect(await ask(LI, "批准方案 1")).toContain("只有管理员可以操作");
    expect(await ask(ZHANG, "批准方案 1")).toContain("只有管理员可以操作"); // the proposer is no admin either
    const { message, buttons: b } = proposalCard();
    h.clock.set("2026-11-03T02:00:00Z");
    const res = await h.click(ADMIN.openId, b.approve!, message.messageId, message.chatId);
    const answer = (await res.json()) as { toast: { type: string; content: string }; card?: unknown };
    await h.bot.idle();
    expect(answer.toast).toEqual({ type: "success", content: "已批准，第 2 版生效" });
    expect(JSON.stringify(answer.card)).toContain("已批准 · 李主任 · 2026-11-03");
    const [, v2] = await h.bot.db.select().from(schemes).orderBy(schemes.version);
    expect(v2).toMatchObject({ version: 2, name: "中层干部", createdBy: ZHANG.openId, approvedBy: ADMIN.openId });
    expect(v2!.approvedAt).toEqual(new Date("2026-11-03T02:00:00Z"));
    const shown = await ask(LI, "方案");
    expect(shown).toContain("第 2 版");
    expect(shown).toContain("批准：李主任（绩考办）· 2026-11-03");
    const told = h.lark.mock.sentMessages({ openId: ZHANG.openId }).map((m) => JSON.stringify(m.parsed));
    expect(told.some((m) => m.includes("方案申请已批准：中层干部"))).toBe(true);
    // A second click (or another admin's) decides nothing more.
    const again = await h.click(ADMIN.openId, b.approve!, message.messageId, message.chatId);
    expect(((await again.json()) as { toast: { content: string } }).toast.content).toBe("这个申请已处理过");
    expect(await h.bot.db.select().from(schemes)).toHaveLength(2);
  });

  test("驳回方案 by reply leaves the scheme as it is; the decision is logged", async () => {
    expect(await ask(ZHANG, "方案 使用 单位干部")).toContain("第 2 号");
    const answer = await ask(ADMIN, "驳回方案 2");
    expect(answer).toContain("已驳回");
    const [second] = await h.bot.db.select().from(schemeProposals).where(eq(schemeProposals.no, 2));
    expect(second).toMatchObject({ status: "rejected", decidedBy: ADMIN.openId });
    expect(await ask(LI, "方案")).toContain("中层干部");
    const actions = (await h.bot.db.select().from(auditLog)).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith("scheme."))).toEqual([
      "scheme.set",
      "scheme.propose",
      "scheme.set",
      "scheme.propose",
      "scheme.reject",
    ]);
  });

  test("the admin sets a scheme directly, approved by himself", async () => {
    const answer = await ask(ADMIN, "方案 使用 单位干部");
    expect(answer).toContain("第 3 版");
    const shown = await ask(LI, "方案");
    expect(shown).toContain("单位干部");
    expect(shown).toContain("批准：李主任（绩考办）· 2026-11-03");
  });
});
