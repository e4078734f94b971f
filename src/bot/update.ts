/**
 * Channel-neutral updates: what a channel adapter (Lark, WeChat) turns a
 * platform event into before the bot sees it. Nothing here knows Lark.
 */

import type { Mention } from "../app/ports";
import type { ChatPerson } from "../domain/membership";

export type { ChatPerson, Mention };

export interface MessageUpdate {
  kind: "message";
  /** Delivery id: the platform's event id. */
  eventId: string;
  /** The message's own id; a redelivery may carry a new eventId but the same messageId. */
  messageId: string;
  tenantKey: string;
  chatId: string;
  chatType: "group" | "p2p";
  senderId: string;
  /** The text with the bot's mention removed and other mentions as "@name". */
  text: string;
  /** People mentioned, other than the bot. */
  mentions: Mention[];
  /** Non-text messages (images, files…) arrive with text "" and this set. */
  unsupportedType?: string;
  /** A file the person sent (message_type "file"): its key for download, and its name. */
  file?: { key: string; name: string };
}

export interface CardActionUpdate {
  kind: "card_action";
  eventId: string;
  tenantKey: string;
  operatorId: string;
  chatId?: string;
  messageId?: string;
  /** The `value` the card put on the button. */
  value: Record<string, unknown>;
  /** Inputs of a submitted form, by name. */
  formValue?: Record<string, unknown>;
}

export interface BotAddedUpdate {
  kind: "bot_added";
  eventId: string;
  tenantKey: string;
  chatId: string;
  operatorId?: string;
}

export interface BotRemovedUpdate {
  kind: "bot_removed";
  eventId: string;
  tenantKey: string;
  chatId: string;
}

/** People added to a group chat (Lark 用户进群, WeChat room-join). */
export interface MembersJoinedUpdate {
  kind: "members_joined";
  eventId: string;
  tenantKey: string;
  chatId: string;
  /** Who added them, when the platform says. */
  operatorId?: string;
  people: ChatPerson[];
}

/**
 * People gone from a group chat: "left" by themself or "removed" by someone (Lark 用户出群,
 * WeChat room-leave), or "withdrawn" (Lark 撤销拉用户进群: the person who added them took it back).
 */
export interface MembersLeftUpdate {
  kind: "members_left";
  eventId: string;
  tenantKey: string;
  chatId: string;
  operatorId?: string;
  reason: "left" | "removed" | "withdrawn";
  people: ChatPerson[];
}

export interface IgnoredUpdate {
  kind: "ignored";
  eventId: string;
  eventType: string;
}

export type Update =
  | MessageUpdate
  | CardActionUpdate
  | BotAddedUpdate
  | BotRemovedUpdate
  | MembersJoinedUpdate
  | MembersLeftUpdate
  | IgnoredUpdate;

/** A toast and/or a replacement card: the synchronous answer to a card action. */
export interface CardActionAnswer {
  toast?: { type: "success" | "info" | "warning" | "error"; content: string };
  card?: unknown;
}
