import type { SendResult } from "../../outbox/sender";
import { LarkHttpError } from "./http-instance";

/**
 * Lark codes the sender branches on. Checked against Feishu's "服务端错误码说明"
 * (server-docs/api-call-guide/generic-error-code) and the 错误码 table of
 * im/v1/message/create.
 */
export const LarkCode = {
  RATE_LIMITED: 99991400, // app-level frequency limit, HTTP 429 with x-ogw-ratelimit-reset
  CHAT_OR_USER_RATE_LIMITED: 230020, // 5 messages/s per chat or per user
  BOT_NOT_IN_CHAT: 230002,
  MESSAGE_TOO_LARGE: 230025,
  /** "The message is being sent." 消息正在发送中，请稍后: a send with the same uuid is still in flight. */
  MESSAGE_BEING_SENT: 230049,
  TOKEN_EXPIRED: 99991661,
  /** "Invalid access token for authorization": the tenant token expired or was revoked. */
  INVALID_TOKEN: 99991663,
  /** "invalid tenant code": the tenant_access_token is not valid (非法). */
  TENANT_TOKEN_ILLEGAL: 99991665,
} as const;

const TOKEN_CODES = new Set<number>([LarkCode.TOKEN_EXPIRED, LarkCode.INVALID_TOKEN, LarkCode.TENANT_TOKEN_ILLEGAL]);

/** How long to wait before asking again while Lark is still sending a message with our uuid. */
export const IN_FLIGHT_RETRY_MS = 5000;

/** A refusal Lark answered with a business code (HTTP 4xx, or HTTP 200 with code ≠ 0). */
export function refusal(code: number | undefined, message: string): Extract<SendResult, { ok: false }> {
  if (code === LarkCode.CHAT_OR_USER_RATE_LIMITED)
    return { ok: false, retry: true, rateLimited: true, retryAfterMs: 1000, error: message };
  // The earlier attempt with this uuid may still land: ask again later, and Lark dedupes.
  if (code === LarkCode.MESSAGE_BEING_SENT)
    return { ok: false, retry: true, inFlight: true, retryAfterMs: IN_FLIGHT_RETRY_MS, error: message };
  // A token error that survived one refresh (withFreshToken): worth another try later, not parking.
  if (code !== undefined && TOKEN_CODES.has(code)) return { ok: false, retry: true, error: message };
  return { ok: false, retry: false, error: message };
}

export function classify(error: unknown): Extract<SendResult, { ok: false }> {
  if (error instanceof LarkHttpError) {
    const reset = Number(error.headers.get("x-ogw-ratelimit-reset"));
    if (error.status === 429 || error.code === LarkCode.RATE_LIMITED) {
      return {
        ok: false,
        retry: true,
        rateLimited: true,
        retryAfterMs: Number.isFinite(reset) && reset > 0 ? reset * 1000 : 1000,
        error: error.message,
      };
    }
    if (error.status >= 500) return { ok: false, retry: true, error: error.message };
    return refusal(error.code, error.message);
  }
  // Network errors and timeouts: worth another try.
  return { ok: false, retry: true, error: error instanceof Error ? error.message : String(error) };
}

/** The tenant token is no good (expired, revoked, illegal): forget it, fetch a new one, try again. */
export function isTokenError(error: unknown): boolean {
  return error instanceof LarkHttpError && error.code !== undefined && TOKEN_CODES.has(error.code);
}
