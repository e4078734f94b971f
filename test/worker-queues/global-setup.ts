import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startMockLarkServer } from "../../src/channels/local/mock-lark";
import type { Database } from "../../src/db/database";
import { applyMigrations } from "../../src/db/migrate";
import * as schema from "../../src/db/schema";
import { spawn } from "node:child_process";
import { FAN_OUT } from "./constants";
import { seedGroups, type SeededGroup } from "./seed";

declare module "vitest" {
  export interface ProvidedContext {
    fanOutHranaUrl: string;
    fanOutLarkUrl: string;
    /** GET: the workerd processes' memory and CPU, read from /proc on the Node side. */
    probeUrl: string;
    /** The Worker under measurement, bundled as `wrangler deploy` bundles it (measured-worker.ts). */
    measuredWorkerPath: string;
    /** Per scale, the groups seeded (inactive until the test runs that scale). */
    seeded: Record<string, SeededGroup[]>;
  }
}

/** workerd processes started under this one (Miniflare's), with their resident memory and CPU time. */
async function workerdUsage(): Promise<{ rssBytes: number; peakRssBytes: number; cpuMs: number; pids: number[] }> {
  const tick = 100; // USER_HZ on Linux
  const usage = { rssBytes: 0, peakRssBytes: 0, cpuMs: 0, pids: [] as number[] };
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    if (!stat.includes("(workerd)")) continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[1] is the parent pid; keep only workerd processes started by this test run.
    if (!(await isDescendant(Number(fields[1])))) continue;
    const status = await readFile(`/proc/${entry}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
    usage.rssBytes += kb("VmRSS");
    usage.peakRssBytes += kb("VmHWM");
    usage.cpuMs += ((Number(fields[11]) + Number(fields[12])) * 1000) / tick;
    usage.pids.push(Number(entry));
  }
  return usage;
}

async function isDescendant(pid: number): Promise<boolean> {
  for (let p = pid, hops = 0; p > 1 && hops < 10; hops++) {
    if (p === process.pid) return true;
    const stat = await readFile(`/proc/${p}/stat`, "utf8").catch(() => "");
    p = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] ?? 0);
  }
  return false;
}

/**
 * The Hrana stand-in in a process of its own (test/support/hrana/main.ts): the
 * Worker's 1,110 groups make some 20,000 round trips, which should not queue
 * behind vitest's own work in this process.
 */
async function startHranaProcess(dbPath: string): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/support/hrana/main.ts", "--port", "0", "--db", dbPath],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const found = /on (http:\/\/[^\s]+)/.exec(out);
      if (found) resolve(found[1]!);
    });
    child.once("exit", (code) => reject(new Error(`hrana stand-in exited (${code}): ${out}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * The Worker bundled by wrangler from wrangler.toml (its define, nodejs_compat
 * and module rules), entered through test/worker-queues/measured-worker.ts.
 */
async function bundleMeasuredWorker(outdir: string): Promise<string> {
  const entry = "test/worker-queues/measured-worker.ts";
  const child = spawn(
    join("node_modules", ".bin", "wrangler"),
    ["deploy", entry, "--dry-run", "--outdir", outdir, "--config", "wrangler.toml"],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`wrangler could not bundle ${entry} (${code}):\n${out}`);
  return join(outdir, "measured-worker.js");
}

/**
 * Node side of the fan-out test: its own libSQL database behind Hrana (1,110
 * groups that must not leak into the other Worker tests), its own Lark mock
 * holding every chat and person, and a probe for workerd's memory and CPU.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), "appraisal-fan-out-"));
  const [hrana, measuredWorkerPath] = await Promise.all([
    startHranaProcess(join(dir, "fan-out.db")),
    bundleMeasuredWorker(join(dir, "worker")),
  ]);
  const client = createClient({ url: hrana.url });
  // As production migrates: drizzle's migrations, then the data steps they ask for.
  await applyMigrations(drizzle(client, { schema }) as unknown as Database);
  const seeded: Record<string, SeededGroup[]> = {};
  const scales = process.env.FAN_OUT_SCALES ? process.env.FAN_OUT_SCALES.split(",").map(Number) : FAN_OUT.scales;
  for (const scale of scales) seeded[scale] = await seedGroups(client, scale, scale, FAN_OUT.month);
  client.close();

  const lark = await startMockLarkServer({ apps: [FAN_OUT.app], limits: FAN_OUT.limits });
  for (const g of Object.values(seeded).flat()) {
    lark.mock.addUser(g.leader);
    lark.mock.addUser(g.member);
    lark.mock.addChat({
      chatId: g.chatId,
      name: g.groupId,
      ownerOpenId: g.leader.openId,
      members: [g.leader, g.member],
    });
  }

  const probe = createServer((_req, res) => {
    void workerdUsage().then((u) => res.end(JSON.stringify(u)));
  });
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));

  project.provide("fanOutHranaUrl", hrana.url);
  project.provide("fanOutLarkUrl", lark.url);
  project.provide("probeUrl", `http://127.0.0.1:${(probe.address() as AddressInfo).port}`);
  project.provide("seeded", seeded);
  project.provide("measuredWorkerPath", measuredWorkerPath);
  return async () => {
    probe.close();
    await lark.close();
    await hrana.close();
    await rm(dir, { recursive: true, force: true });
  };
}
