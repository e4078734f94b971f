/**
 * The mock's own JSON routes under `/mock/` (never `/open-apis/`), for the browser playground:
 * poll messages by revision, list chats, act as a user. No auth: local mode only.
 */
import { Hono } from "hono";
import { issueCardToken } from "./cards";
import { badRequest, LarkCode } from "../errors";
import { readJsonBody } from "../context";
import { toLarkMessage } from "../serialize";
import type { MockStore } from "../state";
import { checkCard, checkContentSize } from "../message-input";
import type { MockMention, MockMessage } from "../types";

/** A file message's file as the playground shows it: its name and size, fetched from /mock/files/:file_key. */
const fileView = (store: MockStore, m: MockMessage) => {
  const key = m.msgType === "file" ? (m.parsed as { file_key?: unknown } | undefined)?.file_key : undefined;
  const file = typeof key === "string" ? store.files.get(key) : undefined;
  return file ? { file: { file_key: file.fileKey, file_name: file.fileName, size: file.bytes.length } } : {};
};

export const messageView = (m: MockMessage, store: MockStore) => ({
  ...toLarkMessage(m, store.tenantKey),
  ...fileView(store, m),
  seq: m.seq,
  rev: m.rev,
  parsed: m.parsed,
  edits: m.edits.map((e) => ({
    at: e.at,
    via: e.via,
    parsed: e.parsed,
    ...(e.openIds ? { open_ids: e.openIds } : {}),
  })),
});

export interface UserMessageInput {
  chatId: string;
  openId: string;
  msgType?: string;
  content: string;
  rootId?: string;
  parentId?: string;
  mentions?: MockMention[];
}

/** A message a person sent (the bot replies to these); it is stored but never rate limited. */
export const addUserMessage = (store: MockStore, input: UserMessageInput): MockMessage => {
  const chat = store.chats.get(input.chatId);
  if (!chat) throw new Error(`mock-lark: no chat ${input.chatId}`);
  return store.recordMessage({
    chatId: chat.chatId,
    chatMode: chat.chatMode,
    msgType: input.msgType ?? "text",
    content: input.content,
    createTime: store.now(),
    sender: { type: "user", openId: input.openId },
    ...(input.rootId ? { rootId: input.rootId } : {}),
    ...(input.parentId ? { parentId: input.parentId } : {}),
    ...(input.mentions?.length ? { mentions: input.mentions } : {}),
  });
};

export const inspectRoutes = (store: MockStore) => {
  const app = new Hono();

  app.get("/mock/messages", (c) => {
    const since = Number(c.req.query("since") ?? 0) || 0;
    const chatId = c.req.query("chat_id");
    const changed = store.messages
      .filter((m) => m.rev > since && (!chatId || m.chatId === chatId))
      .sort((a, b) => a.rev - b.rev);
    const cursor = store.messages.reduce((max, m) => Math.max(max, m.rev), since);
    return c.json({ messages: changed.map((m) => messageView(m, store)), cursor });
  });

  app.get("/mock/chats", (c) =>
    c.json({
      chats: [...store.chats.values()].map((chat) => ({
        chat_id: chat.chatId,
        name: chat.name,
        chat_mode: chat.chatMode,
        owner_open_id: chat.ownerOpenId,
        members: chat.members.map((openId) => ({ open_id: openId, name: store.users.get(openId)?.name ?? "" })),
        bots: [...chat.bots],
      })),
      bots: [...store.apps.values()].map((a) => ({ app_id: a.appId, open_id: a.botOpenId, app_name: a.appName })),
    }),
  );

  app.get("/mock/stats", (c) => c.json(store.stats));

  app.post("/mock/user-messages", async (c) => {
    const body = await readJsonBody(c);
    const { open_id: openId, msg_type: msgType, content, p2p } = body;
    // `p2p: true` writes in the person's private chat with the (first) bot, created on first use.
    const firstApp = [...store.apps.values()][0];
    const chatId =
      p2p === true && typeof openId === "string" && firstApp
        ? store.p2pChat(firstApp.appId, openId).chatId
        : body.chat_id;
    if (typeof chatId !== "string" || !store.chats.has(chatId)) throw badRequest(LarkCode.CHAT_ID_INVALID);
    if (typeof openId !== "string" || typeof content !== "string") {
      throw badRequest(LarkCode.FIELD_VALIDATION, "open_id and content are required");
    }
    const mentions = Array.isArray(body.mentions) ? readMentions(body.mentions) : undefined;
    const message = addUserMessage(store, {
      chatId,
      openId,
      content,
      ...(typeof msgType === "string" ? { msgType } : {}),
      ...(mentions ? { mentions } : {}),
    });
    return c.json({ message: messageView(message, store) });
  });

  app.post("/mock/card-tokens", async (c) => {
    const { message_id: messageId } = await readJsonBody(c);
    if (typeof messageId !== "string" || !store.messagesById.has(messageId))
      throw badRequest(LarkCode.MESSAGE_ID_NOT_EXIST);
    return c.json({ token: issueCardToken(store, messageId) });
  });

  // Lark applies the card a card.action.trigger answer carries to the message; the playground,
  // playing Lark's client, reports that answer here so every viewer sees the card change.
  app.post("/mock/messages/:message_id/callback-card", async (c) => {
    const message = store.messagesById.get(c.req.param("message_id"));
    if (!message) throw badRequest(LarkCode.MESSAGE_ID_NOT_EXIST);
    if (message.msgType !== "interactive")
      throw badRequest(LarkCode.IM_INVALID_PARAM, "only interactive messages can be updated");
    const { card } = await readJsonBody(c);
    checkCard(card);
    const content = JSON.stringify(card);
    checkContentSize("interactive", content);
    store.recordEdit(message, { via: "callback", content });
    return c.json({ message: messageView(message, store) });
  });

  return app;
};

const readMentions = (list: unknown[]): MockMention[] =>
  list.flatMap((m) => {
    const x = m as { key?: unknown; id?: { open_id?: unknown }; name?: unknown };
    return typeof x.key === "string" && typeof x.id?.open_id === "string" && typeof x.name === "string"
      ? [{ key: x.key, id: { open_id: x.id.open_id }, name: x.name }]
      : [];
  });
