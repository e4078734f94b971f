/** A stored message in the JSON shape Lark returns from send, reply and message get. */
import type { MockMessage } from "./types";

export interface LarkMessageJson {
  message_id: string;
  root_id?: string;
  parent_id?: string;
  thread_id?: string;
  msg_type: string;
  create_time: string;
  update_time: string;
  deleted: boolean;
  updated: boolean;
  chat_id: string;
  sender: { id: string; id_type: string; sender_type: string; tenant_key: string };
  body: { content: string };
  mentions?: { key: string; id: { open_id: string }; id_type: string; name: string; tenant_key: string }[];
}

export const toLarkMessage = (m: MockMessage, tenantKey: string): LarkMessageJson => ({
  message_id: m.messageId,
  ...(m.rootId ? { root_id: m.rootId } : {}),
  ...(m.parentId ? { parent_id: m.parentId } : {}),
  ...(m.threadId ? { thread_id: m.threadId } : {}),
  msg_type: m.msgType,
  // Lark sends timestamps as strings of milliseconds.
  create_time: String(m.createTime),
  update_time: String(m.updateTime),
  deleted: false,
  updated: m.edits.length > 0,
  chat_id: m.chatId,
  sender:
    m.sender.type === "app"
      ? { id: m.sender.appId, id_type: "app_id", sender_type: "app", tenant_key: tenantKey }
      : { id: m.sender.openId, id_type: "open_id", sender_type: "user", tenant_key: tenantKey },
  body: { content: m.content },
  ...(m.mentions?.length
    ? { mentions: m.mentions.map((x) => ({ ...x, id_type: "open_id", tenant_key: tenantKey })) }
    : {}),
});
