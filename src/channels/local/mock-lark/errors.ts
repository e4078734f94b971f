/**
 * Lark Open API error codes the mock answers with, and the one error type its routes throw.
 *
 * Sources (checked, open.feishu.cn docs as mirrored in wxkingstar/doc-hub-mcp, 2025):
 * - server-docs/api-call-guide/generic-error-code ("通用错误码")
 * - server-docs/im-v1/message/create, .../reply, .../message-card/patch ("错误码" tables, all HTTP 400)
 * - server-docs/im-v1/message-card/delay-update-message-card
 * - server-docs/group/chat/get, .../chat-member/get
 * - server-docs/api-call-guide/frequency-control ("频控策略")
 */
export const LarkCode = {
  OK: 0,
  /** Token endpoint: app_id missing or unknown. The Java SDK issue larksuite/oapi-sdk-java#33 shows `10003 invalid param`. */
  INVALID_PARAM: 10003,
  /** Token endpoint: wrong app_secret. Real answers read `{"code":10014,"msg":"app secret invalid"}`. */
  APP_SECRET_INVALID: 10014,
  /** No `Authorization: Bearer …` header ("Need a token"), HTTP 400. */
  TOKEN_MISSING: 99991661,
  /** Unknown or expired tenant_access_token, HTTP 400 (seen in the wild as `http 400: {"code":99991663,...}`). */
  TOKEN_INVALID: 99991663,
  /** "invalid tenant code": the tenant_access_token is not valid (generic-error-code: "tenant_access_token 非法"). */
  TENANT_TOKEN_ILLEGAL: 99991665,
  /** A token that starts with neither `t-` nor `u-`. */
  TOKEN_MALFORMED: 99991671,
  /** Per-API, per-app frequency limit: HTTP 429 plus `x-ogw-ratelimit-limit` / `x-ogw-ratelimit-reset`. */
  RATE_LIMITED: 99991400,
  /** Unknown path ("resource not find", 404). */
  NOT_FOUND: 99991201,
  /** Gateway field validation: missing/ill-typed field, value out of range (page_size > 100, uuid > 50). */
  FIELD_VALIDATION: 99992402,
  /** message_id does not exist. */
  MESSAGE_ID_NOT_EXIST: 99992354,

  // im/v1/messages (send, reply, patch)
  IM_INVALID_PARAM: 230001,
  /** "The bot can not be outside the group." */
  BOT_NOT_IN_CHAT: 230002,
  /** "Bot has NO availability to this user." */
  BOT_NO_AVAILABILITY: 230013,
  /** "This operation triggers the frequency limit." 5/s per chat, 5/s per user, 5/s per message update. */
  FREQUENCY_LIMIT: 230020,
  /** "The length of the message content reaches its limit." text 150 KB, post and cards 30 KB. */
  CONTENT_TOO_LONG: 230025,
  /** "Lack of necessary permissions." e.g. patching a card another app sent. */
  NO_PERMISSION: 230027,
  /** "Message can only be modified within 14 days after sending." */
  EDIT_WINDOW_PASSED: 230031,
  /** "The receive_id is invalid." */
  RECEIVE_ID_INVALID: 230034,
  /** "The message is being sent." (消息正在发送中，请稍后): a send with the same uuid is still in flight. */
  MESSAGE_BEING_SENT: 230049,
  /** "Failed to create card content." e.g. sub-code 11310, a JSON 2.0 card over 200 elements. */
  CARD_CONTENT_FAILED: 230099,

  // im/v1/chats
  CHAT_ID_INVALID: 232006,
  /** "Operator can NOT be out of the chat." (member list) */
  OPERATOR_NOT_IN_CHAT: 232011,

  // interactive/v1/card/update (delayed update)
  CARD_INVALID: 10002,
  CARD_TOO_LARGE: 100000,
  CARD_OTHER_APP: 200310,
  CARD_TOKEN_MALFORMED: 300020,
  /** Token older than 30 minutes (the mock also answers this for a token it never issued). */
  CARD_TOKEN_EXPIRED: 300030,
  /** A token is good for 2 updates. */
  CARD_TOKEN_USED_UP: 300040,
  /** A JSON 1.0 card without `config.update_multi: true` is per-user and needs `open_ids`. */
  CARD_OPEN_IDS_REQUIRED: 300090,
} as const;

