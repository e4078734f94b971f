import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";

const TOKEN = "admin-secret";
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z", adminToken: TOKEN });
  await h.addBotToOffice();
});
afterAll(() => h.close());

const post = (path: string, token?: string) =>
  fetch(`${h.bot.url}${path}`, { method: "POST", headers: token ? { authorization: `Bearer ${token}` } : {} });

describe("operations", () => {
  test("POST /admin/jobs runs a job as of a time, with the admin token only, once per period", async () => {
    expect((await post("/admin/jobs/reminders")).status).toBe(401);
    expect((await post("/admin/jobs/reminders", "wrong")).status).toBe(401);
    expect((await post("/admin/jobs/nonsense", TOKEN)).status).toBe(404);
    expect((await post("/admin/jobs/reminders?at=yesterday", TOKEN)).status).toBe(400);
    const first = await post("/admin/jobs/reminders?at=2026-11-27T17:35:00%2B08:00", TOKEN);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ kind: "reminder", queued: 4 }); // 3 nudges + the group line
    const again = await post("/admin/jobs/reminders?at=2026-11-27T17:40:00%2B08:00", TOKEN);
    expect(await again.json()).toMatchObject({ queued: 0 });
    await h.bot.idle();
    expect(
      h.lark.mock
        .sentMessages({ chatId: OFFICE.chatId })
        .some((m) => JSON.stringify(m.parsed).includes("今日已交 0/3")),
    ).toBe(true);
  });

  test("without ADMIN_TOKEN the admin routes do not exist", async () => {
    const plain = await startHarness();
    try {
      expect(
        (
          await fetch(`${plain.bot.url}/admin/jobs/reminders`, {
            method: "POST",
            headers: { authorization: "Bearer x" },
          })
        ).status,
      ).toBe(404);
    } finally {
      await plain.close();
    }
  });

  test("a message Lark refuses is parked; 发送失败 lists it and 重发 sends it", async () => {
    h.lark.mock.setBotInChat(OFFICE.chatId, false); // Lark answers 230002: not retryable
    await h.say(OFFICE.members[0]!.openId, "日报 这条回执会失败");
    await h.bot.idle();
    h.lark.mock.setBotInChat(OFFICE.chatId, true);
    await h.say(OFFICE.owner.openId, "发送失败");
    await h.bot.idle();
    const listing = JSON.stringify(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!.parsed);
    expect(listing).toContain("发送失败 1 条");
    expect(listing).toContain("230002");
    await h.say(OFFICE.members[0]!.openId, "重发");
    await h.bot.idle();
    expect(JSON.stringify(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!.parsed)).toContain("只有负责人");
    await h.say(OFFICE.owner.openId, "重发");
    await h.bot.idle();
    const texts = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).map((m) => JSON.stringify(m.parsed));
    expect(texts.some((t) => t.includes("这条回执会失败"))).toBe(true);
    expect(texts.at(-1)).toContain("已重新排队 1 条");
  });
});
