import type { ExecutionContext } from "hono";
import worker, { type WorkerEnv } from "../../src/worker";
import { invocationObservers, recentInvocations } from "../../src/worker/meter";
import { IsolateHeap, type HeapUsage } from "./isolate-heap";

export { LarkPacer } from "../../src/worker";

/**
 * The Worker as deployed (src/worker.ts, bundled by `wrangler deploy --dry-run`
 * with wrangler.toml's queues and pacer object), plus three test routes. It
 * runs as an auxiliary Worker of its own (vitest.config.ts), so its isolate
 * holds the Worker and its queue consumers and pacer object, not the test
 * runner: its heap is the figure the 128 MB limit applies to. Never deployed.
 *
 *  - POST /__fan-out/tick?at=… runs the cron handler as Cloudflare would call it;
 *  - GET /__fan-out/invocations?since=n: each invocation's subrequests (src/worker/meter.ts)
 *    and the isolate's heap as it ended;
 *  - GET /__fan-out/heap[?collect]: the isolate's heap now, or after a full collection.
 */
const heap = new IsolateHeap();
const atEnds: HeapUsage[] = [];
invocationObservers.add(() => atEnds.push(heap.usage()));

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/__fan-out/tick" && request.method === "POST") {
      const pending: Promise<unknown>[] = [];
      await worker.scheduled({ scheduledTime: Date.parse(url.searchParams.get("at")!), cron: "*/5 * * * *" }, env, {
        ...ctx,
        waitUntil: (p: Promise<unknown>) => void pending.push(p),
        passThroughOnException: () => {},
      } as ExecutionContext);
      await Promise.all(pending);
      return new Response(null, { status: 204 });
    }
    if (url.pathname === "/__fan-out/invocations") {
      const since = Number(url.searchParams.get("since") ?? 0);
      return Response.json({ invocations: recentInvocations.slice(since), heapAtEnds: atEnds.slice(since) });
    }
    if (url.pathname === "/__fan-out/heap")
      return Response.json(url.searchParams.has("collect") ? await heap.collected() : heap.usage());
    return worker.fetch(request, env, ctx);
  },
  queue: worker.queue,
};