/** The messages Lark sends with each code, so clients that log `msg` see familiar text. */
export const larkMessage: Partial<Record<number, string>> = {
  [LarkCode.INVALID_PARAM]: "invalid param",
  [LarkCode.APP_SECRET_INVALID]: "app secret invalid",
  [LarkCode.TOKEN_MISSING]: "Need a token",
  [LarkCode.TOKEN_INVALID]: "Invalid access token for authorization. Please make a request with token attached.",
  [LarkCode.TENANT_TOKEN_ILLEGAL]: "invalid tenant code",
  [LarkCode.TOKEN_MALFORMED]: "Invalid token: must start with t-/u-",
  [LarkCode.RATE_LIMITED]: "request trigger frequency limit",
  [LarkCode.NOT_FOUND]: "resource not find",
  [LarkCode.MESSAGE_ID_NOT_EXIST]: "these ids not existed",
  [LarkCode.IM_INVALID_PARAM]: "Your request contains an invalid request parameter.",
  [LarkCode.BOT_NOT_IN_CHAT]: "The bot can not be outside the group.",
  [LarkCode.BOT_NO_AVAILABILITY]: "Bot has NO availability to this user.",
  [LarkCode.FREQUENCY_LIMIT]: "This operation triggers the frequency limit.",
  [LarkCode.CONTENT_TOO_LONG]: "The length of the message content reaches its limit.",
  [LarkCode.NO_PERMISSION]: "Lack of necessary permissions.",
  [LarkCode.EDIT_WINDOW_PASSED]: "Message can only be modified within 14 days after sending.",
  [LarkCode.RECEIVE_ID_INVALID]: "The receive_id is invalid.",
  [LarkCode.MESSAGE_BEING_SENT]: "The message is being sent.",
  [LarkCode.CARD_CONTENT_FAILED]: "Failed to create card content.",
  [LarkCode.CHAT_ID_INVALID]: "Your request specifies a chat_id which is invalid.",
  [LarkCode.OPERATOR_NOT_IN_CHAT]: "Operator can NOT be out of the chat.",
  [LarkCode.CARD_TOKEN_MALFORMED]: "token format error",
  [LarkCode.CARD_TOKEN_EXPIRED]: "token expired",
  [LarkCode.CARD_TOKEN_USED_UP]: "token usage exceeds limit",
};

/**
 * Thrown by route handlers; `renderLarkError` turns it into Lark's `{code, msg, error}` body.
 * Carrying the HTTP status and headers keeps each route's "what Lark would answer" in one place.
 */
export class LarkApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(msg ?? larkMessage[code] ?? `lark error ${code}`);
    this.name = "LarkApiError";
  }
}

/** Shorthand for the common case: Lark answers business errors with HTTP 400. */
export const badRequest = (code: number, detail?: string): LarkApiError => {
  const base = larkMessage[code] ?? `lark error ${code}`;
  return new LarkApiError(400, code, detail ? `${base} ${detail}` : base);
};

let logSeq = 0;
/** Lark stamps every answer with a log id (`x-tt-logid`, and `error.log_id` on failures). */
export const nextLogId = (): string =>
  `mock${Date.now().toString(36)}${(++logSeq).toString(36).padStart(6, "0")}`.toUpperCase();

export const renderLarkError = (err: LarkApiError): Response => {
  const logId = nextLogId();
  const body = { code: err.code, msg: err.message, error: { log_id: logId } };
  return new Response(JSON.stringify(body), {
    status: err.status,
    headers: { "content-type": "application/json; charset=utf-8", "x-tt-logid": logId, ...err.headers },
  });
};
