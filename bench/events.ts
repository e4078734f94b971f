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

export interface BenchServer {
  url: string;
  db: string;
  /** Stops the server; resolves with its commit counts (null for the baseline's client). */
  stop: () => Promise<CommitStats | null>;
  /** Runs `work` under the server's CPU profiler when BENCH_PROF is set (the file goes to /tmp/prof). */
  profiled: <T>(work: () => Promise<T>) => Promise<T>;
}

/**
 * The bot in its own process. `baseline`: with @libsql/client's file client. BENCH_BEFORE=<folder>
 * (a checkout of an earlier commit, e.g. from `git archive`, with node_modules) makes the baseline
 * that checkout's bot instead, for a before/after of a change in the same run.
 */
export async function startBenchServer(opts: { baseline?: boolean } = {}): Promise<BenchServer> {
  const before = opts.baseline ? process.env.BENCH_BEFORE : undefined;
  const env = { ...process.env, BENCH_BASELINE: opts.baseline && !before ? "1" : "0" };
  const server = before ? `${before}/bench/server.ts` : new URL("./server.ts", import.meta.url).pathname;
  const child = spawn(process.execPath, ["--import", "tsx", server], {
    stdio: ["ignore", "pipe", "inherit"],
    env,
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  });
  const { url, db } = JSON.parse(first) as { url: string; db: string };
  const stop = () =>
    new Promise<CommitStats | null>((resolve) => {
      lines.once("line", (line) => resolve((JSON.parse(line) as { commitStats: CommitStats | null }).commitStats));
      child.once("exit", () => resolve(null));
      child.kill("SIGTERM");
    });
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
  return { url, db, stop, profiled };
}

/**
 * `count` 日报 events for one server, sealed ahead of time (untimed): each
 * person's message is created in that server's mock Lark first, as in real
 * life, and every event is encrypted and signed before the clock starts.
 */
async function sealEvents(serverUrl: string, count: number, tag: string): Promise<SealedRequest[]> {
  const group = DEMO_GROUPS[0]!;
  const people = group.members;
  const sealed: SealedRequest[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < count) {
        const i = next++;
        const person = people[i % people.length]!;
        const text = `@_user_1 日报 第${tag}${i}条：完成了季度报表初稿的第${i}部分`;
        const created = await fetch(`${serverUrl}${MOCK_MOUNT_PATH}/mock/user-messages`, {
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
          text: `@绩效考核机器人 日报 第${tag}${i}条：完成了季度报表初稿的第${i}部分`,
          messageId,
          mentions: [{ openId: LOCAL_APP.botOpenId, name: "绩效考核机器人" }],
        });
        sealed[i] = await sealEvent(event, { encryptKey: LOCAL_APP.encryptKey });
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
      const forGrouped = await sealEvents(grouped.url, count, `${r}-`);
      const forSingle = await sealEvents(single.url, count, `${r}-`);
      const post = (url: string, sealed: SealedRequest[]) => (i: number) =>
        fetch(`${url}/lark/events`, { method: "POST", headers: sealed[i]!.headers, body: sealed[i]!.body });
      const healthz = await load(count, concurrency, () => fetch(healthUrl));
      // Which of the two goes first alternates, so neither always gets the quieter moment.
      const runEvents = () => grouped.profiled(() => load(count, concurrency, post(grouped.url, forGrouped)));
      const runBaseline = () => load(count, concurrency, post(single.url, forSingle));
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
