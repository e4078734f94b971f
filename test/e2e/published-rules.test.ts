/**
 * Issue 13: results already published keep their figures. A database holding a scheme stored before the seed rules
 * (no `rules` field: the 村（社区） template as 「方案 使用」 saved it then) and its published 2026-Q4 and 2026 is
 * closed and opened again by the bot of this version (its migrations run at start); 导出 gives the figures the
 * report cards were published with — the old rules' (82 + min(5, 3)) × 1.083, not the seed rules' 87.00.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { groups, members, publications, schemes } from "../../src/db/schema";
import type { SchemeJson } from "../../src/domain/scheme";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;

/** The 村（社区） template exactly as a group's scheme row held it before issue 13. */
const STORED_BEFORE: SchemeJson = {
  name: "村（社区）",
  dimensions: [
    { key: "economy", name: "经济发展", weight: 25, bonusCapPct: 20 },
    { key: "governance", name: "社会管理", weight: 25, bonusCapPct: 20 },
    { key: "party", name: "党的建设", weight: 25, bonusCapPct: 20 },
    { key: "stability", name: "社会稳定", weight: 25, bonusCapPct: 20 },
  ],
  extraCap: 3,
  awards: { national: 5, provincial: 3, city: 2, county: 1 },
  grades: [
    { name: "优秀", min: 90, quota: 5 },
    { name: "良好", min: 80, quota: 5 },
    { name: "合格", min: 70 },
    { name: "基本合格", min: 60 },
    { name: "不合格", min: 0 },
  ],
  prizes: [900, 600, 300],
  rankingVisibility: "full",
};

let dir = "";
const opened: Harness[] = [];
afterAll(async () => {
  for (const h of opened) await h.close().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function say(h: Harness, from: { openId: string }, text: string) {
  const mentions = [ZHANG, LI, LEADER].filter((p) => text.includes(`@${p.name}`));
  expect((await h.say(from.openId, text, { mentions })).status).toBe(200);
  await h.bot.idle();
}

/** 导出 <period> by the leader; the workbook's 成绩汇总 as name → column → value. */
async function exported(h: Harness, period: string) {
  const before = h.lark.mock.sentMessages().filter((m) => m.msgType === "file").length;
  await say(h, LEADER, `导出 ${period}`);
  const files = await h.lark.mock.waitForMessages((m) => m.sender.type === "app" && m.msgType === "file", {
    count: before + 1,
  });
  const key = (files.at(-1)!.parsed as { file_key: string }).file_key;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(h.lark.mock.store.files.get(key)!.bytes) as never);
  const sheet = wb.getWorksheet("成绩汇总")!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const out: Record<string, Record<string, unknown>> = {};
  for (let i = 2; i <= sheet.rowCount; i++) {
    const row = sheet.getRow(i);
    out[String(row.getCell(2).value)] = Object.fromEntries(header.map((c, k) => [c, row.getCell(k + 1).value]));
  }
  return out;
}

const pick = (rows: Record<string, Record<string, unknown>>, name: string) => {
  const r = rows[name]!;
  return [r["总分"], r["组内名次"], r["等次"], r["名次奖（元）"]];
};

describe("published results keep their figures across the seed-rules change", () => {
  test("a scheme stored before, its published quarter and year, reopened: the same figures", async () => {
    dir = await mkdtemp(join(tmpdir(), "published-rules-"));
    const databasePath = join(dir, "bot.db");
    const before = await startHarness({ clockStart: "2026-11-02T02:00:00Z", databasePath });
    opened.push(before);
    await before.addBotToOffice();
    const [group] = await before.bot.db.select().from(groups);
    await before.bot.db.insert(schemes).values({
      id: "sch_storedbeforeissue13000000000",
      groupId: group!.id,
      version: 1,
      name: STORED_BEFORE.name,
      json: STORED_BEFORE,
      source: "template:village",
      createdBy: LEADER.openId,
      createdAt: new Date("2026-10-30T02:00:00Z"),
    });
    for (const dim of ["经济发展", "社会管理", "党的建设", "社会稳定"]) {
      await say(before, LEADER, `评分 @张三 ${dim} 82`);
      await say(before, LEADER, `评分 @李四 ${dim} 89`);
    }
    await say(before, LEADER, "奖励 @张三 国家级 获评全国文明村");
    await before.bot.db.update(members).set({ coefficient: 1.083 }).where(eq(members.userId, ZHANG.openId));

    // Published: the Q4 report cards and the year's, on the first workday of 2027.
    await before.bot.runJobs(new Date("2027-01-04T01:05:00Z"));
    await before.bot.idle();
    const published = await before.bot.db.select().from(publications);
    expect(published.map((p) => p.period).sort()).toEqual(["2026", "2026-Q4"]);
    const card = before.lark.mock
      .sentMessages({ openId: ZHANG.openId })
      .map((m) => JSON.stringify(m.parsed))
      .find((c) => c.includes("第四季度") || c.includes("2026-Q4") || c.includes("四季度"))!;
    // Old rules: (82 + min(5, 3)) × 1.083 = 85 × 1.083 = 92.055, shown 92.06 (rounded half up); first, 优秀.
    expect(card).toContain("92.06 分");
    const quarterBefore = await exported(before, "2026-Q4");
    const yearBefore = await exported(before, "2026");
    expect(pick(quarterBefore, "张三")).toEqual([92.06, 1, "优秀", 900]);
    // 李四 89: below the old 90 minimum of 优秀, so 良好; second place 600 — every period paid prizes then.
    expect(pick(quarterBefore, "李四")).toEqual([89, 2, "良好", 600]);
    await before.bot.close();

    // The same database opened by this version of the bot.
    const after = await startHarness({ clockStart: "2027-01-05T02:00:00Z", databasePath });
    opened.push(after);
    expect((await after.bot.db.select().from(publications)).map((p) => p.period).sort()).toEqual(["2026", "2026-Q4"]);
    expect(await exported(after, "2026-Q4")).toEqual(quarterBefore);
    expect(await exported(after, "2026")).toEqual(yearBefore);
  });
});
