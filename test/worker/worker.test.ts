import { createClient } from "@libsql/client/web";
import { exports } from "cloudflare:workers";
import { describe, expect, inject, test } from "vitest";
import { botAddedEvent, textMessageEvent } from "../../src/channels/local/lark-events";
import { groupIdFor, memberIdFor } from "../../src/db/ids";
import { docSeal } from "../support/lark-seal";
import { WORKER_TEST as W } from "./constants";

const envelope = { token: W.token, appId: W.app.appId, tenantKey: W.tenantKey };

interface MessageView {
  message_id: string;
  msg_type?: string;
  chat_id: string;
  parent_id?: string;
  sender: { sender_type: string };
  parsed: unknown;
}

async function post(payload: unknown): Promise<Response> {
  // Sealed by test code written from Lark's documentation, not the production crypto.
  const sealed = docSeal(payload, { encryptKey: W.encryptKey, timestamp: Math.floor(Date.now() / 1000) });
  return exports.default.fetch(
    new Request("https://bot.example/lark/events", { method: "POST", headers: sealed.headers, body: sealed.body }),
  );
}

/** A message the member writes in Lark (the mock runs outside workerd, on loopback). */
async function userMessage(text: string, openId: string = W.chat.members[0].openId): Promise<string> {
  const res = await fetch(`${inject("larkUrl")}/mock/user-messages`, {
    method: "POST",
    body: JSON.stringify({ chat_id: W.chat.chatId, open_id: openId, content: JSON.stringify({ text }) }),
  });
  return ((await res.json()) as { message: MessageView }).message.message_id;
}

/** Polls the Lark mock until the bot's messages arrive: the Worker sends them in waitUntil, after its answer. */
async function botMessages(count: number): Promise<MessageView[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await fetch(`${inject("larkUrl")}/mock/messages`);
    const list = ((await res.json()) as { messages: MessageView[] }).messages.filter(
      (m) => m.sender.sender_type === "app",
    );
    if (list.length >= count || Date.now() > deadline) return list;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the Worker inside workerd", () => {
  test("GET /healthz reaches the libSQL database over HTTP", async () => {
    const res = await exports.default.fetch(new Request("https://bot.example/healthz"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  test("stores a daily record and replies through the Open API", async () => {
    expect(
      (await post(botAddedEvent({ ...envelope, chatId: W.chat.chatId, operatorOpenId: W.chat.owner.openId }))).status,
    ).toBe(200);
    const text = "@bot 日报 在 Workers 上记录";
    const messageId = await userMessage(text);
    const res = await post(
      textMessageEvent({
        ...envelope,
        chatId: W.chat.chatId,
        chatType: "group",
        senderOpenId: W.chat.members[0].openId,
        text,
        messageId,
        mentions: [{ openId: W.app.botOpenId, name: "bot" }],
      }),
    );
    expect(res.status).toBe(200);

    const db = createClient({ url: inject("hranaUrl") });
    const rows = await db.execute("select text from records");
    expect(rows.rows.map((r) => r.text)).toEqual(["在 Workers 上记录"]);
    db.close();

    const [welcome, receipt] = await botMessages(2);
    expect(welcome?.chat_id).toBe(W.chat.chatId);
    expect(JSON.stringify(welcome?.parsed)).toContain("日报");
    expect(receipt?.parent_id).toBe(messageId);
    expect(JSON.stringify(receipt?.parsed)).toContain("在 Workers 上记录");
  });

  test("成绩 and 排名 inside workerd with ids of Lark's length: the member id stays bounded and scoring answers", async () => {
    const member = W.chat.members[0];
    const say = async (openId: string, text: string, mentions: { openId: string; name: string }[] = []) => {
      const messageId = await userMessage(`@bot ${text}`, openId);
      const event = textMessageEvent({
        ...envelope,
        chatId: W.chat.chatId,
        chatType: "group",
        senderOpenId: openId,
        text: `@bot ${text}`,
        messageId,
        mentions: [{ openId: W.app.botOpenId, name: "bot" }, ...mentions],
      });
      expect((await post(event)).status).toBe(200);
      return messageId;
    };
    for (const dim of ["联村", "业务", "作风"])
      await say(W.chat.owner.openId, `评分 @${member.name} ${dim} 90`, [member]);
    const asked = await say(member.openId, "成绩");
    const ranked = await say(member.openId, "排名");
    const deadline = Date.now() + 10_000;
    let replies: MessageView[] = [];
    while (Date.now() < deadline) {
      replies = (await botMessages(0)).filter((m) => m.parent_id === asked || m.parent_id === ranked);
      if (replies.length >= 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const text = replies.map((m) => JSON.stringify(m.parsed)).join("\n");
    expect(text).not.toContain("出错了");
    expect(text).toContain("90.00 分");
    expect(text).toContain(member.name);
    const db = createClient({ url: inject("hranaUrl") });
    const ids = (await db.execute("select id from members")).rows.map((r) => String(r.id));
    db.close();
    expect(ids).toContain(memberIdFor(groupIdFor("lark", W.chat.chatId), member.openId));
    for (const id of ids) expect(id).toHaveLength(36);
  });

  test("导出 inside workerd: the workbook is rendered, uploaded and sent as a file; /admin/export downloads it", async () => {
    const text = "@bot 导出 2026-12";
    const messageId = await userMessage(text, W.chat.owner.openId);
    const event = textMessageEvent({
      ...envelope,
      chatId: W.chat.chatId,
      chatType: "group",
      senderOpenId: W.chat.owner.openId,
      text,
      messageId,
      mentions: [{ openId: W.app.botOpenId, name: "bot" }],
    });
    expect((await post(event)).status).toBe(200);
    const deadline = Date.now() + 10_000;
    let file: MessageView | undefined;
    while (!file && Date.now() < deadline) {
      file = (await botMessages(0)).find((m) => m.msg_type === "file");
      if (!file) await new Promise((r) => setTimeout(r, 50));
    }
    expect(file?.parsed).toMatchObject({ file_key: expect.stringMatching(/^file_/) });

    const denied = await exports.default.fetch(new Request("https://bot.example/admin/export?period=2026-12"));
    expect(denied.status).toBe(401);
    const res = await exports.default.fetch(
      new Request("https://bot.example/admin/export?period=2026-12", {
        headers: { authorization: `Bearer ${W.adminToken}` },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // "PK": a zip
  });

  test("a bad signature is refused inside workerd too", async () => {
    const sealed = docSeal({ schema: "2.0" }, { encryptKey: "another-key", timestamp: Math.floor(Date.now() / 1000) });
    const res = await exports.default.fetch(
      new Request("https://bot.example/lark/events", { method: "POST", headers: sealed.headers, body: sealed.body }),
    );
    expect(res.status).toBe(401);
  });
});
