import { systemClock, type Clock } from "../../app/ports";

/**
 * Local mode's clock: real time, unless the demo seeding has moved it to a
 * day in the past to replay that day's events through the webhook. Only the
 * seeding moves it, and it always puts it back.
 */
export interface TravelClock extends Clock {
  /** From now on, `now()` reads `at` plus the real time elapsed since this call. */
  travelTo(at: Date): void;
  /** Back to the underlying clock. */
  home(): void;
  /** The underlying clock's time, wherever this one has travelled. */
  realNow(): Date;
}

export function createTravelClock(base: Clock = systemClock): TravelClock {
  let offset = 0;
  return {
    now: () => new Date(base.now().getTime() + offset),
    travelTo(at) {
      offset = at.getTime() - base.now().getTime();
    },
    home() {
      offset = 0;
    },
    realNow: () => base.now(),
  };
}
