import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "libsql";
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";

/**
 * `npm run wechat` as it runs in production: src/wechat.ts bundled by
 * scripts/bundle-wechat.ts and started with plain node (no tsx), a named
 * puppet (wechaty-puppet-mock) resolved by Wechaty itself, a fresh libSQL file.
 * A module hook in the child records what it loads: the bridge must not load
 * wechaty's io-client stack (wechaty-puppet-service, gRPC), ≈ 14 MB of RSS.
 */
const OUTDIR = `.build/test-${process.pid}`;
const GRPC = /\/node_modules\/(wechaty-puppet-service|@grpc\/grpc-js|google-protobuf|protobufjs)\//;
const HOOK = `
import { registerHooks } from "node:module";
const grpc = new Set(), mock = new Set();
registerHooks({ load(url, context, next) {
  if (${GRPC}.test(url)) grpc.add(url);
  if (url.includes("/node_modules/wechaty-puppet-mock/")) mock.add(url);
  return next(url, context);
} });
process.on("exit", () => process.stderr.write("MODULES " + JSON.stringify({ grpc: [...grpc], mock: mock.size }) + "\\n"));
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "wechat-bundle-"));
  await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/bundle-wechat.ts", `--outdir=${OUTDIR}`]);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(OUTDIR, { recursive: true, force: true });
});

describe("the bundled WeChat bridge (npm run wechat)", () => {
  test("starts without tsx, migrates a new database, loads no gRPC, stops cleanly on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [
        "--max-semi-space-size=1",
        "--optimize-for-size",
        "--import",
        `data:text/javascript,${encodeURIComponent(HOOK)}`,
        `${OUTDIR}/wechat.js`,
      ],
      {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: `file:${join(dir, "bot.db")}`,
          WECHATY_NAME: join(dir, "session"),
          WECHATY_PUPPET: "wechaty-puppet-mock",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    onTestFinished(() => void child.kill("SIGKILL"));
    // What the bridge prints goes to stdout, the hook's line to stderr.
    let output = "";
    const started = new Promise<void>((resolve) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        // Printed by src/wechat.ts once Wechaty has started and the signal handlers are in place.
        if (output.includes("微信桥已启动")) resolve();
      };
      child.stdout.on("data", read);
      child.stderr.on("data", read);
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await Promise.race([started, exited]);
    expect(output).toContain("微信桥已启动 (WeChat bridge started)");
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("SIGTERM: stopping");

    const loaded = JSON.parse(/^MODULES (.*)$/m.exec(output)![1]!) as { grpc: string[]; mock: number };
    expect(loaded.mock).toBeGreaterThan(0); // the hook saw the puppet Wechaty loaded by name
    expect(loaded.grpc).toEqual([]);

    const journal = JSON.parse(await readFile("migrations/meta/_journal.json", "utf8")) as { entries: unknown[] };
    const db = new Database(join(dir, "bot.db"), { readonly: true });
    const applied = db.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number };
    db.close();
    expect(applied.n).toBe(journal.entries.length);
  }, 180_000);
});
