/** The Hono environment of the mock's routes, and the guard every Open API route goes through. */
import type { Context, MiddlewareHandler } from "hono";
import { badRequest, LarkApiError, LarkCode } from "./errors";
import { MINUTE_MS, resetSeconds, SECOND_MS } from "./rate-limit";
import type { MockStore } from "./state";
import type { MockApp } from "./types";

/** `held`: set by an `inFlight` fault; the send route finishes once it resolves. */
export type MockEnv = { Variables: { app: MockApp; held?: Promise<void> } };

/** Tokens Lark issues start with `t-` (tenant) or `u-` (user); anything else is 99991671. */
const TOKEN_PREFIX = /^(t|u)-/;

export const authenticate = (store: MockStore, header: string | undefined): MockApp => {
  const token = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (!token) throw badRequest(LarkCode.TOKEN_MISSING);
  if (!TOKEN_PREFIX.test(token)) throw badRequest(LarkCode.TOKEN_MALFORMED);
  const issued = store.tenantTokens.get(token);
  const app = issued && issued.expiresAt > store.now() ? store.apps.get(issued.appId) : undefined;
  if (!app) throw badRequest(LarkCode.TOKEN_INVALID);
  return app;
};

/**
 * Auth, then the per-API, per-app limit. Lark applies its levels "per API, per app, per tenant"
 * ("频控策略"), so each route has its own 50/s and 1000/min bucket; they are not shared.
 */
export const guard =
  (store: MockStore, route: string): MiddlewareHandler<MockEnv> =>
  async (c, next) => {
    store.stats.byRoute[route] = (store.stats.byRoute[route] ?? 0) + 1;
    const app = authenticate(store, c.req.header("authorization"));
    const verdict = store.limiter.hit(`app:${app.appId}:${route}`, [
      { limit: store.limits.appPerSecond, windowMs: SECOND_MS },
      { limit: store.limits.appPerMinute, windowMs: MINUTE_MS },
    ]);
    if (!verdict.ok) {
      store.stats.rateLimited++;
      throw new LarkApiError(429, LarkCode.RATE_LIMITED, undefined, {
        "x-ogw-ratelimit-limit": String(verdict.limit),
        "x-ogw-ratelimit-reset": String(resetSeconds(verdict.retryAfterMs)),
      });
    }
    c.set("app", app);
    await next();
  };

/** The 5/s limits on one chat, one user, one message: HTTP 400 with 230020, no gateway headers. */
export const frequencyGuard = (store: MockStore, key: string, perSecond: number): void => {
  const verdict = store.limiter.hit(key, [{ limit: perSecond, windowMs: SECOND_MS }]);
  if (verdict.ok) return;
  store.stats.frequencyLimited++;
  throw badRequest(LarkCode.FREQUENCY_LIMIT);
};

/** Reads a JSON object body; anything else is a gateway field-validation error, as Lark answers. */
export const readJsonBody = async (c: Context): Promise<Record<string, unknown>> => (await readJsonRequest(c)).body;

/** The JSON body and its size in bytes as sent: Lark's size limits are on the request body. */
export const readJsonRequest = async (c: Context): Promise<{ body: Record<string, unknown>; bytes: number }> => {
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const body = parseJsonObject(new TextDecoder().decode(raw));
  return { body, bytes: raw.byteLength };
};

const parseJsonObject = (text: string): Record<string, unknown> => {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest(LarkCode.FIELD_VALIDATION, "request body is not valid JSON");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw badRequest(LarkCode.FIELD_VALIDATION, "request body must be a JSON object");
  }
  return body as Record<string, unknown>;
};

export const larkOk = (c: Context, data: unknown, msg = "success") => c.json({ code: LarkCode.OK, msg, data });
