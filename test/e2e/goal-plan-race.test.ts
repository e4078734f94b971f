import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, goalPlans, goals } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { buttons } from "../support/card-buttons";
import { ask as askIn, type Person } from "../support/tenant-groups";

/**
 * Two office members deciding the same 目标计划书 at the same moment (review defect: both were written to the audit
 * log and the plan published twice). Real signed Lark callbacks, concurrently, against the bot's libSQL file:
 * exactly one decision is written and told; the other click is answered with who decided it.
 */
const ADMIN = OFFICE.owner; // 李主任
const ZHANG = OFFICE.members[0]!; // 负责人, submits
const LI = OFFICE.members[1]!; // a second admin
const PEOPLE: Person[] = [ADMIN, ZHANG, LI];
const SCHEME = {
  name: "目标责任制方案",
  dimensions: [
    { key: "business", name: "业务", weight: 60, source: "target" },
    { key: "quality", name: "工作质量", weight: 40 },
  ],
};

let h: Harness;
const ask = (from: Person, text: string) => askIn(h, PEOPLE, from, text, OFFICE.chatId);
type Answer = { toast: { type: string; content: string }; card?: unknown };

/** The latest plan card an admin received privately. */
function planCard(openId: string) {
  const card = h.lark.mock
    .sentMessages({ openId })
    .filter((m) => JSON.stringify(m.parsed).includes("目标计划书"))
    .at(-1)!;
  return { message: card, buttons: buttons(card.parsed) };
}

async function submit(): Promise<string> {
  expect(await ask(ZHANG, "目标 业务 完成12个项目 全年")).toContain("目标");
  expect(await ask(ZHANG, "目标计划书 本年")).toContain("目标计划书已提交");
  await h.bot.idle();
  const [plan] = await h.bot.db.select().from(goalPlans).where(eq(goalPlans.status, "pending"));
  return plan!.id;
}

async function clickBoth(a: "approve" | "reject", b: "approve" | "reject"): Promise<Answer[]> {
  const mine = planCard(ADMIN.openId);
  const his = planCard(LI.openId);
  const res = await Promise.all([
    h.click(ADMIN.openId, mine.buttons[a]!, mine.message.messageId, mine.message.chatId),
    h.click(LI.openId, his.buttons[b]!, his.message.messageId, his.message.chatId),
  ]);
  expect(res.map((r) => r.status)).toEqual([200, 200]);
  return (await Promise.all(res.map((r) => r.json()))) as Answer[];
}

const published = () =>
  h.lark.mock
    .sentMessages({ chatId: OFFICE.chatId })
    .filter((m) => JSON.stringify(m.parsed).includes("绩考办已批准本群目标计划书")).length;

beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-10-08T02:00:00Z" });
  await h.addBotToOffice();
  expect(await ask(ADMIN, `方案 导入 ${JSON.stringify(SCHEME)}`)).toContain("目标责任制方案");
  expect(await ask(ADMIN, "设置 负责人 @张三")).toContain("负责人");
  expect(await ask(ADMIN, "设置 管理员 @李四")).toContain("管理员");
}, 60_000);
afterAll(() => h.close());

describe("目标计划书 decided by two admins at once", () => {
  test("通过 and 通过: one approval, one audit entry, published once; the other told who approved it", async () => {
    const id = await submit();
    const before = published();
    const answers = await clickBoth("approve", "approve");
    await h.bot.idle();
    expect(answers.filter((a) => a.toast.type === "success")).toHaveLength(1);
    const loser = answers.find((a) => a.toast.type !== "success")!;
    const [plan] = await h.bot.db.select().from(goalPlans).where(eq(goalPlans.id, id));
    const winner = plan!.decidedBy === ADMIN.openId ? ADMIN.name : LI.name;
    expect(loser.toast.content).toBe(`已由 ${winner} 批准`);
    expect(JSON.stringify(loser.card)).toContain(`已批准 · ${winner}`);
    const log = await h.bot.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
    expect(log.map((e) => e.action).sort()).toEqual(["goal.plan.approve", "goal.plan.propose"]);
    expect(published() - before).toBe(1);
    expect((await h.bot.db.select().from(goals)).every((g) => g.planId === id)).toBe(true);
  });

  test("通过 and 驳回: exactly one decision stands and is the one told", async () => {
    const id = await submit();
    const before = published();
    const answers = await clickBoth("approve", "reject");
    await h.bot.idle();
    expect(answers.filter((a) => a.toast.type === "success")).toHaveLength(1);
    const [plan] = await h.bot.db.select().from(goalPlans).where(eq(goalPlans.id, id));
    const winner = plan!.decidedBy === ADMIN.openId ? ADMIN.name : LI.name;
    const verb = plan!.status === "approved" ? "批准" : "驳回";
    expect(answers.find((a) => a.toast.type !== "success")!.toast.content).toBe(`已由 ${winner} ${verb}`);
    const log = await h.bot.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
    expect(log.filter((e) => e.action !== "goal.plan.propose").map((e) => e.action)).toEqual([
      plan!.status === "approved" ? "goal.plan.approve" : "goal.plan.reject",
    ]);
    expect(published() - before).toBe(plan!.status === "approved" ? 1 : 0);
    const rejections = h.lark.mock
      .sentMessages({ openId: ZHANG.openId })
      .filter((m) => JSON.stringify(m.parsed).includes("目标计划书被驳回")).length;
    expect(rejections).toBe(plan!.status === "rejected" ? 1 : 0);
  });
});
