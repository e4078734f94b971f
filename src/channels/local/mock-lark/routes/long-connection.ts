/**
 * `POST /callback/ws/endpoint`: where a long-connection client asks for its
 * WebSocket URL. Body `{AppID, AppSecret}`; answer
 * `{code:0, data:{URL, ClientConfig:{PingInterval, ReconnectCount, ReconnectInterval, ReconnectNonce}}}`
 * as the SDKs read it. The URL is one-time (a ticket) and points at this
 * server's `/ws/v2`, under whatever path the mock is mounted on.
 */
import { Hono } from "hono";
import { EndpointCode } from "../../../lark/long-connection/endpoint";
import type { LongConnectionHub } from "../long-connection/hub";
import type { MockStore } from "../state";

export const LONG_CONNECTION_ENDPOINT = "/callback/ws/endpoint";
export const LONG_CONNECTION_PATH = "/ws/v2";

export const longConnectionRoutes = (store: MockStore, hub: LongConnectionHub) => {
  const app = new Hono();
  app.post(LONG_CONNECTION_ENDPOINT, async (c) => {
    store.stats.byRoute["callback.ws.endpoint"] = (store.stats.byRoute["callback.ws.endpoint"] ?? 0) + 1;
    const body = (await c.req.json().catch(() => ({}))) as { AppID?: unknown; AppSecret?: unknown };
    const registered = typeof body.AppID === "string" ? store.apps.get(body.AppID) : undefined;
    if (!registered || body.AppSecret !== registered.appSecret) {
      return c.json({ code: EndpointCode.authFailed, msg: "app id or secret is wrong", data: {} });
    }
    const { ticket, serviceId, deviceId } = hub.issueTicket(registered.appId);
    const here = new URL(c.req.url);
    const base = here.pathname.slice(0, -LONG_CONNECTION_ENDPOINT.length);
    const url = `${here.protocol === "https:" ? "wss:" : "ws:"}//${here.host}${base}${LONG_CONNECTION_PATH}?device_id=${deviceId}&service_id=${serviceId}&ticket=${ticket}`;
    return c.json({ code: EndpointCode.ok, msg: "ok", data: { URL: url, ClientConfig: hub.clientConfig } });
  });
  return app;
};
