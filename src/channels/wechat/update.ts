import type { Message } from "wechaty";
// Not `types` from "wechaty": its main entry loads the gRPC puppet service (see src/wechat.ts).
import * as types from "wechaty-puppet/types";
import type { Mention, MessageUpdate } from "../../bot/update";
import { stripControls } from "../../domain/text";

/** WeChat separates a mention from what follows with U+2005 (four-per-em space); some clients use a plain space. */
const MENTION_END = /[\u2005\u0020]/u;

/** Removes "@<bot name>" mentions from the text; other people's mentions stay as "@name". */
export function stripSelfMention(text: string, selfNames: readonly string[]): string {
  let out = text;
  for (const name of selfNames.filter(Boolean)) {
    out = out
      .split(`@${name}`)
      .map((part, i) => (i === 0 ? part : part.replace(MENTION_END, "")))
      .join(" ");
  }
  return out.replace(/[\s\u2005]+/gu, " ").trim();
}

const TYPE_NAMES: Partial<Record<number, string>> = {
  [types.Message.Image]: "image",
  [types.Message.Audio]: "audio",
  [types.Message.Video]: "video",
  [types.Message.Attachment]: "file",
  [types.Message.Emoticon]: "sticker",
  [types.Message.Url]: "link",
  [types.Message.MiniProgram]: "mini program",
  [types.Message.Contact]: "contact card",
  [types.Message.Location]: "location",
};

export interface WechatMessageFacts {
  update: MessageUpdate;
  /** Whether the message @-mentioned the bot (group chats). */
  mentionsBot: boolean;
}

/**
 * A Wechaty message → the neutral update, or undefined for what the bot
 * ignores: its own messages, system notices, official accounts.
 * `account` is the logged-in WeChat account: the tenant of its groups.
 */
export async function toMessageUpdate(
  message: Message,
  account: { id: string; names: readonly string[] },
): Promise<WechatMessageFacts | undefined> {
  if (message.self()) return undefined;
  const type = message.type();
  if (type === types.Message.Recalled || type === types.Message.Unknown) return undefined;
  const talker = message.talker();
  if (talker.type() === types.Contact.Official) return undefined;
  const room = message.room();
  const isText = type === types.Message.Text;
  const mentionsBot = room ? await message.mentionSelf() : false;
  const mentions: Mention[] = [];
  if (room && isText) {
    for (const contact of await message.mentionList()) {
      if (contact.id !== account.id)
        mentions.push({ userId: contact.id, name: (await room.alias(contact)) || contact.name() });
    }
  }
  const update: MessageUpdate = {
    kind: "message",
    // Wechaty delivers a message once per session; its id serves as both delivery and message id.
    eventId: `wx:${message.id}`,
    messageId: message.id,
    tenantKey: account.id,
    chatId: room ? room.id : talker.id,
    chatType: room ? "group" : "p2p",
    senderId: talker.id,
    // Control characters go at the boundary, as in Lark: nothing past here stores or echoes them.
    text: isText ? stripSelfMention(stripControls(message.text()), account.names) : "",
    mentions,
    ...(isText ? {} : { unsupportedType: TYPE_NAMES[type] ?? "unknown" }),
  };
  return { update, mentionsBot };
}
