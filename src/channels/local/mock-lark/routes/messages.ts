/** Send (`POST /im/v1/messages`), reply (`POST .../:message_id/reply`), card patch (`PATCH .../:message_id`). */
import { Hono } from "hono";
import { badRequest, LarkCode } from "../errors";
import { frequencyGuard, guard, larkOk, readJsonRequest, type MockEnv } from "../context";
import {
  checkCard,
  checkRequestSize,
  readMessageInput,
  readReceiveId,
  UUID_TTL_MS,
  type MessageInput,
} from "../message-input";
import { parseContent, randomHex, type MockStore } from "../state";
import { toLarkMessage } from "../serialize";
import { checkFileContent } from "./files";
import type { MockApp, MockChat, MockMessage } from "../types";

export const RECEIVE_ID_TYPES = new Set(["open_id", "user_id", "union_id", "email", "chat_id"]);
/** message-card/patch: "仅支持更新 14 天内发送的消息". */
export const EDIT_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

export const messageRoutes = (store: MockStore) => {
  const app = new Hono<MockEnv>();

  const findMessage = (messageId: string): MockMessage => {
    const message = store.messagesById.get(messageId);
    if (!message) throw badRequest(LarkCode.MESSAGE_ID_NOT_EXIST, `[${messageId}]`);
    return message;
  };

  /** Same uuid from the same app within an hour: the first message again, nothing stored. */
  const duplicateOf = (bot: MockApp, uuid: string | undefined): MockMessage | undefined => {
    if (!uuid) return undefined;
    const seen = store.uuids.get(`${bot.appId}:${uuid}`);
    if (!seen || store.now() - seen.at >= UUID_TTL_MS) return undefined;
    return store.messagesById.get(seen.messageId);
  };

  /** uuids whose send Lark is still working on (an `inFlight` fault holds it). */
  const inFlight = new Set<string>();

  /** 230049 while the same uuid is being sent; a held send finishes (stored) once released. */
  const finishSend = async <T>(
    bot: MockApp,
    uuid: string | undefined,
    held: Promise<void> | undefined,
    store: () => T,
  ): Promise<T> => {
    const key = uuid ? `${bot.appId}:${uuid}` : undefined;
    if (key && inFlight.has(key)) throw badRequest(LarkCode.MESSAGE_BEING_SENT);
    if (!held) return store();
    if (key) inFlight.add(key);
    try {
      await held;
    } finally {
      if (key) inFlight.delete(key);
    }
    return store();
  };

  const checkReachable = (bot: MockApp, chat: MockChat): void => {
    if (!chat.bots.has(bot.appId)) throw badRequest(LarkCode.BOT_NOT_IN_CHAT);
    const user = chat.p2pOpenId ? store.users.get(chat.p2pOpenId) : undefined;
    if (user && !user.available) throw badRequest(LarkCode.BOT_NO_AVAILABILITY);
  };

  const resolveTarget = (bot: MockApp, idType: string, receiveId: string): MockChat => {
    if (idType === "chat_id") {
      const chat = store.chats.get(receiveId);
      if (!chat) throw badRequest(LarkCode.RECEIVE_ID_INVALID);
      return chat;
    }
    const user = store.findUser(idType, receiveId);
    if (!user) throw badRequest(LarkCode.RECEIVE_ID_INVALID);
    return store.p2pChat(bot.appId, user.openId);
  };

  /** 5 messages/s into one group (shared by its bots), 5/s to one user in p2p. */
  const checkFrequency = (bot: MockApp, chat: MockChat): void => {
    if (chat.p2pOpenId) frequencyGuard(store, `user:${bot.appId}:${chat.p2pOpenId}`, store.limits.userPerSecond);
    else frequencyGuard(store, `chat:${chat.chatId}`, store.limits.chatPerSecond);
  };

  const persist = (bot: MockApp, chat: MockChat, input: MessageInput, extra: Partial<MockMessage>) => {
    const message = store.recordMessage({
      chatId: chat.chatId,
      chatMode: chat.chatMode,
      msgType: input.msgType,
      content: input.content,
      createTime: store.now(),
      sender: { type: "app", appId: bot.appId },
      ...(input.uuid ? { uuid: input.uuid } : {}),
      ...extra,
    });
    if (input.uuid) store.uuids.set(`${bot.appId}:${input.uuid}`, { messageId: message.messageId, at: store.now() });
    return message;
  };

  app.post("/open-apis/im/v1/messages", guard(store, "im.message.create"), async (c) => {
    const bot = c.get("app");
    const idType = c.req.query("receive_id_type");
    if (!idType || !RECEIVE_ID_TYPES.has(idType)) {
      throw badRequest(
        LarkCode.FIELD_VALIDATION,
        "receive_id_type is required: open_id|user_id|union_id|email|chat_id",
      );
    }
    const { body, bytes } = await readJsonRequest(c);
    const receiveId = readReceiveId(body);
    const input = readMessageInput(body, bytes);
    if (input.msgType === "file") checkFileContent(store, bot.appId, input.content);
    const duplicate = duplicateOf(bot, input.uuid);
    if (duplicate) return larkOk(c, toLarkMessage(duplicate, store.tenantKey));

    const chat = resolveTarget(bot, idType, receiveId);
    checkReachable(bot, chat);
    checkFrequency(bot, chat);
    const message = await finishSend(bot, input.uuid, c.get("held"), () =>
      persist(bot, chat, input, { receivedAs: { idType, id: receiveId } }),
    );
    return larkOk(c, toLarkMessage(message, store.tenantKey));
  });

  app.post("/open-apis/im/v1/messages/:message_id/reply", guard(store, "im.message.reply"), async (c) => {
    const bot = c.get("app");
    const parent = findMessage(c.req.param("message_id"));
    const { body, bytes } = await readJsonRequest(c);
    const input = readMessageInput(body, bytes);
    if (input.msgType === "file") checkFileContent(store, bot.appId, input.content);
    const duplicate = duplicateOf(bot, input.uuid);
    if (duplicate) return larkOk(c, toLarkMessage(duplicate, store.tenantKey));

    const chat = store.chats.get(parent.chatId);
    if (!chat) throw badRequest(LarkCode.CHAT_ID_INVALID);
    checkReachable(bot, chat);
    checkFrequency(bot, chat);
    // reply docs: replying to a message that is already in a thread stays in that thread.
    const inThread = body.reply_in_thread === true || parent.threadId !== undefined;
    if (inThread && !parent.threadId) parent.threadId = `omt_${randomHex(12)}`;
    const message = await finishSend(bot, input.uuid, c.get("held"), () =>
      persist(bot, chat, input, {
        rootId: parent.rootId ?? parent.messageId,
        parentId: parent.messageId,
        ...(inThread && parent.threadId ? { threadId: parent.threadId } : {}),
      }),
    );
    return larkOk(c, toLarkMessage(message, store.tenantKey));
  });

  app.patch("/open-apis/im/v1/messages/:message_id", guard(store, "im.message.patch"), async (c) => {
    const bot = c.get("app");
    const message = findMessage(c.req.param("message_id"));
    const { body, bytes } = await readJsonRequest(c);
    const content = body.content;
    if (typeof content !== "string" || content === "")
      throw badRequest(LarkCode.FIELD_VALIDATION, "content is required");
    // Only cards can be patched, and only by the app that sent them (same access token identity).
    if (message.msgType !== "interactive")
      throw badRequest(LarkCode.IM_INVALID_PARAM, "only interactive messages can be updated");
    if (message.sender.type !== "app" || message.sender.appId !== bot.appId) throw badRequest(LarkCode.NO_PERMISSION);
    if (store.now() - message.createTime > EDIT_WINDOW_MS) throw badRequest(LarkCode.EDIT_WINDOW_PASSED);
    checkCard(parseContent(content));
    checkRequestSize("interactive", bytes);
    frequencyGuard(store, `message:${message.messageId}`, store.limits.messageUpdatePerSecond);
    store.recordEdit(message, { via: "patch", content });
    return larkOk(c, {}, "ok");
  });

  return app;
};
