/**
 * Benchmark: signed, encrypted record events against the local server over
 * loopback, 20 in flight, and the same server's bare GET /healthz in the same
 * run as the baseline. The server runs in a child process.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { DEMO_GROUPS, DEMO_TENANT, LOCAL_APP } from "../src/channels/local/demo";
import { MOCK_MOUNT_PATH } from "../src/channels/local/local-lark";
import { sealEvent, textMessageEvent, type SealedRequest } from "../src/channels/local/lark-events";

export interface LoadFigures {
  requests: number;
  perSecond: number;
  medianMs: number;
  p99Ms: number;
  failures: number;
}

export interface EventsBenchFigures {
  concurrency: number;
  events: LoadFigures;
  healthz: LoadFigures;
  /** events p99 ÷ healthz p99, measured in the same run. */
  p99Ratio: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `count` requests, `concurrency` at a time; times each from send to full answer. */
export async function load(count: number, concurrency: number, request: (i: number) => Promise<Response>): Promise<LoadFigures> {
  const times: number[] = [];
  let failures = 0;
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const res = await request(i);
        await res.arrayBuffer();
        times.push(performance.now() - t0);
        if (res.status !== 200) failures++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { requests: count, perSecond: Math.round(count / elapsed), medianMs: r(percentile(times, 50)), p99Ms: r(percentile(times, 99)), failures };
}

export async function startBenchServer(): Promise<{ url: string; db: string; stop: () => void }> {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []), "--import", "tsx", new URL("./server.ts", import.meta.url).pathname], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  });
  const { url, db } = JSON.parse(first) as { url: string; db: string };
  return { url, db, stop: () => child.kill("SIGTERM") };
}

export async function benchEvents(opts: { events?: number; concurrency?: number } = {}): Promise<EventsBenchFigures> {
  const count = opts.events ?? 3000;
  const concurrency = opts.concurrency ?? 20;
  const server = await startBenchServer();
  try {
    const group = DEMO_GROUPS[0]!;
    const people = group.members;
    // Untimed: each person's message exists in (mock) Lark before its event, as in real life,
    // and every event is sealed (encrypted, signed) ahead of time so the timing is the server's.
    const sealed: SealedRequest[] = [];
    for (let i = 0; i < count; i++) {
      const person = people[i % people.length]!;
      const text = `@_user_1 日报 第${i}条：完成了季度报表初稿的第${i}部分`;
      const created = await fetch(`${server.url}${MOCK_MOUNT_PATH}/mock/user-messages`, {
        method: "POST",
        body: JSON.stringify({ chat_id: group.chatId, open_id: person.openId, content: JSON.stringify({ text }) }),
      });
      const messageId = ((await created.json()) as { message: { message_id: string } }).message.message_id;
      const event = textMessageEvent({
        token: LOCAL_APP.verificationToken,
        appId: LOCAL_APP.appId,
        tenantKey: DEMO_TENANT,
        chatId: group.chatId,
        chatType: "group",
        senderOpenId: person.openId,
        text: `@绩效考核机器人 日报 第${i}条：完成了季度报表初稿的第${i}部分`,
        messageId,
        mentions: [{ openId: LOCAL_APP.botOpenId, name: "绩效考核机器人" }],
      });
      sealed.push(await sealEvent(event, { encryptKey: LOCAL_APP.encryptKey }));
    }
    const healthUrl = `${server.url}/healthz`;
    const eventsUrl = `${server.url}/lark/events`;
    await load(200, concurrency, () => fetch(healthUrl)); // warm-up
    const healthz = await load(count, concurrency, () => fetch(healthUrl));
    const events = await load(count, concurrency, (i) => fetch(eventsUrl, { method: "POST", headers: sealed[i]!.headers, body: sealed[i]!.body }));
    return { concurrency, events, healthz, p99Ratio: Math.round((events.p99Ms / healthz.p99Ms) * 100) / 100 };
  } finally {
    server.stop();
  }
}
