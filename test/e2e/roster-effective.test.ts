import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { monthInputs } from "../../src/app/scores";
import { schemeForMonth } from "../../src/app/schemes";
import { groups, memberTerms } from "../../src/db/schema";
import { APP, OFFICE, memberOf, startHarness, type Harness } from "../support/bot-harness";
import { ask as askIn, type Person } from "../support/tenant-groups";

/**
 * 岗变酬变 (篇9 line 218 「形成一套以岗定酬，岗变酬变的岗位管理模式」): a roster
 * imported in November changes 张三's coefficient (篇5 line 95: 1.083 for a
 * village above 2000 people) from the day it takes effect; October, already
 * scored, keeps the 1 it was scored with. Through the real webhook: the roster
 * arrives as a .csv file sent to the bot in private, as the office sends it.
 */
const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const PEOPLE: Person[] = [LEADER, ...OFFICE.members];
const SCHEME = { name: "村级考核", dimensions: [{ key: "business", name: "业务", weight: 100 }] };

let h: Harness;
const ask = (from: Person, text: string) => askIn(h, PEOPLE, from, text, OFFICE.chatId);
const p2pChat = (openId: string) => h.lark.mock.store.p2pChat(APP.appId, openId).chatId;

async function sendRoster(text: string): Promise<string> {
  const chatId = p2pChat(LEADER.openId);
  const before = h.lark.mock.sentMessages({ chatId }).length;
  const res = await h.sendFile(LEADER.openId, "花名册.csv", new TextEncoder().encode(text), { chatType: "p2p" });
  expect(res.status).toBe(200);
  await h.bot.idle();
  return h.lark.mock
    .sentMessages({ chatId })
    .slice(before)
    .map((m) => JSON.stringify(m.parsed))
    .join("\n");
}

/** The coefficient the engine is given for 张三 in a month. */
async function coefficientIn(month: string): Promise<number | undefined> {
  const [group] = await h.bot.db.select().from(groups).where(eq(groups.chatId, OFFICE.chatId));
  const { scheme } = await schemeForMonth(h.bot.db, group!, month, h.clock.now());
  const inputs = await monthInputs(h.bot.db, group!, month, scheme);
  return inputs.members.find((m) => m.id === memberOf(ZHANG.openId))?.coefficient;
}

beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-10-08T02:00:00Z" });
  await h.addBotToOffice();
  await ask(LEADER, "设置 提醒时间 17:30"); // the owner configures first: the organisation's 管理员
  await ask(LEADER, `方案 导入 ${JSON.stringify(SCHEME)}`);
  await ask(LEADER, "评分 @张三 业务 88");
  h.clock.set("2026-11-02T02:00:00Z");
  await ask(LEADER, "评分 @张三 业务 88");
}, 60_000);
afterAll(() => h.close());

describe("coefficients and posts change going forward only (岗变酬变)", () => {
  test("a roster imported on 2 November takes effect that day; October keeps coefficient 1", async () => {
    const answer = await sendRoster(`姓名,部门,岗位,系数\n${ZHANG.name},${OFFICE.name},村支书,1.083\n`);
    expect(answer).toContain("花名册已导入");
    expect(answer).toContain("自 2026-11-02 起生效");
    expect(await coefficientIn("2026-10")).toBe(1);
    expect(await coefficientIn("2026-11")).toBe(1.083);
    // October through chat: 88 × 1 = 88.00 still (it would read 88 × 1.083 = 95.30 had the import reached back).
    const october = await ask(ZHANG, "成绩 上月");
    expect(october).toContain("88.00");
    expect(october).not.toContain("95.30");
  });

  test("a 生效日期 before this month is refused: past months change only through 更正", async () => {
    const answer = await sendRoster(
      `姓名,部门,岗位,系数,生效日期\n${ZHANG.name},${OFFICE.name},村支书,1.042,2026-10-15\n`,
    );
    expect(answer).toContain("花名册没有导入：1 处问题");
    expect(answer).toContain("第 2 行「生效日期」：生效日期 2026-10-15 早于本月");
    expect(await coefficientIn("2026-10")).toBe(1);
    expect(await coefficientIn("2026-11")).toBe(1.083);
  });

  test("a change dated 2026年12月1日 leaves November as it is and applies from December", async () => {
    const answer = await sendRoster(
      `姓名,部门,岗位,系数,生效日期\n${ZHANG.name},${OFFICE.name},副书记,1.042,2026年12月1日\n`,
    );
    expect(answer).toContain("自 2026-12-01 起生效");
    expect(await coefficientIn("2026-11")).toBe(1.083);
    h.clock.set("2026-12-02T02:00:00Z");
    await ask(LEADER, "评分 @张三 业务 88");
    expect(await coefficientIn("2026-12")).toBe(1.042);
    expect(await coefficientIn("2026-11")).toBe(1.083);
    const terms = await h.bot.db
      .select()
      .from(memberTerms)
      .where(eq(memberTerms.memberId, memberOf(ZHANG.openId)));
    expect(terms.map((t) => [t.effectiveFrom, t.coefficient, t.position, t.source])).toEqual([
      ["0001-01-01", 1, null, "upgrade"],
      ["2026-11-02", 1.083, "村支书", "roster"],
      ["2026-12-01", 1.042, "副书记", "roster"],
    ]);
  });

  test("the export shows each period's 岗位 and 系数 as they stood at its end", async () => {
    const row = async (period: string) => {
      const before = h.lark.mock.sentMessages().filter((m) => m.msgType === "file").length;
      await ask(LEADER, `导出 ${period}`);
      const files = await h.lark.mock.waitForMessages((m) => m.sender.type === "app" && m.msgType === "file", {
        count: before + 1,
      });
      const stored = h.lark.mock.store.files.get((files.at(-1)!.parsed as { file_key: string }).file_key)!;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(stored.bytes) as never);
      const sheet = wb.getWorksheet("成绩汇总")!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
      const r = [...Array(sheet.rowCount).keys()]
        .map((i) => sheet.getRow(i + 1))
        .find((x) => x.getCell(header.indexOf("姓名") + 1).value === ZHANG.name)!;
      return [r.getCell(header.indexOf("岗位") + 1).value ?? null, r.getCell(header.indexOf("系数") + 1).value];
    };
    expect(await row("2026-10")).toEqual([null, 1]);
    expect(await row("2026-11")).toEqual(["村支书", 1.083]);
    expect(await row("2026-12")).toEqual(["副书记", 1.042]);
  });
});
