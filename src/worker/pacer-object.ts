import { DurableObject } from "cloudflare:workers";
import { createPacer, type Limit, type Pacer, type Slot } from "../outbox/pacer";
import { countSubrequest } from "./meter";

/**
 * Lark's limits are per app (50/s, 1000/min) and per chat or user (5/s),
 * whichever Worker invocation sends. Queue consumers run in many isolates at
 * once, so an in-memory pacer each would let them add up past the limit. One
 * Durable Object per app holds the pacer instead: it is single-threaded, so
 * the check and the booking of a slot cannot interleave, and it is the same
 * sliding-window pacer Node uses (src/outbox/pacer.ts). The alternative, a
 * booking column checked inside the outbox claim, costs no extra subrequest
 * but puts three range counts on every claim over HTTP; one call per send to
 * the object is cheaper and keeps the pacing logic in one place.
 *
 * Node's pacer counts a send's window from its answer; telling the object of
 * every answer would cost a second subrequest per send. The object counts
 * from the booking instead, with a fixed margin per window for the time a
 * request takes to reach Lark (WORKER_SEND_MARGIN_MS).
 */
const WORKER_SEND_MARGIN_MS = 250;

export class LarkPacer extends DurableObject {
  #pacer: Pacer | undefined;
  #limits: readonly Limit[] | undefined;
  readonly #releases = new Map<number, { slot: Slot; at: number }>();
  #next = 1;

  /** Waits for a slot under the app's limits and the target's; returns a booking to give back on a 429. */
  async take(target: string | null, limits?: readonly Limit[]): Promise<number> {
    if (!this.#pacer || JSON.stringify(limits) !== JSON.stringify(this.#limits)) {
      this.#pacer = createPacer({ ...(limits ? { app: limits } : {}), marginMs: WORKER_SEND_MARGIN_MS });
      this.#limits = limits;
    }
    const slot = await this.#pacer.take(target);
    slot.answered(); // counted from now, with the margin (see above)
    const id = this.#next++;
    const now = Date.now();
    this.#releases.set(id, { slot, at: now });
    // A booking is only given back soon after the send it was for; older ones are forgotten.
    for (const [k, v] of this.#releases) if (v.at < now - 120_000) this.#releases.delete(k);
    return id;
  }

  /** Gives a slot back: Lark refused that send for its rate limit, so it did not count there. */
  async release(booking: number): Promise<void> {
    this.#releases.get(booking)?.slot.release();
    this.#releases.delete(booking);
  }
}

interface PacerStub {
  take(target: string | null, limits?: readonly Limit[]): Promise<number>;
  release(booking: number): Promise<void>;
}

/** The pacer a Worker's drains use: every slot is booked with the app's one LarkPacer object. */
export function durablePacer(
  namespace: { idFromName(name: string): unknown; get(id: never): unknown },
  appId: string,
  limits?: readonly Limit[],
): Pacer {
  const stub = () => namespace.get(namespace.idFromName(appId) as never) as PacerStub;
  return {
    async take(target) {
      countSubrequest("pacer");
      const booking = await stub().take(target, limits);
      return {
        // The object already counts the send from its booking: nothing to tell it.
        answered: () => {},
        release: () => {
          countSubrequest("pacer");
          void stub()
            .release(booking)
            .catch(() => undefined);
        },
      };
    },
  };
}
