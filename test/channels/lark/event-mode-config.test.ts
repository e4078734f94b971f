import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config";

const hex = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n / 2)), (b) => b.toString(16).padStart(2, "0")).join("");
const app = { LARK_APP_ID: `cli_${hex(16)}`, LARK_APP_SECRET: hex(32) };

// The Worker refusing ws is tested inside workerd: test/worker/event-mode.test.ts.
describe("LARK_EVENT_MODE", () => {
  test("webhook by default, and then the verification token is required", () => {
    expect(loadConfig({}).LARK_EVENT_MODE).toBe("webhook");
    expect(() => loadConfig(app)).toThrow(/LARK_VERIFICATION_TOKEN is required .* or set LARK_EVENT_MODE=ws/);
  });

  test("ws needs only the app's id and secret (the connection is opened with them)", () => {
    const c = loadConfig({ ...app, LARK_EVENT_MODE: " WS " });
    expect(c.LARK_EVENT_MODE).toBe("ws");
    expect(c.LARK_VERIFICATION_TOKEN).toBeUndefined();
  });

  test("anything else is refused with the choices", () => {
    expect(() => loadConfig({ ...app, LARK_EVENT_MODE: "websocket" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...app, LARK_EVENT_MODE: "websocket" })).toThrow(/LARK_EVENT_MODE must be webhook or ws/);
  });
});
