import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config";
import { loadWorkerConfig } from "../../../src/worker/config";

const hex = (n: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(n / 2)), (b) => b.toString(16).padStart(2, "0")).join("");
const app = { LARK_APP_ID: `cli_${hex(16)}`, LARK_APP_SECRET: hex(32) };

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

  test("a Worker configured for ws is refused with one line naming the variable, instead of silently dropping events", () => {
    expect(() => loadWorkerConfig({ ...app, LARK_EVENT_MODE: "ws" })).toThrow(
      /LARK_EVENT_MODE: ws .* runs under Node only/,
    );
    expect(loadWorkerConfig({ ...app, LARK_VERIFICATION_TOKEN: "token" }).LARK_EVENT_MODE).toBe("webhook");
  });
});
