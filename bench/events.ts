/**
 * Benchmark: signed, encrypted record events against the local server over
 * loopback, 20 in flight, and the same server's bare GET /healthz in the same
 * run as the baseline. The server runs in a child process.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { createClient } from "@libsql/client";
import { DEMO_GROUPS, DEMO_TENANT, LOCAL_APP } from "../src/channels/local/demo";
import { MOCK_MOUNT_PATH } from "../src/channels/local/local-lark";
import { botAddedEvent, sealEvent, textMessageEvent, type SealedRequest } from "../src/channels/local/lark-events";
import { MOCK_TENANT_KEY } from "../src/channels/local/mock-lark/state";
import { BENCH_APP, benchChatId, benchOpenId } from "./ids";

export interface LoadFigures {
  requests: number;
  perSecond: number;
  medianMs: number;
  p99Ms: number;
  failures: number;
  /**
   * The bot process's CPU time (user + system) over the load, per request, in ms, when measured: a
   * figure the other processes on a shared machine disturb far less than requests per second.
   */
  cpuMs?: number;
}

export interface EventsRound {
  /** GET /healthz of the group-commit server, just before its events. */
  healthz: LoadFigures;
  /** Events through src/db/file-client.ts (prepared statements, group commit): the default. */
  events: LoadFigures;
  /** The same events against the old path: @libsql/client's file client, one commit per request. */
  baseline: LoadFigures;
}

export interface EventsBenchFigures {
  concurrency: number;
  rounds: EventsRound[];
  /** Medians over the rounds: events/s ÷ healthz/s, for group commit and for the baseline. */
  throughputRatio: number;
  baselineThroughputRatio: number;
  /** Median over the rounds of the events' p99 (ms), group commit and baseline. */
  p99Ms: number;
  baselineP99Ms: number;
  /** The group-commit server's write transactions and the callers' batches they held, over the whole run. */
  commits: CommitStats | null;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `count` requests, `concurrency` at a time; times each from send to full answer. */
export async function load(
  count: number,
  concurrency: number,
  request: (i: number) => Promise<Response>,
): Promise<LoadFigures> {
  const times: number[] = [];
  let failures = 0;
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        try {
          const res = await request(i);
          await res.arrayBuffer();
          times.push(performance.now() - t0);
          if (res.status !== 200) failures++;
        } catch {
          // A connection reset under load counts as a failure, not as a crash of the benchmark.
          failures++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: count,
    perSecond: Math.round(count / elapsed),
    medianMs: r(percentile(times, 50)),
    p99Ms: r(percentile(times, 99)),
    failures,
  };
}

export interface CommitStats {
  transactions: number;
  batches: number;
}

/** A chat of the bench's Lark and the people in it who send. */
export interface BenchChat {
  chatId: string;
  people: string[];
}

/** The Lark a bench server talks to: where people's messages are made, and how events are sealed. */
export interface BenchLark {
  /** The mock's base URL for its /mock/… routes. */
  mockUrl: string;
  app: { appId: string; verificationToken: string; encryptKey: string; botOpenId: string; botName: string };
  tenantKey: string;
  chats: BenchChat[];
}

export interface BenchServer {
  url: string;
  db: string;
  lark: BenchLark;
  /** Stops the server; resolves with its commit counts (null for the baseline's client). */
  stop: () => Promise<CommitStats | null>;
  /** Runs `work` under the server's CPU profiler when BENCH_PROF is set (the file goes to /tmp/prof). */
  profiled: <T>(work: () => Promise<T>) => Promise<T>;
  /** Runs a load and adds the bot process's CPU time per request to its figures. */
  cpuOf: (work: () => Promise<LoadFigures>) => Promise<LoadFigures>;
}

/**
 * Who sends. `unit` (the default): a 17:30 burst — one unit's group chat of BENCH_UNIT_SIZE people
 * (default 500; BENCH_UNITS chats of that size, default 1) with ids of Lark's shapes, registered and
 * synced beforehand as a group is when the bot is added, every person sending in turn, so a person
 * has a handful of records a month as in life; the Lark mock runs in its own process
 * (bench/mock-server.ts), as Lark does, so its CPU is not counted as the bot's. `demo`
 * (BENCH_SENDERS=demo, the mode of every figure before 2026-12-02 10:00 UTC): the local-mode demo
 * group's 4 people send everything (~250 records a month each after 1,000 events), against the
 * mock served inside the bot's own process.
 */
export const benchSenders = (): "unit" | "demo" => (process.env.BENCH_SENDERS === "demo" ? "demo" : "unit");

const BENCH_KEYS = {
  verificationToken: "bench-verification-token-0123456789",
  encryptKey: "bench-encrypt-key-0123456789abcd",
};

function startMockProcess(units: number, unitSize: number) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      new URL("./mock-server.ts", import.meta.url).pathname,
      BENCH_APP.appId,
      BENCH_APP.appSecret,
      String(units),
      String(unitSize),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise<{ url: string; stop: () => void }>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", (line) =>
      resolve({ url: (JSON.parse(line) as { url: string }).url, stop: () => child.kill("SIGTERM") }),
    );
    child.once("exit", (code) => reject(new Error(`mock exited (${code})`)));
  });
}

