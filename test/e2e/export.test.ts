import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { groups } from "../../src/db/schema";
import { computeQuarter } from "../../src/app/period-results";
import { APP, OFFICE, startHarness, type Harness } from "../support/bot-harness";

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const LI = OFFICE.members[1]!;
const ADMIN_TOKEN = "admin-test-token";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z", adminToken: ADMIN_TOKEN });
  await h.addBotToOffice();
  for (const [who, dim, score] of [
    [ZHANG, "联村", 92],
    [ZHANG, "业务", 88],
    [ZHANG, "作风", 95],
    [LI, "联村", 80],
    [LI, "业务", 85.5],
    [LI, "作风", 90],
  ] as const) {
    const res = await h.say(LEADER.openId, `评分 @${who.name} ${dim} ${score}`, { mentions: [who] });
    expect(res.status).toBe(200);
  }
  await h.bot.idle();
});
afterAll(() => h.close());

async function workbook(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

/** The bot's reply in the office chat to what was just said. */
async function replyTo(from: { openId: string }, text: string) {
  const before = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length;
  await h.say(from.openId, text);
  await h.bot.idle();
  return JSON.stringify(
    h.lark.mock
      .sentMessages({ chatId: OFFICE.chatId })
      .slice(before)
      .map((m) => m.parsed),
  );
}

describe("导出 in chat", () => {
  test("the first leader to export becomes the admin and gets the workbook privately as a Lark file message; its figures are the engine's", async () => {
    const answer = await replyTo(LEADER, "导出 2026-Q4");
    expect(answer).toContain("已成为本组织的管理员");
    expect(answer).toContain("正在导出");
    const [file] = await h.lark.mock.waitForMessages((m) => m.sender.type === "app" && m.msgType === "file");
    expect(h.lark.mock.store.chats.get(file!.chatId)?.p2pOpenId).toBe(LEADER.openId);
    const key = (file!.parsed as { file_key: string }).file_key;
    const stored = h.lark.mock.store.files.get(key)!;
    expect(stored).toMatchObject({
      fileName: "绩效考核_2026-Q4.xlsx",
      fileType: "xls",
      owner: { type: "app", appId: APP.appId },
    });

    const wb = await workbook(stored.bytes);
    const results = wb.getWorksheet("成绩汇总")!;
    const header = (results.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => header.indexOf(name) + 1;
    const [group] = await h.bot.db.select().from(groups);
    const { combined } = await computeQuarter(h.bot.db, group!, "2026-Q4", h.clock.now());
    expect(results.rowCount).toBe(1 + combined.members.length);
    for (const m of combined.members) {
      const row = [...Array(results.rowCount).keys()]
        .map((i) => results.getRow(i + 1))
        .find((r) => r.getCell(col("姓名")).value === m.name)!;
      expect(row.getCell(col("总分")).value).toBe(m.total);
      expect(row.getCell(col("组内名次")).value).toBe(m.rank);
      expect(row.getCell(col("等次")).value ?? null).toBe(m.grade);
      expect(row.getCell(col("联村工作")).value).toBe(m.dimensions.village);
      expect(row.getCell(col("总分")).type).toBe(ExcelJS.ValueType.Number);
    }
    expect(results.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(wb.worksheets.map((w) => w.name)).toEqual(["成绩汇总", "审计记录", OFFICE.name]);
    const actions = wb.getWorksheet("审计记录")!.getColumn(4).values.slice(2);
    expect(actions.filter((a) => a === "评分")).toHaveLength(6);

    // The row keeps the file_key: the upload is not repeated on a later send.
    const uploads = h.lark.mock.stats().byRoute["im.file.create"];
    expect(uploads).toBe(1);
  });

  test("staff are refused, and a bad period is explained", async () => {
    expect(await replyTo(ZHANG, "导出 2026-Q4")).toContain("只有管理员");
    expect(await replyTo(LEADER, "导出 明年")).toContain("2026-Q4");
    expect(h.lark.mock.sentMessages().filter((m) => m.msgType === "file")).toHaveLength(1);
  });
});

describe("GET /admin/export", () => {
  const get = (query: string, token?: string) =>
    fetch(`${h.bot.url}/admin/export${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  test("needs the admin token", async () => {
    expect((await get("?period=2026-Q4")).status).toBe(401);
    expect((await get("?period=2026-Q4", "wrong")).status).toBe(401);
  });

  test("answers the workbook with its type and file name", async () => {
    const res = await get("?period=2026-11", ADMIN_TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("绩效考核_2026-11.xlsx")}`,
    );
    const wb = await workbook(new Uint8Array(await res.arrayBuffer()));
    const names = wb.getWorksheet("成绩汇总")!.getColumn(2).values.slice(2);
    expect(names.sort()).toEqual([LI.name, ZHANG.name].sort());
  });

  test("a bad period or an unknown tenant is a 4xx with a reason", async () => {
    const bad = await get("?period=2026-13", ADMIN_TOKEN);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/period/);
    expect((await get("?period=2026-Q4&tenant=nobody", ADMIN_TOKEN)).status).toBe(404);
  });
});
