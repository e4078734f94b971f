import { expect, test } from "vitest";
import { createPacer, type Pacer } from "../../src/outbox/pacer";

/** A virtual clock: sleeping moves time, so the test measures the schedule, not the machine. */
function virtualTime() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => void (t += ms) };
}

/** A send answered at once (a round trip of 0 ms). */
async function send(pacer: Pacer, target: string | null) {
  const slot = await pacer.take(target);
  slot.answered();
  return slot;
}

test("at most 5 per second to one chat", async () => {
  const time = virtualTime();
  const pacer = createPacer(time);
  const stamps: number[] = [];
  for (let i = 0; i < 12; i++) {
    await send(pacer, "chat:a");
    stamps.push(time.now());
  }
  expect(stamps).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]);
});

test("different chats do not wait for each other, but share the app's 50/s", async () => {
  const time = virtualTime();
  const pacer = createPacer(time);
  for (let i = 0; i < 50; i++) await send(pacer, `chat:${i}`);
  expect(time.now()).toBe(0);
  await send(pacer, "chat:new");
  expect(time.now()).toBe(1000);
});

test("the per-minute app limit holds over a long run", async () => {
  const time = virtualTime();
  const pacer = createPacer(time);
  for (let i = 0; i < 1001; i++) await send(pacer, `user:${i}`);
  // 1000 in the first minute at 50/s take 19 s; the 1001st waits for the minute to pass.
  expect(time.now()).toBe(60_000);
});

test("the window counts from the answer: a send that took 300 ms to answer holds its slot 300 ms longer", async () => {
  const time = virtualTime();
  const pacer = createPacer({ ...time, app: [{ limit: 2, windowMs: 1000 }] });
  const slow = await pacer.take(null);
  time.advance(300); // it may have reached Lark as late as this
  slow.answered();
  await send(pacer, null);
  await send(pacer, null);
  expect(time.now()).toBe(1300);
});

test("a full window of unanswered sends waits for an answer, however long it takes", async () => {
  const time = virtualTime();
  const pacer = createPacer({ ...time, app: [{ limit: 2, windowMs: 1000 }] });
  const a = await pacer.take(null);
  const b = await pacer.take(null);
  let third = false;
  const next = pacer.take(null).then((slot) => ((third = true), slot));
  await new Promise((r) => setTimeout(r, 10));
  expect(third).toBe(false); // neither may have reached Lark yet: no slot, at any time
  time.advance(5000);
  a.answered(); // a counts as arrived by 5000, so its slot is free again at 6000 (b is still out)
  (await next).answered();
  expect(time.now()).toBe(6000);
  b.answered();
});

test("the margin spaces windows a little wider", async () => {
  const time = virtualTime();
  const pacer = createPacer({ ...time, marginMs: 100 });
  for (let i = 0; i < 6; i++) await send(pacer, "chat:a");
  expect(time.now()).toBe(1100);
});

test("a slot Lark refused is given back", async () => {
  const time = virtualTime();
  const pacer = createPacer({ ...time, app: [{ limit: 2, windowMs: 1000 }] });
  await send(pacer, null);
  const refused = await send(pacer, null);
  refused.release(); // that send got a 429
  await send(pacer, null);
  expect(time.now()).toBe(0);
  await send(pacer, null);
  expect(time.now()).toBe(1000);
});

/** Most requests in any window of `windowMs` (sliding, as the mock and Lark count them). */
function busiest(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

test("a 2,000-message broadcast with a 10 ms round trip: within 1.02× of the fastest Lark's limits allow, and no window over a limit wherever each request arrived", async () => {
  const time = virtualTime();
  const pacer = createPacer(time);
  const left: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const slot = await pacer.take(`chat:${i}`);
    left.push(time.now());
    time.advance(10);
    slot.answered();
    answered.push(time.now());
  }
  // The fastest: 1,000 in the first minute at 50/s, the next 1,000 from the 60th second at 50/s (bench/broadcast.ts).
  const fastestMs = 60_000 + (1000 / 50) * 1000;
  expect(answered.at(-1)! / fastestMs).toBeLessThanOrEqual(1.02);
  for (const arrivals of [left, answered]) {
    expect(busiest(arrivals, 1000)).toBeLessThanOrEqual(50);
    expect(busiest(arrivals, 60_000)).toBeLessThanOrEqual(1000);
  }
});