/** Adds the bot to each chat through the real event path and waits until it has read their members. */
async function registerUnits(url: string, db: string, lark: BenchLark): Promise<void> {
  for (const chat of lark.chats) {
    const event = botAddedEvent({
      token: lark.app.verificationToken,
      appId: lark.app.appId,
      tenantKey: lark.tenantKey,
      chatId: chat.chatId,
      operatorOpenId: chat.people[0]!,
      chatName: chat.chatId,
    });
    const sealed = await sealEvent(event, { encryptKey: lark.app.encryptKey });
    const res = await fetch(`${url}/lark/events`, { method: "POST", headers: sealed.headers, body: sealed.body });
    if (!res.ok) throw new Error(`bot_added: HTTP ${res.status} ${await res.text()}`);
  }
  const expected = lark.chats.reduce((n, c) => n + c.people.length, 0);
  const client = createClient({ url: `file:${db}` });
  try {
    for (let tries = 0; ; tries++) {
      const n = Number((await client.execute("select count(*) as n from members")).rows[0]!.n);
      if (n >= expected) return;
      if (tries > 600) throw new Error(`the bot read ${n} of ${expected} members`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    client.close();
  }
}

/**
 * The bot in its own process. `baseline`: with @libsql/client's file client. BENCH_BEFORE=<folder>
 * (a checkout of an earlier commit, e.g. from `git archive`, with node_modules) makes the baseline
 * that checkout's bot instead (its src/ under this harness), for a before/after of a change in the
 * same run.
 */
export async function startBenchServer(opts: { baseline?: boolean } = {}): Promise<BenchServer> {
  const before = opts.baseline ? process.env.BENCH_BEFORE : undefined;
  const unit = benchSenders() === "unit";
  const units = Number(process.env.BENCH_UNITS ?? 1);
  const unitSize = Number(process.env.BENCH_UNIT_SIZE ?? 500);
  const mock = unit ? await startMockProcess(units, unitSize) : undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_BASELINE: opts.baseline && !before ? "1" : "0" };
  if (before) env.BENCH_BOT_ROOT = before;
  else delete env.BENCH_BOT_ROOT;
  if (mock)
    env.BENCH_LARK = JSON.stringify({
      domain: mock.url,
      appId: BENCH_APP.appId,
      appSecret: BENCH_APP.appSecret,
      ...BENCH_KEYS,
    });
  else delete env.BENCH_LARK;
  const child = spawn(process.execPath, ["--import", "tsx", new URL("./server.ts", import.meta.url).pathname], {
    stdio: ["ignore", "pipe", "inherit"],
    env,
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  });
  const { url, db } = JSON.parse(first) as { url: string; db: string };
  const lark: BenchLark = mock
    ? {
        mockUrl: mock.url,
        app: { appId: BENCH_APP.appId, botOpenId: BENCH_APP.botOpenId, botName: "绩效考核机器人", ...BENCH_KEYS },
        tenantKey: MOCK_TENANT_KEY,
        chats: Array.from({ length: units }, (_, g) => ({
          chatId: benchChatId(g),
          people: Array.from({ length: unitSize }, (_, i) => benchOpenId(g, i)),
        })),
      }
    : {
        mockUrl: `${url}${MOCK_MOUNT_PATH}`,
        app: {
          appId: LOCAL_APP.appId,
          botOpenId: LOCAL_APP.botOpenId,
          botName: "绩效考核机器人",
          verificationToken: LOCAL_APP.verificationToken,
          encryptKey: LOCAL_APP.encryptKey,
        },
        tenantKey: DEMO_TENANT,
        chats: [{ chatId: DEMO_GROUPS[0]!.chatId, people: DEMO_GROUPS[0]!.members.map((p) => p.openId) }],
      };
  if (mock) await registerUnits(url, db, lark);
  const stop = () =>
    new Promise<CommitStats | null>((resolve) => {
      lines.once("line", (line) => resolve((JSON.parse(line) as { commitStats: CommitStats | null }).commitStats));
      child.once("exit", () => resolve(null));
      child.kill("SIGTERM");
    }).finally(() => mock?.stop());
  const toggleProfiler = () =>
    new Promise<string>((resolve) => {
      lines.once("line", resolve);
      child.kill("SIGUSR2");
    });
  const profiled = async <T>(work: () => Promise<T>): Promise<T> => {
    if (!process.env.BENCH_PROF) return work();
    await toggleProfiler();
    try {
      return await work();
    } finally {
      const { file } = JSON.parse(await toggleProfiler()) as { file: string };
      console.error(`CPU profile of the timed load: ${file}`);
    }
  };
  const cpu = () =>
    new Promise<number>((resolve) => {
      lines.once("line", (line) => resolve((JSON.parse(line) as { cpuMicros: number }).cpuMicros));
      child.kill("SIGUSR1");
    });
  const cpuOf = async (work: () => Promise<LoadFigures>): Promise<LoadFigures> => {
    const before = await cpu();
    const figures = await work();
    const used = (await cpu()) - before;
    return { ...figures, cpuMs: Math.round((used / 1000 / figures.requests) * 1000) / 1000 };
  };
  return { url, db, lark, stop, profiled, cpuOf };
}

/** The `i`th sender of a burst: chats in turn, and in each chat its people in turn. */
export function senderOf(lark: BenchLark, i: number): { chat: BenchChat; openId: string } {
  const chat = lark.chats[i % lark.chats.length]!;
  return { chat, openId: chat.people[Math.floor(i / lark.chats.length) % chat.people.length]! };
}

/** A person's message in the chat, made in the server's (mock) Lark first, as in real life: its event, sealed. */
export async function sealedMessage(lark: BenchLark, i: number, text: string): Promise<SealedRequest> {
  const { chat, openId } = senderOf(lark, i);
  const created = await fetch(`${lark.mockUrl}/mock/user-messages`, {
    method: "POST",
    body: JSON.stringify({
      chat_id: chat.chatId,
      open_id: openId,
      content: JSON.stringify({ text: `@_user_1 ${text}` }),
    }),
  });
  const messageId = ((await created.json()) as { message: { message_id: string } }).message.message_id;
  const event = textMessageEvent({
    token: lark.app.verificationToken,
    appId: lark.app.appId,
    tenantKey: lark.tenantKey,
    chatId: chat.chatId,
    chatType: "group",
    senderOpenId: openId,
    text: `@${lark.app.botName} ${text}`,
    messageId,
    mentions: [{ openId: lark.app.botOpenId, name: lark.app.botName }],
  });
  return sealEvent(event, { encryptKey: lark.app.encryptKey });
}

/**
 * `count` 日报 events for one server, sealed ahead of time (untimed): each
 * person's message is created in that server's mock Lark first, as in real
 * life, and every event is encrypted and signed before the clock starts.
 */
async function sealEvents(server: BenchServer, count: number, tag: string): Promise<SealedRequest[]> {
  const sealed: SealedRequest[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < count) {
        const i = next++;
        sealed[i] = await sealedMessage(server.lark, i, `日报 第${tag}${i}条：完成了季度报表初稿的第${i}部分`);
      }
    }),
  );
  return sealed;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Two servers, one with group commit and one without (the baseline), run
 * in turns on the same (shared, noisy) machine: each round measures the
 * group-commit server's /healthz, then its events, then the baseline's
 * events, so every ratio compares figures taken seconds apart.
 */
