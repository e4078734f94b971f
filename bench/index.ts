/**
 * `npm run bench`: every benchmark, figures printed. Copy them into
 * docs/BENCHMARKS.md with the machine and the date.
 */
import { cpus, totalmem } from "node:os";
import { benchBroadcast } from "./broadcast";
import { measureBundle } from "./bundle";
import { benchCallbacks } from "./callbacks";
import { benchEvents } from "./events";
import { benchExport } from "./export";
import { benchScoring } from "./scoring";

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`# Benchmarks — ${new Date().toISOString().slice(0, 10)} — ${machine}\n`);

// BENCH_BEFORE=<checkout of an earlier commit>: the baseline is that commit's bot (bench/events.ts).
const baselineName = process.env.BENCH_BEFORE ? `before (${process.env.BENCH_BEFORE})` : "baseline";
const ev = await benchEvents();
console.log("## Record events over loopback (signed, encrypted; 20 in flight), rounds interleaved");
console.log("| round | | requests | per second | median ms | p99 ms | failures | ÷ healthz/s |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
ev.rounds.forEach((round, i) => {
  for (const [name, f] of [
    ["GET /healthz", round.healthz],
    ["POST /lark/events (日报), group commit", round.events],
    [`POST /lark/events (日报), ${baselineName}`, round.baseline],
  ] as const) {
    console.log(
      `| ${i + 1} | ${name} | ${f.requests} | ${f.perSecond} | ${f.medianMs} | ${f.p99Ms} | ${f.failures} | ${(f.perSecond / round.healthz.perSecond).toFixed(2)} |`,
    );
  }
});
console.log(
  `\nmedian of rounds — events ÷ healthz throughput: group commit ${ev.throughputRatio}, ${baselineName} ${ev.baselineThroughputRatio}; events p99: group commit ${ev.p99Ms} ms, ${baselineName} ${ev.baselineP99Ms} ms`,
);
if (ev.commits)
  console.log(
    `group commit: ${ev.commits.batches} write batches in ${ev.commits.transactions} transactions (${(ev.commits.batches / Math.max(1, ev.commits.transactions)).toFixed(1)} a commit)\n`,
  );

const cb = await benchCallbacks();
console.log("## Card callbacks over loopback (撤回 on receipts; signed, encrypted; 20 in flight)");
console.log(
  `GET /healthz of the same server just before: ${cb.healthz.perSecond}/s, p99 ${cb.healthz.p99Ms} ms; callbacks ÷ healthz ${(cb.callbacks.perSecond / cb.healthz.perSecond).toFixed(2)}`,
);
for (const [name, f] of [
  ["ours (file client, group commit)", cb.callbacks],
  [process.env.BENCH_BEFORE ? baselineName : "baseline (@libsql/client)", cb.baseline],
] as const) {
  console.log(
    `${name}: ${f.requests} callbacks, ${f.perSecond}/s, median ${f.medianMs} ms, p99 ${f.p99Ms} ms, failures ${f.failures}`,
  );
}
console.log("");

const sc = await benchScoring({ runs: 5 });
console.log("## Scoring a month: 10,000 members × 20 ratings");
console.log(
  `validation + computePeriod median ${sc.totalMedianMs} ms (max ${sc.totalMaxMs}): computePeriod median ${sc.computeMedianMs} ms (min ${sc.computeMinMs}, max ${sc.computeMaxMs}), validation median ${sc.validateMedianMs} ms (first call ${sc.validateMs} ms);`,
);
console.log(
  `heap held by the result ${sc.heapDeltaMB} MB; peak RSS ${sc.peakRssMB} MB after ${sc.runs + 2} months back to back, ${sc.firstMonthPeakRssMB} MB after the first (process at ${sc.startRssMB} MB before it was generated); pay exact to the fen: ${sc.payFenTotal === sc.poolFen}\n`,
);

const bc = await benchBroadcast();
console.log("## Monthly ranking for 1,000 groups through the Lark mock's real limits");
console.log(
  `${bc.messages} messages (group cards + private places); generated in ${bc.generateSeconds} s; delivered in ${bc.deliverSeconds} s`,
);
console.log(
  `fastest the limits allow: ${bc.minimumSeconds} s (50/s, 1,000/min); ratio ${bc.ratio}; 429s ${bc.rateLimited}, 230020s ${bc.frequencyLimited}\n`,
);

const ex = await benchExport();
console.log(`## 导出: ${ex.people} people in ${ex.groups} groups, a year of ratings (${ex.ratings})`);
console.log(
  `year workbook cold ${ex.yearExportMs} ms (engine alone ${ex.yearEngineMs} ms, writing alone ${ex.writeOnlyMs} ms), ${(ex.yearBytes / 1024).toFixed(0)} KiB; rows read back ${ex.rowsReadBack}; ${ex.monthsKept} group-months kept`,
);
console.log(
  `year again, warm, in turns: ${ex.yearExportRuns.map((r) => `${r.client} ${r.ms} ms`).join(", ")}; after one rating ${ex.yearExportAfterWriteMs} ms, then ${ex.yearExportAgainMs} ms; same bytes every time: ${ex.sameBytes}, changed by the rating: ${ex.writeChangedBytes}`,
);
for (const q of ex.quarters) console.log(`${q.period}: ${q.ms} ms, ${(q.bytes / 1024).toFixed(0)} KiB`);
console.log(`seeded in ${ex.seedSeconds} s; peak RSS ${ex.peakRssMB} MB\n`);

const b = measureBundle();
console.log("## Worker bundle (wrangler deploy --dry-run)");
console.log(`raw ${b.rawKiB} KiB, gzip ${b.gzipKiB} KiB`);
