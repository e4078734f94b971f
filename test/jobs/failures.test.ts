import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Logger } from "../../src/bot/deps";
import { jobFailures, outbox } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";

/**
 * "A failure is never silent" (issue 12 item 3), with real failures: a rating
 * row corrupted in the database (a score of 250, which the scoring engine's
 * validation refuses) breaks 成绩, the monthly ranking job and 导出 for real.
 */
const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
const ADMIN_TOKEN = "admin-failure-test-token";
const RANKING_DUE = "2026-12-01T01:05:00Z"; // 1 December 09:05 in Shanghai

const logged: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
const log: Logger = {
  info: () => {},
  warn: (message, fields) => logged.push({ level: "warn", message, fields }),
  error: (message, fields) => logged.push({ level: "error", message, fields }),
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-20T02:00:00Z", adminToken: ADMIN_TOKEN, log });
  await h.addBotToOffice();
  for (const [who, score] of [
    [ZHANG, 92],
    [LI, 85],
  ] as const) {
    for (const dim of ["联村", "业务", "作风"])
      await h.say(LEADER.openId, `评分 @${who.name} ${dim} ${score}`, { mentions: [who] });
  }
  await h.bot.idle();
  // The corruption: one stored rating out of the engine's range.
  await h.bot.db.run(sql`update ratings set score = 250 where rowid = (select min(rowid) from ratings)`);
});
afterAll(() => h.close());

const texts = (filter: { chatId?: string; openId?: string }) =>
  h.lark.mock
    .sentMessages(filter)
    .filter((m) => m.sender.type === "app")
    .map((m) => JSON.stringify(m.parsed));

async function replyTo(openId: string, text: string): Promise<string> {
  const before = texts({ chatId: OFFICE.chatId }).length;
  await h.say(openId, text);
  await h.bot.idle();
  return texts({ chatId: OFFICE.chatId }).slice(before).join("\n");
}

describe("a data error in the scoring inputs", () => {
  test("成绩 answers that the data is at fault and the administrator was told, not 「出错了」; the log names group and period", async () => {
    const answer = await replyTo(ZHANG.openId, "成绩");
    expect(answer).toContain("数据有误，已报告管理员");
    expect(answer).toContain("不是你的操作问题");
    expect(answer).not.toContain("出错了");
    const line = logged.find((l) => l.message === "data error" && l.fields?.during === "command failed");
    expect(line?.fields).toMatchObject({
      code: "data_error",
      period: "2026-11",
      detail: expect.stringContaining("ratings["),
    });
    expect(line?.fields?.group).toMatch(/\S/);
  });
});

describe("a job that fails for a group", () => {
  test("is retried on each tick and, after the third failure, reported once to the group's leaders", async () => {
    const leaderTexts = () => texts({ openId: LEADER.openId }).filter((t) => t.includes("月度考核排名"));
    for (let tick = 1; tick <= 2; tick++) {
      const runs = await h.bot.runJobs(new Date(RANKING_DUE));
      expect(runs.find((r) => r.kind === "monthly-ranking")).toMatchObject({
        period: "2026-11",
        queued: 0,
        error: expect.stringContaining("data error"),
      });
      await h.bot.idle();
      expect(leaderTexts()).toEqual([]);
    }
    const [failure] = await h.bot.db.select().from(jobFailures);
    expect(failure).toMatchObject({ kind: "monthly-ranking", period: "2026-11", failures: 2, reportedAt: null });

    await h.bot.runJobs(new Date("2026-12-01T01:10:00Z"));
    await h.bot.idle();
    expect(leaderTexts()).toHaveLength(1);
    expect(leaderTexts()[0]).toContain("月度考核排名（2026-11）已连续 3 次没有完成");
    expect(leaderTexts()[0]).toContain("已记录并报告管理员");
    // Nothing reached the group or the members while the job failed.
    expect(texts({ chatId: OFFICE.chatId }).some((t) => t.includes("11 月考核排名"))).toBe(false);

    await h.bot.runJobs(new Date("2026-12-01T01:15:00Z"));
    await h.bot.idle();
    expect(leaderTexts()).toHaveLength(1); // once
    expect((await h.bot.db.select().from(jobFailures))[0]).toMatchObject({ failures: 4, reportedAt: expect.any(Date) });
    expect(
      logged.filter((l) => l.message === "data error" && l.fields?.during === "job").map((l) => l.fields?.period),
    ).toContain("2026-11");
  });

  test("once the data is fixed, the next tick sends the ranking and clears the count", async () => {
    await h.bot.db.run(sql`update ratings set score = 92 where score = 250`);
    const runs = await h.bot.runJobs(new Date("2026-12-01T01:20:00Z"));
    expect(runs.find((r) => r.kind === "monthly-ranking")).toMatchObject({ period: "2026-11", queued: 3 });
    expect(runs.find((r) => r.kind === "monthly-ranking")?.error).toBeUndefined();
    await h.bot.idle();
    expect(texts({ chatId: OFFICE.chatId }).filter((t) => t.includes("11 月考核排名"))).toHaveLength(1);
    expect(await h.bot.db.select().from(jobFailures)).toEqual([]);
    await h.bot.db.run(sql`update ratings set score = 250 where rowid = (select min(rowid) from ratings)`);
  });
});

describe("an export that cannot be built", () => {
  test("导出 in chat: the file is not sent, and the person who asked is told privately what failed and what to do", async () => {
    expect(await replyTo(LEADER.openId, "导出 2026-11")).toContain("正在导出");
    const [notice] = await h.lark.mock.waitForMessages(
      (m) => m.sender.type === "app" && JSON.stringify(m.parsed).includes("没有导出成功"),
    );
    expect(h.lark.mock.store.chats.get(notice!.chatId)?.p2pOpenId).toBe(LEADER.openId);
    expect(JSON.stringify(notice!.parsed)).toContain("「绩效考核_2026-11.xlsx」没有导出成功");
    expect(JSON.stringify(notice!.parsed)).toContain("已记录并报告管理员");
    expect(h.lark.mock.sentMessages().some((m) => m.msgType === "file")).toBe(false);
    const parked = (await h.bot.db.select().from(outbox)).find((r) => r.msgType === "file");
    expect(parked).toMatchObject({ status: "parked", attempts: 1, lastError: expect.stringMatching(/^data: /) });
  });

  test("GET /admin/export answers a JSON error naming the data problem, its group and period, not a bare 500", async () => {
    const res = await fetch(`${h.bot.url}/admin/export?period=2026-11`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({ code: "data_error", period: "2026-11", error: expect.stringContaining("导出失败") });
    expect(body.group).toMatch(/\S/);
    expect(body.detail).toContain("ratings[");
  });
});
