import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { outbox } from "../../src/db/schema";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";

/**
 * "A failure is never silent" for 导出 when the data is fine but the file
 * cannot be delivered (issue 12 item 3): Lark refuses the upload for good
 * (234006, file too large, answered by the project's Lark mock over HTTP), so
 * the export is parked, and the person who asked is told privately what
 * failed and what to do, instead of waiting for a file that never comes.
 */
const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-20T02:00:00Z" });
  await h.addBotToOffice();
  for (const dim of ["联村", "业务", "作风"])
    await h.say(LEADER.openId, `评分 @${ZHANG.name} ${dim} 90`, { mentions: [ZHANG] });
  await h.bot.idle();
});
afterAll(() => h.close());

describe("导出 whose file Lark refuses", () => {
  test("the requester is told privately that the file did not arrive and what to do; the row is parked, not lost", async () => {
    h.lark.mock.failNext({
      method: "POST",
      path: "/open-apis/im/v1/files",
      status: 400,
      code: 234006,
      msg: "file size exceed the max value",
    });
    await h.say(LEADER.openId, "导出 2026-11");
    const [notice] = await h.lark.mock.waitForMessages(
      (m) => m.sender.type === "app" && JSON.stringify(m.parsed).includes("没有导出成功"),
    );
    const text = JSON.stringify(notice!.parsed);
    expect(notice!.receivedAs).toEqual({ idType: "open_id", id: LEADER.openId });
    expect(text).toContain("「绩效考核_2026-11.xlsx」没有导出成功");
    expect(text).toContain("生成或发送文件时出错");
    expect(text).toContain("请稍后再发一次「导出 …」");
    await h.bot.idle();
    const rows = await h.bot.db
      .select({ msgType: outbox.msgType, status: outbox.status, lastError: outbox.lastError })
      .from(outbox);
    expect(rows.filter((r) => r.msgType === "file")).toEqual([
      { msgType: "file", status: "parked", lastError: expect.stringContaining("234006") },
    ]);
  });
});
