/**
 * Sliding-window request counters on an injected clock.
 *
 * A sliding log is stricter than a fixed window (no double burst across a window edge), so a
 * sender that never trips the mock will not trip Lark either. Rejected requests are not
 * recorded: a client that keeps retrying too early is told to wait, not punished further.
 */
export interface LarkLimits {
  /** Per API, per app: Lark's "level 4", 50 requests/s ("频控策略"; message create/reply/patch, card update). */
  appPerSecond: number;
  /** Per API, per app: 1000 requests/min, same level. */
  appPerMinute: number;
  /** Messages into one group chat, shared by all bots in it: 5/s (im/v1/message/create "使用限制"). */
  chatPerSecond: number;
  /** Messages to one user (p2p): 5/s, same source. */
  userPerSecond: number;
  /** Updates of one message: 5/s (im/v1/message-card/patch "单条消息更新频控为 5 QPS"). */
  messageUpdatePerSecond: number;
}

export const LARK_LIMITS: LarkLimits = {
  appPerSecond: 50,
  appPerMinute: 1000,
  chatPerSecond: 5,
  userPerSecond: 5,
  messageUpdatePerSecond: 5,
};

export const SECOND_MS = 1000;
export const MINUTE_MS = 60_000;

export type Verdict = { ok: true } | { ok: false; limit: number; retryAfterMs: number };

export interface Window {
  limit: number;
  windowMs: number;
}

export interface SlidingLimiter {
  /** Checks every window for `key`; records the hit only when all of them allow it. */
  hit(key: string, windows: readonly Window[]): Verdict;
  clear(): void;
}

export const createSlidingLimiter = (now: () => number): SlidingLimiter => {
  const logs = new Map<string, number[]>();

  const recent = (id: string, windowMs: number, t: number): number[] => {
    const times = logs.get(id) ?? [];
    let drop = 0;
    while (drop < times.length && (times[drop] ?? 0) <= t - windowMs) drop++;
    const kept = drop ? times.slice(drop) : times;
    logs.set(id, kept);
    return kept;
  };

  return {
    hit(key, windows) {
      const t = now();
      let worst: Verdict = { ok: true };
      for (const w of windows) {
        const times = recent(`${key}|${w.windowMs}`, w.windowMs, t);
        if (times.length < w.limit) continue;
        // The window frees a slot when its oldest counted request slides out.
        const oldest = times[times.length - w.limit] ?? t;
        const retryAfterMs = Math.max(1, oldest + w.windowMs - t);
        if (worst.ok || retryAfterMs > worst.retryAfterMs) worst = { ok: false, limit: w.limit, retryAfterMs };
      }
      if (!worst.ok) return worst;
      for (const w of windows) logs.get(`${key}|${w.windowMs}`)?.push(t);
      return worst;
    },
    clear() {
      logs.clear();
    },
  };
};

/** `x-ogw-ratelimit-reset` is whole seconds; never tell a client to wait 0 s while it is still blocked. */
export const resetSeconds = (retryAfterMs: number): number => Math.max(1, Math.ceil(retryAfterMs / SECOND_MS));
