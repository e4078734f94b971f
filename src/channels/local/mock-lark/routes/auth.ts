/** Token issuance (`auth/v3/tenant_access_token/internal`) and `bot/v3/info`. */
import { Hono } from "hono";
import { LarkApiError, LarkCode } from "../errors";
import { guard, type MockEnv } from "../context";
import { randomHex, type MockStore } from "../state";

/** A tenant_access_token lives 2 hours (auth docs, "最大有效期是 2 小时"). */
export const TOKEN_TTL_MS = 2 * 60 * 60 * 1000;
/** With less than 30 minutes left Lark hands out a new token; otherwise the current one again. */
export const TOKEN_RENEW_BELOW_MS = 30 * 60 * 1000;

export const authRoutes = (store: MockStore) => {
  const app = new Hono<MockEnv>();
  const current = new Map<string, string>();

  app.post("/open-apis/auth/v3/tenant_access_token/internal", async (c) => {
    store.stats.byRoute["auth.tenant_access_token"] = (store.stats.byRoute["auth.tenant_access_token"] ?? 0) + 1;
    const body = (await c.req.json().catch(() => ({}))) as { app_id?: unknown; app_secret?: unknown };
    const registered = typeof body.app_id === "string" ? store.apps.get(body.app_id) : undefined;
    if (!registered || typeof body.app_secret !== "string") {
      throw new LarkApiError(400, LarkCode.INVALID_PARAM);
    }
    if (body.app_secret !== registered.appSecret) throw new LarkApiError(400, LarkCode.APP_SECRET_INVALID);

    const now = store.now();
    let token = current.get(registered.appId);
    const issued = token ? store.tenantTokens.get(token) : undefined;
    if (!token || !issued || issued.expiresAt - now < TOKEN_RENEW_BELOW_MS) {
      token = `t-${randomHex(40)}`;
      store.tenantTokens.set(token, { appId: registered.appId, expiresAt: now + TOKEN_TTL_MS });
      current.set(registered.appId, token);
    }
    const expiresAt = store.tenantTokens.get(token)?.expiresAt ?? now;
    // Top-level fields, not `data`: the SDK destructures `{ tenant_access_token, expire }` from the body.
    return c.json({
      code: LarkCode.OK,
      msg: "ok",
      tenant_access_token: token,
      expire: Math.floor((expiresAt - now) / 1000),
    });
  });

  app.get("/open-apis/bot/v3/info", guard(store, "bot.info"), (c) => {
    const bot = c.get("app");
    // `bot` at the top level, as in the docs and as the SDK's channel reads it (`r.bot.open_id`).
    return c.json({
      code: LarkCode.OK,
      msg: "ok",
      bot: {
        activate_status: 2,
        app_name: bot.appName,
        avatar_url: "",
        ip_white_list: [],
        open_id: bot.botOpenId,
      },
    });
  });

  return app;
};
