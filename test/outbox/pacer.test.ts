import { expect, test } from "vitest";
import { createPacer } from "../../src/outbox/pacer";

/** A virtual clock: sleeping moves time, so the test measures the schedule, not the machine. */
function virtualTime() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

test("at most 5 per second to one chat", async () => {
  const time = virtualTime();
  const pacer = createPacer({ ...time, marginMs: 0, slackPct: 0 });
  const stamps: number[] = [];
  for (let i = 0; i < 12; i++) {
    await pacer.take("chat:a");
    stamps.push(time.now());
  }
  expect(stamps).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]);
});

test("different chats do not wait for each other, but share the app's 50/s", async () => {
  const time = virtualTime();
  const pacer = createPacer({ ...time, marginMs: 0, slackPct: 0 });
  for (let i = 0; i < 50; i++) await pacer.take(`chat:${i}`);
  expect(time.now()).toBe(0);
  await pacer.take("chat:new");
  expect(time.now()).toBe(1000);
});

test("the per-minute app limit holds over a long run", async () => {
  const time = virtualTime();
  const pacer = createPacer({ ...time, marginMs: 0, slackPct: 0 });
  for (let i = 0; i < 1001; i++) await pacer.take(`user:${i}`);
  // 1000 in the first minute at 50/s take 19 s; the 1001st waits for the minute to pass.
  expect(time.now()).toBe(60_000);
});

test("the margin spaces windows a little wider", async () => {
  const time = virtualTime();
  const pacer = createPacer({ ...time, marginMs: 100, slackPct: 0 });
  for (let i = 0; i < 6; i++) await pacer.take("chat:a");
  expect(time.now()).toBe(1100);
});

test("a minute window gets slack in proportion (arrivals lag departures)", async () => {
  const time = virtualTime();
  const pacer = createPacer({ ...time, marginMs: 100, slackPct: 1, app: [{ limit: 2, windowMs: 60_000 }] });
  for (let i = 0; i < 3; i++) await pacer.take(null);
  expect(time.now()).toBe(60_600);
});

test("a slot Lark refused is given back", async () => {
  const time = virtualTime();
  const pacer = createPacer({ ...time, marginMs: 0, slackPct: 0, app: [{ limit: 2, windowMs: 1000 }] });
  await pacer.take(null);
  const release = await pacer.take(null);
  release(); // that send got a 429
  await pacer.take(null);
  expect(time.now()).toBe(0);
  await pacer.take(null);
  expect(time.now()).toBe(1000);
});
