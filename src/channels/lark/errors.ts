import type { SendResult } from "../../outbox/sender";
import { LarkHttpError } from "./http-instance";

/** Lark codes the sender branches on (Lark Open API error code reference). */
export const LarkCode = {
  RATE_LIMITED: 99991400, // app-level frequency limit, HTTP 429 with x-ogw-ratelimit-reset
  CHAT_OR_USER_RATE_LIMITED: 230020, // 5 messages/s per chat or per user
  BOT_NOT_IN_CHAT: 230002,
  MESSAGE_TOO_LARGE: 230025,
  // The tenant token was revoked or is unknown: forget it and ask for a new one.
  INVALID_TOKEN: 99991663,
  TOKEN_EXPIRED: 99991661,
} as const;

export function classify(error: unknown): Extract<SendResult, { ok: false }> {
  if (error instanceof LarkHttpError) {
    const reset = Number(error.headers.get("x-ogw-ratelimit-reset"));
    if (error.status === 429 || error.code === LarkCode.RATE_LIMITED) {
      return { ok: false, retry: true, rateLimited: true, retryAfterMs: Number.isFinite(reset) && reset > 0 ? reset * 1000 : 1000, error: error.message };
    }
    if (error.code === LarkCode.CHAT_OR_USER_RATE_LIMITED) return { ok: false, retry: true, rateLimited: true, retryAfterMs: 1000, error: error.message };
    if (error.status >= 500) return { ok: false, retry: true, error: error.message };
    return { ok: false, retry: false, error: error.message };
  }
  // Network errors and timeouts: worth another try.
  return { ok: false, retry: true, error: error instanceof Error ? error.message : String(error) };
}

export function isTokenError(error: unknown): boolean {
  return error instanceof LarkHttpError && (error.code === LarkCode.INVALID_TOKEN || error.code === LarkCode.TOKEN_EXPIRED);
}
