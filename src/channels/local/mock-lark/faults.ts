/**
 * Fault injection for retry tests: the next matching Open API request(s) fail, stall, or lose
 * their connection. Faults sit in front of auth and rate limiting, like a broken network or gateway.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { MockEnv } from "./context";
import { LarkApiError, LarkCode, renderLarkError } from "./errors";
import type { MockStore } from "./state";

export interface FaultSpec {
  /** Which requests: a RegExp on the path, or a string the path equals or starts with. Default: any. */
  path?: RegExp | string;
  method?: string;
  /** HTTP status to answer with. Without `status` and `drop`, the fault only delays the real answer. */
  status?: number;
  /** Lark `code` in the body; default 99991400 for 429, otherwise the status number itself. */
  code?: number;
  msg?: string;
  headers?: Record<string, string>;
  /** How many matching requests this fault applies to (default 1). */
  times?: number;
  /** Wait this long (real time) before answering. */
  delayMs?: number;
  /** Destroy the connection without an answer (on a node server); in-process, never answer. */
  drop?: boolean;
  /** Hold the request unanswered until `releaseHeld()`, then answer it normally: an Open API that is slow for as long as a test needs. */
  hold?: boolean;
  /**
   * A message send that Lark has accepted but not finished: it is held open until `releaseHeld()`,
   * then stored and answered. Meanwhile a send with the same uuid is answered 230049 ("The message
   * is being sent"), as Lark does; once it is stored, the uuid's one-hour dedupe applies.
   */
  inFlight?: boolean;
}

interface PendingFault {
  spec: FaultSpec;
  left: number;
}

export interface Faults {
  hold(): Promise<void>;
  add(spec: FaultSpec): void;
  take(method: string, path: string): FaultSpec | undefined;
  /** Drops pending faults and lets any held-open ("never answered") request finish. */
  clear(): void;
  /** Lets held-open requests finish, keeping pending faults. */
  release(): void;
  hang(): Promise<void>;
  /** Requests waiting in a `hold` fault right now. */
  held(): number;
}

const matches = (spec: FaultSpec, method: string, path: string): boolean => {
  if (spec.method && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  if (spec.path === undefined) return true;
  if (typeof spec.path === "string") return path === spec.path || path.startsWith(spec.path);
  spec.path.lastIndex = 0;
  return spec.path.test(path);
};

export const createFaults = (): Faults => {
  let pending: PendingFault[] = [];
  let resolveHeld: () => void = () => {};
  let held = new Promise<void>((resolve) => (resolveHeld = resolve));
  let holding = 0;
  const releaseHeld = () => {
    resolveHeld();
    held = new Promise<void>((resolve) => (resolveHeld = resolve));
  };

  return {
    add(spec) {
      pending.push({ spec, left: spec.times ?? 1 });
    },
    take(method, path) {
      const found = pending.find((f) => f.left > 0 && matches(f.spec, method, path));
      if (!found) return undefined;
      found.left -= 1;
      pending = pending.filter((f) => f.left > 0);
      return found.spec;
    },
    clear() {
      pending = [];
      releaseHeld();
    },
    release: releaseHeld,
    hang: () => held,
    held: () => holding,
    async hold() {
      holding += 1;
      try {
        await held;
      } finally {
        holding -= 1;
      }
    },
  };
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The node-server binding exposes the socket; anything else (app.request, Workers) has none. */
type MaybeNodeEnv = { incoming?: { socket?: { destroy(): void } } } | undefined;

export const faultMiddleware =
  (store: MockStore, faults: Faults): MiddlewareHandler =>
  async (c, next) => {
    store.stats.requests++;
    const spec = faults.take(c.req.method, c.req.path);
    if (!spec) return next();
    store.stats.faults++;
    if (spec.inFlight) {
      (c as Context<MockEnv>).set("held", faults.hang());
      return next();
    }
    if (spec.delayMs) await sleep(spec.delayMs);
    if (spec.hold) {
      await faults.hold();
      if (spec.status === undefined) return next();
    }
    if (spec.drop) {
      (c.env as MaybeNodeEnv)?.incoming?.socket?.destroy();
      await faults.hang();
      return c.body(null, 503);
    }
    if (spec.status === undefined) return next();
    const code = spec.code ?? (spec.status === 429 ? LarkCode.RATE_LIMITED : spec.status);
    const headers =
      spec.status === 429
        ? { "x-ogw-ratelimit-limit": String(store.limits.appPerSecond), "x-ogw-ratelimit-reset": "1", ...spec.headers }
        : { ...spec.headers };
    return renderLarkError(new LarkApiError(spec.status, code, spec.msg ?? "mock-lark injected fault", headers));
  };
