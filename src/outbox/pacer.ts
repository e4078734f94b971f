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
  /** Waits for a slot under the app's limits and the target's (`chat:…` / `user:…`). */
  take(target: string | null): Promise<void>;
}

export function createPacer(opts: {
  app?: readonly Limit[];
  target?: Limit;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Slack for network jitter: Lark counts arrivals, we count departures. */
  marginMs?: number;
} = {}): Pacer {
  const margin = opts.marginMs ?? 100;
  const appLimits = opts.app ?? LARK_APP_LIMITS;
  const targetLimit = opts.target ?? LARK_TARGET_LIMIT;
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const sent = new Map<string, number[]>();

  function waitFor(key: string, l: Limit, t: number): number {
    const span = l.windowMs + margin;
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
          return;
        }
        await sleep(wait);
      }
    },
  };
}
