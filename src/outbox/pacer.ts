/**
 * Keeps sends within Lark's limits before Lark has to refuse them: per app
 * 50/s and 1000/min, per chat 5/s, per user 5/s (../shared/DESIGN.md).
 * Sliding windows of recent send times; `take` waits until every window the
 * message falls under has room, then books the slot.
 */
export interface Limit {
  limit: number;
  windowMs: number;
}

export const LARK_APP_LIMITS: readonly Limit[] = [
  { limit: 50, windowMs: 1000 },
  { limit: 1000, windowMs: 60_000 },
];
export const LARK_TARGET_LIMIT: Limit = { limit: 5, windowMs: 1000 };

export interface Pacer {
  /**
   * Waits for a slot under the app's limits and the target's (`chat:…` / `user:…`).
   * Returns a release: a send Lark refused for its rate limit was not counted
   * there, so it gives its slot back instead of crowding the next window.
   */
  take(target: string | null): Promise<() => void>;
}

export function createPacer(opts: {
  app?: readonly Limit[];
  target?: Limit;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Slack for jitter: Lark counts arrivals, we count departures; the first requests of a burst lag most (new connections, a cold server). */
  marginMs?: number;
  /** Further slack as a share of each window, in percent (default 1: 0.6 s on a minute). */
  slackPct?: number;
} = {}): Pacer {
  const margin = opts.marginMs ?? 250;
  const slackPct = opts.slackPct ?? 1;
  const appLimits = opts.app ?? LARK_APP_LIMITS;
  const targetLimit = opts.target ?? LARK_TARGET_LIMIT;
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const sent = new Map<string, number[]>();

  function waitFor(key: string, l: Limit, t: number): number {
    // Lark counts arrivals, we count departures: a request that waited (for a token, for the
    // event loop) lands later than booked. The slack grows with the window it must cover.
    const span = l.windowMs + Math.max(margin, (l.windowMs * slackPct) / 100);
    const times = (sent.get(key) ?? []).filter((x) => x > t - span);
    sent.set(key, times);
    return times.length < l.limit ? 0 : times[times.length - l.limit]! + span - t;
  }

  return {
    async take(target) {
      for (;;) {
        const t = now();
        const rules: [string, Limit][] = appLimits.map((l, i) => [`app:${i}`, l]);
        if (target) rules.push([target, targetLimit]);
        const wait = Math.max(0, ...rules.map(([k, l]) => waitFor(k, l, t)));
        if (wait <= 0) {
          for (const [k] of rules) sent.get(k)!.push(t);
          if (target && sent.size > 10_000) for (const [k, v] of sent) if (!v.length) sent.delete(k);
          return () => {
            for (const [k] of rules) {
              const times = sent.get(k);
              const at = times?.lastIndexOf(t) ?? -1;
              if (times && at >= 0) times.splice(at, 1);
            }
          };
        }
        await sleep(wait);
      }
    },
  };
}
