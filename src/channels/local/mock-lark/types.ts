/** The data the mock keeps in memory; tests and the playground read these shapes. */
import type { LarkLimits } from "./rate-limit";

export interface MockAppInput {
  appId: string;
  appSecret: string;
  /** The bot's own open_id, as `GET /open-apis/bot/v3/info` reports it. */
  botOpenId?: string;
  appName?: string;
}

export interface MockApp extends Required<MockAppInput> {}

export interface MockUserInput {
  openId: string;
  name: string;
  userId?: string;
  unionId?: string;
  email?: string;
  /** false: the user is outside the app's availability, sends to them fail with 230013. */
  available?: boolean;
}

export interface MockUser extends Required<Omit<MockUserInput, "email">> {
  email?: string;
}

export interface MockChatInput {
  chatId: string;
  name: string;
  ownerOpenId: string;
  members: { openId: string; name: string }[];
  /** Whether the registered bots are in the chat (default true). Use `bots` to choose which apps. */
  botInChat?: boolean;
  bots?: string[];
  description?: string;
}

export interface MockChat {
  chatId: string;
  name: string;
  description: string;
  chatMode: "group" | "p2p";
  ownerOpenId: string;
  /** Member open_ids in join order; bots are never listed here, as Lark leaves them out. */
  members: string[];
  /** app_ids of the bots in the chat. */
  bots: Set<string>;
  /** For p2p chats: the user on the other side. */
  p2pOpenId?: string;
}

/** callback: the card a card.action.trigger answer carried, applied by Lark itself (the playground plays Lark). */
export type EditVia = "patch" | "card_update" | "callback";

/** A person @mentioned in a user's message, as Lark lists it beside the `@_user_N` placeholders. */
export interface MockMention {
  key: string;
  id: { open_id: string };
  name: string;
}

export interface MockEdit {
  at: number;
  via: EditVia;
  content: string;
  parsed: unknown;
  /** card/update for per-user (JSON 1.0, update_multi false) cards. */
  openIds?: string[];
}

export interface MockMessage {
  /** Creation order, across the mock's whole life (not reset by `reset()`). */
  seq: number;
  /** Bumped on every change (create, patch, card update); `GET /mock/messages?since=` filters on it. */
  rev: number;
  messageId: string;
  chatId: string;
  chatMode: "group" | "p2p";
  msgType: string;
  /** The JSON string exactly as sent (and as Lark echoes it in `body.content`). */
  content: string;
  /** `JSON.parse(content)`, for test convenience. */
  parsed: unknown;
  createTime: number;
  updateTime: number;
  sender: { type: "app"; appId: string } | { type: "user"; openId: string };
  rootId?: string;
  parentId?: string;
  threadId?: string;
  uuid?: string;
  /** How the sender addressed it: `receive_id_type` and `receive_id`, or "reply". */
  receivedAs?: { idType: string; id: string };
  mentions?: MockMention[];
  edits: MockEdit[];
}

export interface MockStats {
  /** Requests to /open-apis/*, including refused ones. */
  requests: number;
  byRoute: Record<string, number>;
  /** HTTP 429 / 99991400 answers (per-app, per-API limit). */
  rateLimited: number;
  /** HTTP 400 / 230020 answers (per chat, per user, per message update). */
  frequencyLimited: number;
  /** Requests answered by an injected fault. */
  faults: number;
}

export interface MockLarkOptions {
  apps?: MockAppInput[];
  users?: MockUserInput[];
  chats?: MockChatInput[];
  /** Injected clock (ms since epoch); drives token expiry, uuid dedupe, card tokens and rate limits. */
  now?: () => number;
  limits?: Partial<LarkLimits>;
  tenantKey?: string;
}

/** A file uploaded through `POST /im/v1/files` (by an app) or sent in a chat (by a person). */
export interface MockFile {
  fileKey: string;
  fileName: string;
  /** `file_type` as uploaded: opus, mp4, pdf, doc, xls, ppt, stream. */
  fileType: string;
  bytes: Uint8Array;
  owner: { type: "app"; appId: string } | { type: "user"; openId: string };
  createTime: number;
}
