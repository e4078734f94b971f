/**
 * The bot's own open_id (GET /open-apis/bot/v3/info), needed only to tell
 * "@bot" from other people in a message that mentions someone. Lark gives a
 * webhook and a long-connection delivery 3 s to be answered, and card
 * callbacks are never retried, so nothing may wait on this look-up for long:
 *
 * - a success is kept for good (an app's bot never changes its open_id);
 * - a failure is not kept: the next attempt waits a backoff (1 s, 2 s, 4 s …
 *   up to a minute), so a dead Open API is not asked on every event;
 * - a caller waits at most `waitMs` and then goes on without the id; a look-up
 *   that hangs past `staleAfterMs` no longer blocks new attempts.
 */

export const BOT_ID_WAIT_MS = 1500;
export const BOT_ID_BACKOFF_FIRST_MS = 1000;
export const BOT_ID_BACKOFF_MAX_MS = 60_000;
/** Longer than the Open API client's own timeout (10 s for the token, 10 s for the info). */
export const BOT_ID_STALE_AFTER_MS = 25_000;

export interface BotIdentity {
  /** The open_id if known; when it is not, starts a look-up in the background (unless backing off). */
  known(): string | undefined;
  /** The open_id, waiting at most `waitMs` for a look-up; undefined when it is not known by then. */
  resolve(): Promise<string | undefined>;
}

export interface BotIdentityOptions {
  /** One look-up: resolves with the open_id, or rejects / resolves empty on failure. */
  lookup: () => Promise<string | undefined>;
  now?: () => number;
  waitMs?: number;
  backoffFirstMs?: number;
  backoffMaxMs?: number;
  staleAfterMs?: number;
  onFailure?: (error: unknown, attempt: number) => void;
  /**
   * true (Node): one look-up at a time, shared by every caller, and `known()` starts one in
   * the background. false (Workers): each caller that needs the id runs its own look-up inside
   * its own request, because workerd cancels a request's continuations when they wait on
   * I/O another request started; the cached id and the backoff are still shared.
   */
  share?: boolean;
}

export function createBotIdentity(opts: BotIdentityOptions): BotIdentity {
  const now = opts.now ?? Date.now;
  const waitMs = opts.waitMs ?? BOT_ID_WAIT_MS;
  const first = opts.backoffFirstMs ?? BOT_ID_BACKOFF_FIRST_MS;
  const max = opts.backoffMaxMs ?? BOT_ID_BACKOFF_MAX_MS;
  const staleAfter = opts.staleAfterMs ?? BOT_ID_STALE_AFTER_MS;
  const share = opts.share ?? true;

  let value: string | undefined;
  let inflight: { promise: Promise<void>; startedAt: number } | undefined;
  let failures = 0;
  let nextAttemptAt = 0;

  const attempt = (): Promise<void> | undefined => {
    if (value) return undefined;
    const t = now();
    if (share && inflight && t - inflight.startedAt < staleAfter) return inflight.promise;
    if (t < nextAttemptAt) return undefined;
    const promise = Promise.resolve()
      .then(opts.lookup)
      .then((id) => {
        if (!id) throw new Error("bot/v3/info answered without an open_id");
        value = id;
        failures = 0;
      })
      .catch((error: unknown) => {
        failures += 1;
        nextAttemptAt = now() + Math.min(max, first * 2 ** (failures - 1));
        opts.onFailure?.(error, failures);
      })
      .finally(() => {
        if (inflight?.promise === promise) inflight = undefined;
      });
    if (share) inflight = { promise, startedAt: t };
    return promise;
  };

  return {
    known() {
      if (!value && share) void attempt();
      return value;
    },
    async resolve() {
      const pending = attempt();
      if (!pending) return value;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
      await Promise.race([pending, deadline]);
      clearTimeout(timer);
      return value;
    },
  };
}
