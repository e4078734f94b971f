/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile> [top]`: where a CPU profile's time went,
 * as shares of the busy time (idle left out): self time by package or source file, and the
 * functions with the most self time. Used to read the BENCH_PROF=1 profiles of the bench server.
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg = "40", inclusiveOf = "/(src|commands|cards)/"] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary <file.cpuprofile> [top]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

/** A package (node_modules/<name>), a file of ours, node's internals, or V8's own (GC, program). */
function place(url: string, fn: string): string {
  if (!url) return `(${fn || "native"})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return url;
  const ours = /\/(src|commands|cards|bench)\/(.*)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

const places = new Map<string, number>();
const functions = new Map<string, number>();
let busy = 0;
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === "(idle)") continue;
  busy += us;
  const where = place(url, functionName);
  places.set(where, (places.get(where) ?? 0) + us);
  const short = url.replace(/^.*node_modules\//, "").replace(/^.*\/(src|commands|cards|bench)\//, "$1/");
  const key = `${functionName || "(anonymous)"} ${short || where}:${lineNumber + 1}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
}
/** Inclusive time of our own functions (or those whose url matches the third argument) (each counted once per sample, however deep it recurses). */
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  if (byId.get(id)!.callFrame.functionName === "(idle)") continue;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
    if (!url || !new RegExp(inclusiveOf).test(url)) continue;
    const short = url.replace(/^.*node_modules\//, "").replace(/^.*\/(src|commands|cards|bench)\//, "$1/");
    const key = `${functionName || "(anonymous)"} ${short}:${lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
const top = Number(topArg);
console.log(`busy ${(busy / 1000).toFixed(0)} ms`);
console.log("\n## self time by place");
for (const [k, v] of [...places].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
console.log("\n## self time by function");
for (const [k, v] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
console.log(`\n## inclusive time of functions in ${inclusiveOf}`);
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
