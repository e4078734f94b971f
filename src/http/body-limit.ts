import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit as honoBodyLimit } from "hono/body-limit";

/**
 * Hono's bodyLimit, answered from the Content-Length header alone when there is one (as Hono's
 * own does), without first touching `c.req.raw.body`: under @hono/node-server that property turns
 * the request into a web-stream Request (undici's Request over `Readable.toWeb`), and the body is
 * then read through web streams instead of node-server's direct read of the socket — about a tenth
 * of the CPU of a webhook request (docs/BENCHMARKS.md, 2026-12-02, engineer "events"). A body sent
 * without a length (chunked) goes through Hono's middleware, which counts it as it streams.
 */
export function bodyLimit(opts: { maxSize: number; onError: (c: Context) => Response | Promise<Response> }) {
  const streamed = honoBodyLimit(opts);
  const limit: MiddlewareHandler = async (c, next) => {
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined)
      return Number.parseInt(length || "0", 10) > opts.maxSize ? opts.onError(c) : next();
    return streamed(c, next);
  };
  return limit;
}
