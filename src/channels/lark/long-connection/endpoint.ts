/**
 * Where to connect: `POST {domain}/callback/ws/endpoint` with the app's
 * credentials answers a one-time WebSocket URL and the client settings Lark
 * wants (seconds): how often to ping, how long to wait between reconnects,
 * and a random spread for the first reconnect so clients do not all return at once.
 */

export interface ClientConfig {
  PingInterval: number;
  ReconnectCount: number;
  ReconnectInterval: number;
  ReconnectNonce: number;
}

export interface Endpoint {
  url: string;
  /** `service_id` from the URL's query: every frame the client sends carries it. */
  serviceId: number;
  config: ClientConfig;
}

/** Codes of the endpoint (the SDK's ErrorCode): only these two are worth asking again soon. */
export const EndpointCode = {
  ok: 0,
  systemBusy: 1,
  forbidden: 403,
  authFailed: 514,
  internalError: 1000040343,
  exceedConnLimit: 1000040350,
} as const;

export class EndpointError extends Error {
  override name = "EndpointError";
  constructor(
    message: string,
    /** false: the credentials or the console's settings are wrong; asking again will not help. */
    readonly retryable: boolean,
    readonly code?: number,
  ) {
    super(message);
  }
}

export const DEFAULT_CLIENT_CONFIG: ClientConfig = {
  PingInterval: 120,
  ReconnectCount: -1,
  ReconnectInterval: 120,
  ReconnectNonce: 30,
};

const ENDPOINT_TIMEOUT_MS = 15_000;

const within = (v: unknown, min: number, max: number, fallback: number) =>
  typeof v === "number" && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;

/**
 * The server's settings, bounded: a ping interval of 0 or a reconnect interval of 0 from a
 * broken answer would otherwise spin the client in a loop.
 */
export function sanitizeClientConfig(
  c: Partial<ClientConfig> | undefined,
  base: ClientConfig = DEFAULT_CLIENT_CONFIG,
): ClientConfig {
  return {
    PingInterval: within(c?.PingInterval, 1, 600, base.PingInterval),
    ReconnectCount: within(c?.ReconnectCount, -1, 1e6, base.ReconnectCount),
    ReconnectInterval: within(c?.ReconnectInterval, 0.1, 600, base.ReconnectInterval),
    ReconnectNonce: within(c?.ReconnectNonce, 0, 600, base.ReconnectNonce),
  };
}

export async function fetchEndpoint(opts: {
  domain: string;
  appId: string;
  appSecret: string;
  fetch?: typeof fetch;
}): Promise<Endpoint> {
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(`${opts.domain.replace(/\/+$/, "")}/callback/ws/endpoint`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", locale: "zh" },
      body: JSON.stringify({ AppID: opts.appId, AppSecret: opts.appSecret }),
      signal: AbortSignal.timeout(ENDPOINT_TIMEOUT_MS),
    });
  } catch (error) {
    throw new EndpointError(`long-connection endpoint unreachable: ${String(error)}`, true);
  }
  const body = (await res.json().catch(() => undefined)) as
    | { code?: number; msg?: string; data?: { URL?: string; ClientConfig?: Partial<ClientConfig> } }
    | undefined;
  const code = body?.code;
  if (code !== EndpointCode.ok || !body?.data?.URL) {
    const retryable =
      res.status >= 500 ||
      code === undefined ||
      code === EndpointCode.systemBusy ||
      code === EndpointCode.internalError ||
      code === EndpointCode.exceedConnLimit;
    throw new EndpointError(
      `long-connection endpoint refused: HTTP ${res.status} code ${code ?? "-"} ${body?.msg ?? ""}`.trim(),
      retryable,
      code,
    );
  }
  const url = body.data.URL;
  const serviceId = Number(new URL(url).searchParams.get("service_id") ?? "0");
  return {
    url,
    serviceId: Number.isFinite(serviceId) ? serviceId : 0,
    config: sanitizeClientConfig(body.data.ClientConfig),
  };
}
