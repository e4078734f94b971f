import { describe, expect, it } from "vitest";
import { createMockLark, LarkCode, MOCK_TENANT_KEY } from "../../../src/channels/local/mock-lark";
import { larkChatId, larkMessageId, larkOpenId } from "../../support/ids";

/** The mock routes the playground uses to play Lark's part: mentions on user messages, callback cards. */
const APP = { appId: "cli_app", appSecret: "s" };
const card = (title: string) => ({
  schema: "2.0",
  config: { update_multi: true },
  header: { title: { tag: "plain_text", content: title } },
  body: { elements: [] },
});

function setup() {
  const mock = createMockLark({ apps: [APP] });
  mock.addChat({
    chatId: larkChatId("team"),
    name: "Team",
    ownerOpenId: larkOpenId("a"),
    members: [
      { openId: larkOpenId("a"), name: "张三" },
      { openId: larkOpenId("b"), name: "李四" },
    ],
  });
  const post = async (path: string, body: unknown) => {
    const res = await mock.app.request(path, { method: "POST", body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  return { mock, post };
}

describe("mock Lark, as the playground drives it", () => {
  it("keeps the mentions of a user's message, as Lark lists them beside the placeholders", async () => {
    const { mock, post } = setup();
    const mentions = [{ key: "@_user_1", id: { open_id: larkOpenId("b") }, name: "李四" }, { key: "bad" }];
    const res = await post("/mock/user-messages", {
      chat_id: larkChatId("team"),
      open_id: larkOpenId("a"),
      content: JSON.stringify({ text: "@_user_1 你好" }),
      mentions,
    });
    expect(res.status).toBe(200);
    expect(res.body.message.mentions).toEqual([
      {
        key: "@_user_1",
        id: { open_id: larkOpenId("b") },
        id_type: "open_id",
        name: "李四",
        tenant_key: MOCK_TENANT_KEY,
      },
    ]);
    expect(mock.message(res.body.message.message_id)!.mentions).toHaveLength(1);
  });

  it("applies the card a callback answered with, as an edit every viewer sees", async () => {
    const { mock, post } = setup();
    const sent = mock.store.recordMessage({
      chatId: larkChatId("team"),
      chatMode: "group",
      msgType: "interactive",
      content: JSON.stringify(card("待审批")),
      createTime: 1,
      sender: { type: "app", appId: APP.appId },
    });
    const before = sent.rev;
    const res = await post(`/mock/messages/${sent.messageId}/callback-card`, { card: card("已同意") });
    expect(res.status).toBe(200);
    expect(res.body.message.rev).toBeGreaterThan(before);
    expect(mock.message(sent.messageId)!.edits.map((e) => e.via)).toEqual(["callback"]);
    expect((mock.message(sent.messageId)!.parsed as ReturnType<typeof card>).header.title.content).toBe("已同意");
  });

  it("refuses what Lark would: an unknown message, a text message, a card that is not one", async () => {
    const { mock, post } = setup();
    expect((await post(`/mock/messages/${larkMessageId("nope")}/callback-card`, { card: card("x") })).body.code).toBe(
      LarkCode.MESSAGE_ID_NOT_EXIST,
    );
    const text = mock.addUserMessage({
      chatId: larkChatId("team"),
      openId: larkOpenId("a"),
      content: JSON.stringify({ text: "hi" }),
    });
    expect((await post(`/mock/messages/${text.messageId}/callback-card`, { card: card("x") })).status).toBe(400);
    const sent = mock.store.recordMessage({
      chatId: larkChatId("team"),
      chatMode: "group",
      msgType: "interactive",
      content: JSON.stringify(card("a")),
      createTime: 1,
      sender: { type: "app", appId: APP.appId },
    });
    expect((await post(`/mock/messages/${sent.messageId}/callback-card`, { card: "not a card" })).status).toBe(400);
    expect(mock.message(sent.messageId)!.edits).toHaveLength(0);
  });

  it("lists a file message with its file's name and size, for the playground's download link", async () => {
    const { mock } = setup();
    const bytes = new TextEncoder().encode("PK…");
    const sent = mock.addUserFile({
      chatId: larkChatId("team"),
      openId: larkOpenId("a"),
      fileName: "绩效考核_2026-Q4.xlsx",
      bytes,
    });
    const text = mock.addUserMessage({
      chatId: larkChatId("team"),
      openId: larkOpenId("a"),
      content: JSON.stringify({ text: "hi" }),
    });
    const { messages } = (await (await mock.app.request("/mock/messages")).json()) as {
      messages: { message_id: string; file?: unknown }[];
    };
    const key = (sent.parsed as { file_key: string }).file_key;
    expect(messages.find((m) => m.message_id === sent.messageId)!.file).toEqual({
      file_key: key,
      file_name: "绩效考核_2026-Q4.xlsx",
      size: bytes.length,
    });
    expect(messages.find((m) => m.message_id === text.messageId)!.file).toBeUndefined();
  });
});
