/**
 * Keeps sends within Lark's limits before Lark has to refuse them: per app
 * 50/s and 1000/min, per chat 5/s, per user 5/s (../shared/DESIGN.md).
 * Sliding windows of recent sends; `take` waits until every window the
 * message falls under has room, then books the slot.
 *
 * Lark counts a request when it arrives; we only know when it left and when
 * its answer came back, and the arrival lies in between. So a send occupies
 * its slot until its answer is in (`answered()`), and the window is measured
 * from that moment: a request that lagged (a new connection, a busy event
 * loop, a cold server) holds its slot longer instead of bunching up with the
 * next ones at Lark's end. This costs one round trip per window instead of a
 * fixed margin, and cannot draw a 429 however the requests are delayed.
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

/** One booked send. */
export interface Slot {
  /** The answer came back: from now on the send counts as arrived at Lark (no later than now). */
  answered(): void;
  /** Lark refused the send for its rate limit (it did not count it), or it was never made: the slot is free again. */
  release(): void;
}

export interface Pacer {
  /** Waits for a slot under the app's limits and the target's (`chat:…` / `user:…`). */
  take(target: string | null): Promise<Slot>;
}

/** A booking: when it was made, and when its answer came (until then it may still arrive). */
interface Booking {
  at: number;
  answeredAt: number | undefined;
}

export function createPacer(
  opts: {
    app?: readonly Limit[];
    target?: Limit;
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
    /** Extra spacing per window, in ms (default 0: measuring from the answer already covers the lag). */
    marginMs?: number;
  } = {},
): Pacer {
  const margin = opts.marginMs ?? 0;
  const appLimits = opts.app ?? LARK_APP_LIMITS;
  const targetLimit = opts.target ?? LARK_TARGET_LIMIT;
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const booked = new Map<string, Booking[]>();
  /** Takers waiting for an answer (a full window of unanswered sends) to come back. */
  let wake: (() => void)[] = [];
  const notify = () => {
    const waiting = wake;
    wake = [];
    for (const w of waiting) w();
  };

  /** ms until `l` has room for a send at `t`; Infinity while the window is full of unanswered sends. */
  function waitFor(key: string, l: Limit, t: number): number {
    const span = l.windowMs + margin;
    const list = (booked.get(key) ?? []).filter((b) => b.answeredAt === undefined || b.answeredAt > t - span);
    booked.set(key, list);
    if (list.length < l.limit) return 0;
    // The window frees a place when the (n - limit + 1)-th earliest answer slides out of it.
    const ends = list.map((b) => b.answeredAt ?? Infinity).sort((a, b) => a - b);
    return ends[list.length - l.limit]! + span - t;
  }

  return {
    async take(target) {
      for (;;) {
        const t = now();
        const rules: [string, Limit][] = appLimits.map((l, i) => [`app:${i}`, l]);
        if (target) rules.push([target, targetLimit]);
        const wait = Math.max(0, ...rules.map(([k, l]) => waitFor(k, l, t)));
        if (wait <= 0) {
          const booking: Booking = { at: t, answeredAt: undefined };
          for (const [k] of rules) booked.get(k)!.push(booking);
          if (target && booked.size > 10_000) for (const [k, v] of booked) if (!v.length) booked.delete(k);
          return {
            answered() {
              booking.answeredAt ??= Math.max(now(), booking.at);
              notify();
            },
            release() {
              for (const [k] of rules) {
                const list = booked.get(k);
                const at = list?.indexOf(booking) ?? -1;
                if (list && at >= 0) list.splice(at, 1);
              }
              notify();
            },
          };
        }
        if (wait === Infinity) await new Promise<void>((resolve) => wake.push(resolve));
        else await sleep(wait);
      }
    },
  };
}
