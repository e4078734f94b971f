/** `GET /open-apis/im/v1/chats/:chat_id` and its `/members` page by page. */
import { Hono } from "hono";
import { badRequest, LarkCode } from "../errors";
import { guard, larkOk, type MockEnv } from "../context";
import type { MockStore } from "../state";
import type { MockChat, MockUser } from "../types";

/** im/v1/chat-members/get: page_size defaults to 20, at most 100. */
export const MEMBERS_PAGE_DEFAULT = 20;
export const MEMBERS_PAGE_MAX = 100;

const ID_TYPES = ["open_id", "user_id", "union_id"] as const;
type IdType = (typeof ID_TYPES)[number];

const idTypeParam = (value: string | undefined, name: string): IdType => {
  const v = value ?? "open_id";
  if (!(ID_TYPES as readonly string[]).includes(v)) throw badRequest(LarkCode.FIELD_VALIDATION, `${name} is invalid`);
  return v as IdType;
};

const idOf = (user: MockUser | undefined, openId: string, type: IdType): string =>
  !user || type === "open_id" ? openId : type === "user_id" ? user.userId : user.unionId;

/** Opaque like Lark's, but only this mock reads it: which chat, and where the next page starts. */
const encodePageToken = (chatId: string, offset: number) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify({ c: chatId, o: offset }))));

const decodePageToken = (token: string, chatId: string): number => {
  try {
    const bytes = Uint8Array.from(atob(token), (ch) => ch.charCodeAt(0));
    const { c, o } = JSON.parse(new TextDecoder().decode(bytes)) as { c?: unknown; o?: unknown };
    if (c === chatId && typeof o === "number" && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through to the validation error below
  }
  throw badRequest(LarkCode.FIELD_VALIDATION, "page_token is invalid");
};

const pageSizeParam = (value: string | undefined): number => {
  if (value === undefined || value === "") return MEMBERS_PAGE_DEFAULT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MEMBERS_PAGE_MAX) {
    throw badRequest(LarkCode.FIELD_VALIDATION, `page_size must be an integer in 1..${MEMBERS_PAGE_MAX}`);
  }
  return n;
};

const chatInfo = (store: MockStore, chat: MockChat, idType: IdType, botInChat: boolean) => {
  const brief = {
    avatar: "",
    name: chat.name,
    user_count: String(chat.members.length),
    bot_count: String(chat.bots.size),
    chat_status: "normal",
  };
  // chat/get "使用限制": outside the chat a bot only sees name, avatar, member counts and status.
  if (!botInChat) return brief;
  return {
    ...brief,
    description: chat.description,
    i18n_names: {},
    add_member_permission: "all_members",
    share_card_permission: "allowed",
    at_all_permission: "all_members",
    edit_permission: "all_members",
    owner_id_type: idType,
    owner_id: idOf(store.users.get(chat.ownerOpenId), chat.ownerOpenId, idType),
    user_manager_id_list: [],
    bot_manager_id_list: [],
    group_message_type: "chat",
    chat_mode: chat.chatMode,
    chat_type: "private",
    chat_tag: "inner",
    join_message_visibility: "all_members",
    leave_message_visibility: "all_members",
    membership_approval: "no_approval_required",
    moderation_permission: "all_members",
    external: false,
    tenant_key: store.tenantKey,
    restricted_mode_setting: { status: false },
    urgent_setting: "all_members",
    video_conference_setting: "all_members",
    hide_member_count_setting: "all_members",
  };
};

export const chatRoutes = (store: MockStore) => {
  const app = new Hono<MockEnv>();

  const findChat = (chatId: string): MockChat => {
    const chat = store.chats.get(chatId);
    if (!chat) throw badRequest(LarkCode.CHAT_ID_INVALID);
    return chat;
  };

  app.get("/open-apis/im/v1/chats/:chat_id", guard(store, "im.chat.get"), (c) => {
    const chat = findChat(c.req.param("chat_id"));
    const idType = idTypeParam(c.req.query("user_id_type"), "user_id_type");
    return larkOk(c, chatInfo(store, chat, idType, chat.bots.has(c.get("app").appId)));
  });

  app.get("/open-apis/im/v1/chats/:chat_id/members", guard(store, "im.chat.members.get"), (c) => {
    const chat = findChat(c.req.param("chat_id"));
    if (!chat.bots.has(c.get("app").appId)) throw badRequest(LarkCode.OPERATOR_NOT_IN_CHAT);
    const idType = idTypeParam(c.req.query("member_id_type"), "member_id_type");
    const pageSize = pageSizeParam(c.req.query("page_size"));
    const token = c.req.query("page_token");
    const offset = token ? decodePageToken(token, chat.chatId) : 0;

    const page = chat.members.slice(offset, offset + pageSize);
    const next = offset + page.length;
    const hasMore = next < chat.members.length;
    const items = page.map((openId) => {
      const user = store.users.get(openId);
      return {
        member_id_type: idType,
        member_id: idOf(user, openId, idType),
        name: user?.name ?? "",
        tenant_key: store.tenantKey,
      };
    });
    // The docs: page_token only comes back while has_more is true.
    return larkOk(c, {
      items,
      ...(hasMore ? { page_token: encodePageToken(chat.chatId, next) } : {}),
      has_more: hasMore,
      member_total: chat.members.length,
    });
  });

  return app;
};
