import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Subrequests per Worker invocation. Cloudflare allows 50 per invocation on
 * the Free plan (developers.cloudflare.com/workers/platform/limits): every
 * fetch (Turso over HTTP, the Lark Open API), every queue send and every
 * Durable Object call counts. The meter follows one invocation through its
 * async work (AsyncLocalStorage, which nodejs_compat provides), so the
 * consumers can keep to a budget and each invocation leaves one log line
 * with its count for the operator to watch.
 */
export const FREE_PLAN_SUBREQUESTS = 50;

export interface InvocationStats {
  /** "scheduled", "queue:<name>" … */
  kind: string;
  subrequests: number;
  /** Of which: database round trips, Open API calls, queue sends, pacer calls. */
  by: Record<string, number>;
}

const current = new AsyncLocalStorage<InvocationStats>();

/** The last invocations of this isolate, newest last (bounded). */
export const recentInvocations: InvocationStats[] = [];
const KEPT = 5000;

/**
 * Called after each invocation ends, in the isolate that ran it. Nothing is
 * registered in production; the fan-out test reads the isolate's heap here
 * (test/worker-queues/isolate-heap.ts).
 */
export const invocationObservers = new Set<(stats: InvocationStats) => void>();

/** Counts one subrequest of the running invocation (outside one, nothing). */
export function countSubrequest(what: string): void {
  const stats = current.getStore();
  if (!stats) return;
  stats.subrequests++;
  stats.by[what] = (stats.by[what] ?? 0) + 1;
}

/** Subrequests the running invocation has made so far. */
export function spentSubrequests(): number {
  return current.getStore()?.subrequests ?? 0;
}

/** A fetch that counts each call as a subrequest of the running invocation. */
export function meteredFetch(what: string, inner: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  return (input, init) => {
    countSubrequest(what);
    return inner(input, init);
  };
}

/** Runs one invocation under its own meter; its count is kept and logged when it ends. */
export async function metered<T>(
  kind: string,
  run: () => Promise<T>,
  log: (stats: InvocationStats) => void = () => {},
): Promise<T> {
  const stats: InvocationStats = { kind, subrequests: 0, by: {} };
  try {
    return await current.run(stats, run);
  } finally {
    recentInvocations.push(stats);
    if (recentInvocations.length > KEPT) recentInvocations.splice(0, recentInvocations.length - KEPT);
    log(stats);
    for (const observe of invocationObservers) observe(stats);
  }
}
