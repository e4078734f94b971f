import { describe, expect, test } from "vitest";
import worker from "../../src/worker";
import { WORKER_TEST as W } from "./constants";

describe("LARK_EVENT_MODE inside workerd", () => {
  test("a Worker configured for ws says it runs under Node only, instead of silently dropping events", async () => {
    // A fresh env object: the Worker assembles once per env, so this one is not the suite's bot.
    const env = { LARK_APP_ID: W.app.appId, LARK_APP_SECRET: W.app.appSecret, LARK_EVENT_MODE: "ws", DATABASE_URL: "https://example.invalid" };
    const res = await worker.fetch(new Request("http://worker/lark/events", { method: "POST", body: "{}" }), env, {} as never);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/LARK_EVENT_MODE: ws .* runs under Node only/);
  });
});
