/**
 * `npx tsx bench/events-callbacks.ts [events] [rounds] [clicks]`: the events and card callbacks
 * parts of `npm run bench` alone (each against the same server's /healthz), with the load average
 * before and after, as docs/BENCHMARKS.md asks beside every figure on a shared machine.
 * BENCH_BEFORE=<checkout> compares with an earlier commit's bot (bench/events.ts); BENCH_SENDERS=demo
 * sends from the demo group's 4 people as before 2026-12-02 10:00 UTC (bench/events.ts); BENCH_PROF=1
 * writes CPU profiles of the timed loads (read them with bench/profile-summary.ts).
 */
import { cpus, loadavg } from "node:os";
import { benchCallbacks } from "./callbacks";
import { benchEvents, benchSenders, type LoadFigures } from "./events";

const [events = "1000", rounds = "3", clicks = "500"] = process.argv.slice(2);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");
const other = process.env.BENCH_BEFORE ? `before (${process.env.BENCH_BEFORE})` : "baseline (@libsql/client)";
const row = (name: string, f: LoadFigures, healthz: LoadFigures) =>
  `| ${name} | ${f.requests} | ${f.perSecond} | ${f.medianMs} | ${f.p99Ms} | ${f.failures} | ${(f.perSecond / healthz.perSecond).toFixed(2)} | ${f.cpuMs ?? "–"} | ${f.cpuMs && healthz.cpuMs ? (healthz.cpuMs / f.cpuMs).toFixed(2) : "–"} |`;
// bot CPU ms/request: the bot process's CPU time over the load ÷ requests; "healthz ÷ it" is the ratio
// of the throughputs the bot's own CPU allows, which other processes on the machine disturb much less.
const head =
  "| | requests | per second | median ms | p99 ms | failures | ÷ healthz/s | bot CPU ms/request | healthz CPU ÷ this CPU |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |";

console.log(`# ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}`);
console.log(
  benchSenders() === "unit"
    ? `senders: one unit's chat of ${process.env.BENCH_UNIT_SIZE ?? 500} people × ${process.env.BENCH_UNITS ?? 1} (BENCH_SENDERS=demo: the demo group's 4), Lark mock in its own process`
    : "senders: the demo group's 4 people, Lark mock inside the bot's process (BENCH_SENDERS=demo)",
);
console.log(`load average before the events: ${load()}`);
const ev = await benchEvents({ events: Number(events), rounds: Number(rounds) });
ev.rounds.forEach((r, i) => {
  console.log(`\nround ${i + 1}\n${head}`);
  console.log(row("GET /healthz", r.healthz, r.healthz));
  console.log(row("POST /lark/events (日报), this commit", r.events, r.healthz));
  console.log(row(`POST /lark/events (日报), ${other}`, r.baseline, r.healthz));
});
console.log(
  `\nmedian of rounds — events ÷ healthz: this commit ${ev.throughputRatio}, ${other} ${ev.baselineThroughputRatio}; p99 ${ev.p99Ms} ms vs ${ev.baselineP99Ms} ms`,
);
const cpuMedian = (pick: (r: (typeof ev.rounds)[number]) => number | undefined) => {
  const xs = ev.rounds
    .map(pick)
    .filter((x): x is number => x !== undefined)
    .sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)];
};
console.log(
  `median of rounds — bot CPU ms per request: /healthz ${cpuMedian((r) => r.healthz.cpuMs)}, events this commit ${cpuMedian((r) => r.events.cpuMs)}, ${other} ${cpuMedian((r) => r.baseline.cpuMs)}`,
);
if (ev.commits) console.log(`group commit: ${ev.commits.batches} batches in ${ev.commits.transactions} transactions`);
console.log(`load average after the events: ${load()}\n`);

const cb = await benchCallbacks({ clicks: Number(clicks) });
console.log(`card callbacks (撤回 on receipts)\n${head}`);
console.log(row("GET /healthz", cb.healthz, cb.healthz));
console.log(row("card.action.trigger, this commit", cb.callbacks, cb.healthz));
console.log(row(`card.action.trigger, ${other}`, cb.baseline, cb.healthz));
console.log(`load average after the callbacks: ${load()}`);
