import type { HttpInstance, HttpRequestOptions } from "@larksuiteoapi/node-sdk";

/**
 * A fetch-based HttpInstance for the Lark SDK. The SDK's default is axios,
 * which does not run on Workers; fetch runs on both, so one code path serves
 * production and Node. Errors mimic axios's shape (error.response.{status,
 * data, headers}) because that is what callers of the SDK inspect.
 */
export class LarkHttpError extends Error {
  override name = "LarkHttpError";
  constructor(
    readonly status: number,
    readonly body: { code?: number; msg?: string } | undefined,
    readonly headers: Headers,
  ) {
    super(
      `Lark HTTP ${status}${body?.code !== undefined ? ` code ${body.code}` : ""}${body?.msg ? `: ${body.msg}` : ""}`,
    );
  }
  get response() {
    return { status: this.status, data: this.body, headers: Object.fromEntries(this.headers) };
  }
  /** Lark's business code, when the body had one. */
  get code(): number | undefined {
    return this.body?.code;
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000;

function withParams(url: string, params?: Record<string, unknown>): string {
  if (!params) return url;
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) u.searchParams.set(k, String(v));
  return u.toString();
}

export function createFetchHttpInstance(fetchImpl: typeof fetch = fetch, timeoutMs = DEFAULT_TIMEOUT_MS): HttpInstance {
  async function request<R>(opts: HttpRequestOptions<unknown>): Promise<R> {
    const method = (opts.method ?? "GET").toUpperCase();
    const headers = new Headers();
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined) headers.set(k, String(v));
    let body: BodyInit | undefined;
    if (opts.data !== undefined && method !== "GET" && method !== "HEAD") {
      if (typeof opts.data === "string" || opts.data instanceof FormData) body = opts.data;
      else {
        body = JSON.stringify(opts.data);
        if (!headers.has("content-type")) headers.set("content-type", "application/json; charset=utf-8");
      }
    }
    const res = await fetchImpl(withParams(opts.url!, opts.params), {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(opts.timeout || timeoutMs),
    });
    const text = await res.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (a proxy's HTML error page): keep the text.
    }
    if (!res.ok)
      throw new LarkHttpError(
        res.status,
        typeof data === "object" ? (data as { code?: number }) : undefined,
        res.headers,
      );
    return (opts.$return_headers ? { data, headers: Object.fromEntries(res.headers) } : data) as R;
  }
  const withBody =
    (method: string) =>
    <R>(url: string, data?: unknown, opts?: HttpRequestOptions<unknown>) =>
      request<R>({ ...opts, url, method, data });
  const withoutBody =
    (method: string) =>
    <R>(url: string, opts?: HttpRequestOptions<unknown>) =>
      request<R>({ ...opts, url, method });
  return {
    request,
    get: withoutBody("GET"),
    delete: withoutBody("DELETE"),
    head: withoutBody("HEAD"),
    options: withoutBody("OPTIONS"),
    post: withBody("POST"),
    put: withBody("PUT"),
    patch: withBody("PATCH"),
  } as HttpInstance;
}
