/** Checks on a message body that send, reply and patch share: type, content, size, uuid. */
import { badRequest, LarkCode } from "./errors";
import { parseContent } from "./state";

/** im/v1/message/create: msg_type values Lark accepts. */
export const MSG_TYPES = new Set([
  "text",
  "post",
  "image",
  "file",
  "audio",
  "media",
  "sticker",
  "interactive",
  "share_chat",
  "share_user",
  "system",
]);

/**
 * im/v1/message/create: "文本消息请求体最大不能超过 150 KB。卡片消息、富文本消息请求体最大不能超过 30 KB。"
 * The request body is measured, the card escaped inside it. KB is read as 1,000 bytes, the
 * stricter reading: a sender the mock accepts is not refused by Lark for size.
 */
const KB = 1000;
export const TEXT_MAX_BYTES = 150 * KB;
export const CARD_MAX_BYTES = 30 * KB;
/**
 * Card JSON 2.0: "一张卡片最多支持 200 个元素（如 tag 为 plain_text 的文本元素）或组件" — every object
 * with a tag counts, text objects included (230099 with sub-code 11310 "element exceeds the limit").
 */
export const CARD_MAX_ELEMENTS = 200;
/** At most 5 tables in a card (230099 / 11310 "card table number over limit"). */
export const CARD_MAX_TABLES = 5;
/** uuid "最大长度：50 字符"; a uuid makes a send happen at most once per hour. */
export const UUID_MAX_CHARS = 50;
export const UUID_TTL_MS = 60 * 60 * 1000;

export interface MessageInput {
  msgType: string;
  content: string;
  uuid?: string;
}

const requireString = (body: Record<string, unknown>, field: string): string => {
  const value = body[field];
  if (typeof value !== "string" || value === "") throw badRequest(LarkCode.FIELD_VALIDATION, `${field} is required`);
  return value;
};

export const readReceiveId = (body: Record<string, unknown>): string => requireString(body, "receive_id");

/** Bytes, not characters: the limits are on the encoded request, and Chinese text is 3 bytes a character. */
export const byteLength = (text: string): number => new TextEncoder().encode(text).length;

const maxBytes = (msgType: string): number =>
  msgType === "text" ? TEXT_MAX_BYTES : msgType === "interactive" || msgType === "post" ? CARD_MAX_BYTES : Infinity;

/** Lark measures the request body (send, reply, patch): over the limit is 230025. */
export const checkRequestSize = (msgType: string, requestBytes: number): void => {
  const max = maxBytes(msgType);
  if (requestBytes > max) throw badRequest(LarkCode.CONTENT_TOO_LONG, `(request body ${requestBytes} bytes > ${max})`);
};

/** A card applied outside a request of ours (a callback's answer): the card itself is measured. */
export const checkContentSize = (msgType: string, content: string): void => {
  const max = maxBytes(msgType);
  const size = byteLength(content);
  if (size > max) throw badRequest(LarkCode.CONTENT_TOO_LONG, `(${size} bytes > ${max})`);
};

const countTagged = (node: unknown, match: (tag: string) => boolean): number => {
  if (Array.isArray(node)) return node.reduce((n: number, child) => n + countTagged(child, match), 0);
  if (!node || typeof node !== "object") return 0;
  const tag = (node as { tag?: unknown }).tag;
  const own = typeof tag === "string" && match(tag) ? 1 : 0;
  return Object.values(node).reduce((n: number, child) => n + countTagged(child, match), own);
};

/** Every object with a tag, header and body alike: the element count Lark limits to 200. */
export const countCardElements = (card: unknown): number => countTagged(card, () => true);

/** A card must be a JSON object; a JSON 2.0 card may hold at most 200 elements and 5 tables. */
export const checkCard = (parsed: unknown): void => {
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw badRequest(LarkCode.IM_INVALID_PARAM, "card content must be a JSON object");
  }
  const card = parsed as { schema?: unknown };
  if (card.schema !== "2.0") return;
  const elements = countCardElements(card);
  if (elements > CARD_MAX_ELEMENTS) {
    throw badRequest(
      LarkCode.CARD_CONTENT_FAILED,
      `ext=ErrCode: 11310; ErrMsg: element exceeds the limit (${elements} > ${CARD_MAX_ELEMENTS}); code:230099`,
    );
  }
  if (countTagged(card, (tag) => tag === "table") > CARD_MAX_TABLES) {
    throw badRequest(
      LarkCode.CARD_CONTENT_FAILED,
      "ext=ErrCode: 11310; ErrMsg: card table number over limit; ErrorValue: table; code:230099",
    );
  }
};

const checkContentShape = (msgType: string, content: string): void => {
  const parsed = parseContent(content);
  if (!parsed || typeof parsed !== "object") {
    throw badRequest(LarkCode.IM_INVALID_PARAM, "content is not a JSON object string");
  }
  if (msgType === "text" && typeof (parsed as { text?: unknown }).text !== "string") {
    throw badRequest(LarkCode.IM_INVALID_PARAM, 'text content needs a "text" string');
  }
  if (msgType === "interactive") checkCard(parsed);
};

export const readUuid = (body: Record<string, unknown>): string | undefined => {
  const uuid = body.uuid;
  if (uuid === undefined || uuid === null || uuid === "") return undefined;
  if (typeof uuid !== "string" || uuid.length > UUID_MAX_CHARS) {
    throw badRequest(LarkCode.FIELD_VALIDATION, `uuid must be a string of at most ${UUID_MAX_CHARS} characters`);
  }
  return uuid;
};

/** msg_type + content (+ uuid) for send and reply, validated in the order Lark's gateway would. */
export const readMessageInput = (body: Record<string, unknown>, requestBytes: number): MessageInput => {
  const msgType = requireString(body, "msg_type");
  const content = requireString(body, "content");
  const uuid = readUuid(body);
  if (!MSG_TYPES.has(msgType)) throw badRequest(LarkCode.IM_INVALID_PARAM, `unknown msg_type ${msgType}`);
  checkContentShape(msgType, content);
  checkRequestSize(msgType, requestBytes);
  return { msgType, content, ...(uuid ? { uuid } : {}) };
};
