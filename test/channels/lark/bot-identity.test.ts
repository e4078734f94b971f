import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { createBotIdentity } from "../../../src/channels/lark/bot-identity";
import { createLarkOpenApi } from "../../../src/channels/lark/open-api";
import { startMockLarkServer, type MockLarkServer } from "../../../src/channels/local/mock-lark";
import { larkOpenId, larkTenantKey } from "../../support/ids";

/**
 * The bot's open_id look-up against the real mock over HTTP, on a clock the
 * test moves: a success is kept, a failure is not, retries back off, and a
 * caller never waits longer than its bound.
 */

const hex = (n: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(n / 2)), (b) => b.toString(16).padStart(2, "0")).join("");
const APP = {
  appId: `cli_${hex(16)}`,
  appSecret: hex(32),
  botOpenId: larkOpenId("bot-identity"),
  appName: "绩效考核机器人",
};
const BOT_INFO = "/open-apis/bot/v3/info";

let lark: MockLarkServer;
beforeAll(async () => {
  lark = await startMockLarkServer({ apps: [APP], tenantKey: larkTenantKey("bot-identity") });
});
afterAll(() => lark.close());
beforeEach(() => lark.mock.reset());

function identityAt(start = 1_000_000, waitMs = 5_000, share = true) {
  let t = start;
  const api = createLarkOpenApi({ appId: APP.appId, appSecret: APP.appSecret, domain: lark.url });
  const identity = createBotIdentity({
    lookup: () => api.botOpenId(),
    now: () => t,
    waitMs,
    backoffFirstMs: 1000,
    backoffMaxMs: 4000,
    share,
  });
  return { identity, advance: (ms: number) => (t += ms) };
}

const infoRequests = () => lark.mock.stats().byRoute["bot.info"] ?? 0;

describe("the bot's open_id", () => {
  test("looked up once and kept", async () => {
    const { identity } = identityAt();
    expect(await identity.resolve()).toBe(APP.botOpenId);
    expect(await identity.resolve()).toBe(APP.botOpenId);
    expect(identity.known()).toBe(APP.botOpenId);
    expect(infoRequests()).toBe(1);
  });

  test("a failure is not kept: after the backoff the next caller asks again and gets it", async () => {
    const { identity, advance } = identityAt();
    lark.mock.failNext({ path: BOT_INFO, status: 500 });
    expect(await identity.resolve()).toBeUndefined();
    // Within the backoff nobody asks the Open API again…
    const faultsBefore = lark.mock.stats().faults;
    expect(await identity.resolve()).toBeUndefined();
    expect(lark.mock.stats().faults).toBe(faultsBefore);
    expect(infoRequests()).toBe(0);
    // …after it, the next caller does, and the answer is kept.
    advance(1000);
    expect(await identity.resolve()).toBe(APP.botOpenId);
    expect(infoRequests()).toBe(1);
  });

  test("the backoff doubles with each failure, up to its cap", async () => {
    const { identity, advance } = identityAt();
    lark.mock.failNext({ path: BOT_INFO, status: 503, times: 3 });
    expect(await identity.resolve()).toBeUndefined(); // failure 1: wait 1 s
    advance(1000);
    expect(await identity.resolve()).toBeUndefined(); // failure 2: wait 2 s
    advance(1999);
    expect(await identity.resolve()).toBeUndefined();
    expect(lark.mock.stats().faults).toBe(2);
    advance(1);
    expect(await identity.resolve()).toBeUndefined(); // failure 3: wait 4 s (the cap)
    expect(lark.mock.stats().faults).toBe(3);
    advance(4000);
    expect(await identity.resolve()).toBe(APP.botOpenId);
  });

  test("a token endpoint that refuses is a failure like any other", async () => {
    const { identity, advance } = identityAt();
    lark.mock.failNext({ path: "/open-apis/auth/v3/tenant_access_token/internal", status: 500 });
    expect(await identity.resolve()).toBeUndefined();
    advance(1000);
    expect(await identity.resolve()).toBe(APP.botOpenId);
  });

  test("a slow look-up: callers wait at most their bound, share the one request, and get the id once it lands", async () => {
    const { identity } = identityAt(1_000_000, 50);
    lark.mock.failNext({ path: BOT_INFO, hold: true });
    expect(await identity.resolve()).toBeUndefined();
    expect(await identity.resolve()).toBeUndefined();
    expect(identity.known()).toBeUndefined();
    // Both callers gave up after their bound; the one request is still held (it may reach the mock after that).
    await vi.waitFor(() => expect(lark.mock.heldRequests()).toBe(1));
    expect(lark.mock.stats().faults).toBe(1);
    lark.mock.releaseHeld();
    await expect.poll(() => identity.known()).toBe(APP.botOpenId);
    expect(infoRequests()).toBe(1);
  });

  test("on Workers (no sharing) each caller looks up inside its own request, and nothing starts in the background", async () => {
    const { identity } = identityAt(1_000_000, 50, false);
    lark.mock.failNext({ path: BOT_INFO, hold: true, times: 2 });
    expect(identity.known()).toBeUndefined();
    expect(lark.mock.heldRequests()).toBe(0);
    expect(await identity.resolve()).toBeUndefined();
    expect(await identity.resolve()).toBeUndefined();
    await vi.waitFor(() => expect(lark.mock.heldRequests()).toBe(2));
    lark.mock.releaseHeld();
    await expect.poll(() => identity.known()).toBe(APP.botOpenId);
  });
});