export async function benchEvents(
  opts: { events?: number; concurrency?: number; rounds?: number } = {},
): Promise<EventsBenchFigures> {
  const count = opts.events ?? 3000;
  const concurrency = opts.concurrency ?? 20;
  const roundCount = opts.rounds ?? 3;
  const grouped = await startBenchServer();
  const single = await startBenchServer({ baseline: true });
  const rounds: EventsRound[] = [];
  let commits: CommitStats | null;
  try {
    const healthUrl = `${grouped.url}/healthz`;
    await load(200, concurrency, () => fetch(healthUrl)); // warm-up
    for (let r = 0; r < roundCount; r++) {
      const forGrouped = await sealEvents(grouped, count, `${r}-`);
      const forSingle = await sealEvents(single, count, `${r}-`);
      const post = (url: string, sealed: SealedRequest[]) => (i: number) =>
        fetch(`${url}/lark/events`, { method: "POST", headers: sealed[i]!.headers, body: sealed[i]!.body });
      const healthz = await grouped.cpuOf(() => load(count, concurrency, () => fetch(healthUrl)));
      // Which of the two goes first alternates, so neither always gets the quieter moment.
      const runEvents = () =>
        grouped.cpuOf(() => grouped.profiled(() => load(count, concurrency, post(grouped.url, forGrouped))));
      const runBaseline = () => single.cpuOf(() => load(count, concurrency, post(single.url, forSingle)));
      let events: LoadFigures;
      let baseline: LoadFigures;
      if (r % 2 === 0) {
        events = await runEvents();
        baseline = await runBaseline();
      } else {
        baseline = await runBaseline();
        events = await runEvents();
      }
      rounds.push({ healthz, events, baseline });
    }
  } finally {
    commits = await grouped.stop();
    await single.stop();
  }
  const ratio = (pick: (r: EventsRound) => LoadFigures) =>
    Math.round(median(rounds.map((r) => pick(r).perSecond / r.healthz.perSecond)) * 100) / 100;
  return {
    concurrency,
    rounds,
    throughputRatio: ratio((r) => r.events),
    baselineThroughputRatio: ratio((r) => r.baseline),
    p99Ms: median(rounds.map((r) => r.events.p99Ms)),
    baselineP99Ms: median(rounds.map((r) => r.baseline.p99Ms)),
    commits,
  };
}
