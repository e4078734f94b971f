import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, members } from "../../src/db/schema";
import { APP, OFFICE, startHarness, type Harness } from "../support/bot-harness";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z" });
  await h.addBotToOffice();
  // The owner configures the bot first, so the tenant has its admin (管理员) before any roster arrives.
  await h.say(LEADER.openId, "设置 提醒时间 17:30");
  await h.bot.idle();
});
afterAll(() => h.close());

const p2pChat = (openId: string) => h.lark.mock.store.p2pChat(APP.appId, openId).chatId;

/** Sends a file and returns the bot's answers in that chat (as text). */
async function send(
  from: { openId: string },
  name: string,
  bytes: Uint8Array,
  chatType: "p2p" | "group" = "p2p",
): Promise<string[]> {
  const chatId = chatType === "p2p" ? p2pChat(from.openId) : OFFICE.chatId;
  const before = h.lark.mock.sentMessages({ chatId }).length;
  const res = await h.sendFile(from.openId, name, bytes, { chatType });
  expect(res.status).toBe(200);
  await h.bot.idle();
  return h.lark.mock
    .sentMessages({ chatId })
    .slice(before)
    .map((m) => JSON.stringify(m.parsed));
}

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("花名册");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const person = async (openId: string) => (await h.bot.db.select().from(members).where(eq(members.userId, openId)))[0]!;
const csv = (text: string) => new TextEncoder().encode(text);

describe("roster import", () => {
  test("a bad .xlsx changes nothing and names every problem by row and column", async () => {
    const bytes = await xlsx([
      ["姓名", "部门", "岗位", "系数"],
      [ZHANG.name, OFFICE.name, "科员", "一点零"],
      [LI.name, "财务科", "会计", 1],
      ["王五", OFFICE.name, "科员", 1],
      [LI.name, OFFICE.name, "副主任", 1.083],
      ["", OFFICE.name, "科员", 1],
    ]);
    const [answer] = await send(LEADER, "花名册.xlsx", bytes);
    expect(answer).toContain("花名册没有导入：4 处问题");
    expect(answer).toContain("第 2 行「系数」：「一点零」不是数字");
    expect(answer).toContain("第 3 行「部门」：本单位没有叫「财务科」的群（现有：综合办公室）");
    expect(answer).toContain("第 4 行「姓名」：「综合办公室」里没有「王五」");
    expect(answer).toContain("第 6 行「姓名」：姓名为空");
    // All or nothing: the good row 5 did not apply either.
    expect(await person(LI.openId)).toMatchObject({ position: null, coefficient: 1 });
    expect(await h.bot.db.select().from(auditLog).where(eq(auditLog.action, "roster.import"))).toHaveLength(0);
  });

  test("a good .xlsx applies every row at once, each change audited", async () => {
    const bytes = await xlsx([
      ["姓名", "部门", "岗位", "系数"],
      [ZHANG.name, OFFICE.name, "科员", 1.042],
      [LI.name, OFFICE.name, "副主任", 1.083],
      [LEADER.name, OFFICE.name, "主任", null],
    ]);
    const [answer] = await send(LEADER, "花名册.xlsx", bytes);
    expect(answer).toContain("花名册已导入");
    expect(answer).toContain("更新 3 人");
    expect(await person(ZHANG.openId)).toMatchObject({ position: "科员", coefficient: 1.042 });
    expect(await person(LI.openId)).toMatchObject({ position: "副主任", coefficient: 1.083 });
    expect(await person(LEADER.openId)).toMatchObject({ position: "主任", coefficient: 1 });
    const audit = await h.bot.db.select().from(auditLog).where(eq(auditLog.action, "roster.import"));
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.actorUserId === LEADER.openId)).toBe(true);
    // The same file again changes nothing and says so.
    const [again] = await send(LEADER, "花名册.xlsx", bytes);
    expect(again).toContain("更新 0 人的岗位或系数，3 人没有变化");
    expect(await h.bot.db.select().from(auditLog).where(eq(auditLog.action, "roster.import"))).toHaveLength(3);
  });

  test("a .csv as Excel saves it in a Chinese locale (GB18030), with bad rows, then fixed", async () => {
    // "姓名,部门,系数\r\n张三,综合办公室,x" in GB18030, built from its code points by the runtime's own decoder table.
    const bad = new Uint8Array([
      0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xb2, 0xbf, 0xc3, 0xc5, 0x2c, 0xcf, 0xb5, 0xca, 0xfd, 0x0d, 0x0a, 0xd5, 0xc5, 0xc8,
      0xfd, 0x2c, 0xd7, 0xdb, 0xba, 0xcf, 0xb0, 0xec, 0xb9, 0xab, 0xca, 0xd2, 0x2c, 0x78,
    ]);
    expect(new TextDecoder("gb18030").decode(bad)).toBe("姓名,部门,系数\r\n张三,综合办公室,x");
    const [answer] = await send(LEADER, "名单.csv", bad);
    expect(answer).toContain("第 2 行「系数」：「x」不是数字");
    expect(await person(ZHANG.openId)).toMatchObject({ coefficient: 1.042 });

    const [ok] = await send(
      LEADER,
      "名单.csv",
      csv(`姓名,部门,岗位,系数\n${ZHANG.name},${OFFICE.name},"科员,兼出纳",1.2\n`),
    );
    expect(ok).toContain("花名册已导入");
    expect(await person(ZHANG.openId)).toMatchObject({ position: "科员,兼出纳", coefficient: 1.2 });
  });

  test("staff are refused in private; in the group other people's files are left alone", async () => {
    const roster = csv(`姓名,部门,系数\n${LI.name},${OFFICE.name},5\n`);
    const [refused] = await send(ZHANG, "名单.csv", roster);
    expect(refused).toContain("只有管理员");
    expect(await send(ZHANG, "名单.csv", roster, "group")).toEqual([]);
    expect(await send(LEADER, "会议纪要.pdf", csv("%PDF"), "group")).toEqual([]);
    expect((await send(LEADER, "会议纪要.pdf", csv("%PDF")))[0]).toContain("不是 .xlsx 或 .csv");
    expect((await send(LEADER, "老名单.xls", csv("x")))[0]).toContain("另存为 .xlsx");
    expect((await send(LEADER, "坏的.xlsx", csv("not a zip")))[0]).toContain("读不出这个 .xlsx");
    expect(await person(LI.openId)).toMatchObject({ coefficient: 1.083 });
  });

  test("typed as a command, it says how to send the file; 帮助 lists it", async () => {
    await h.say(LEADER.openId, "花名册", { chatType: "p2p" });
    await h.bot.idle();
    const replies = h.lark.mock.sentMessages({ chatId: p2pChat(LEADER.openId) }).map((m) => JSON.stringify(m.parsed));
    expect(replies.at(-1)).toContain("把花名册的 .xlsx 或 .csv 文件直接发给我");
    await h.say(LEADER.openId, "帮助", { chatType: "p2p" });
    await h.bot.idle();
    const help = JSON.stringify(h.lark.mock.sentMessages({ chatId: p2pChat(LEADER.openId) }).at(-1)!.parsed);
    expect(help).toContain("导出");
    expect(help).toContain("花名册导入");
  });

  test("a leader's roster in the group is imported there too", async () => {
    const [answer] = await send(LEADER, "名单.csv", csv(`姓名,部门,系数\n${LI.name},${OFFICE.name},1.1\n`), "group");
    expect(answer).toContain("花名册已导入");
    expect(await person(LI.openId)).toMatchObject({ coefficient: 1.1, position: null });
  });
});
