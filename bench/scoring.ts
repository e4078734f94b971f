/**
 * Benchmark: one month for 10,000 members × 20 ratings each, on a nested scheme whose leaves ×
 * rater groups give 21 rated combinations. Inputs come from a seeded PRNG, so every run scores the
 * same month. Run: `npx tsx bench/scoring.ts` (add `--expose-gc` via NODE_OPTIONS for steadier memory figures);
 * `--rules2` scores it under BENCH_SCHEME_RULES2 instead (the default, BENCH_SCHEME, is a rules-1 scheme: stored
 * before issue 13, so its figures are those the reference test holds since then).
 */
import { pathToFileURL } from "node:url";
import { parseScheme, type Scheme, type SchemeJson } from "../src/domain/scheme";
import { computePeriod, parsePeriodInputs, type PeriodInputsJson } from "../src/domain/scoring";

export interface BenchOptions {
  members?: number;
  ratingsPerMember?: number;
  runs?: number;
  seed?: number;
  /** The scheme to score under (default BENCH_SCHEME, rules 1). */
  scheme?: SchemeJson;
}

export interface ScoringBenchFigures {
  /** The scoring rules of the scheme the month was scored under. */
  rules: 1 | 2;
  members: number;
  ratings: number;
  runs: number;
  /** computePeriod alone, median of `runs`. */
  computeMedianMs: number;
  computeMinMs: number;
  computeMaxMs: number;
  /** parsePeriodInputs (shape + cross-checks), the first call (cold JIT). */
  validateMs: number;
  /** parsePeriodInputs, median of `runs` (after the first). */
  validateMedianMs: number;
  /** parsePeriodInputs + computePeriod, one after the other as a caller runs them: median of `runs`. */
  totalMedianMs: number;
  totalMaxMs: number;
  /** Heap after one run minus before: the result and its derivations (plus garbage when gc is not exposed). */
  heapDeltaMB: number;
  rssDeltaMB: number;
  /** Peak resident set size of the whole process so far. */
  peakRssMB: number;
  /** Peak RSS after the first month only (generate, validate, compute): one month in a fresh process. */
  firstMonthPeakRssMB: number;
  /** RSS when benchScoring started, before the inputs were generated (the runtime's own share of the peak). */
  startRssMB: number;
  gcAvailable: boolean;
  /** Σ pay in fen; equals the pool in fen when the split is exact. */
  payFenTotal: number;
  poolFen: number;
}

/** mulberry32: tiny, seedable, good enough to spread scores. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 7 leaves under a 3-level tree × 3 rater groups = 21 rated combinations. */
export const BENCH_SCHEME: SchemeJson = {
  name: "基准测试方案",
  dimensions: [
    { key: "village", name: "联村工作", weight: 40, bonusCapPct: 20 },
    {
      key: "business",
      name: "单位业务",
      weight: 40,
      bonusCapPct: 20,
      children: [
        {
          key: "plan",
          name: "计划完成",
          weight: 60,
          children: [
            { key: "invest", name: "投资", weight: 50 },
            { key: "projects", name: "项目", weight: 50 },
          ],
        },
        { key: "quality", name: "质量", weight: 40 },
      ],
    },
    {
      key: "conduct",
      name: "管理学习作风",
      weight: 20,
      children: [
        { key: "study", name: "学习", weight: 30 },
        { key: "discipline", name: "纪律", weight: 40 },
        { key: "style", name: "作风", weight: 30 },
      ],
    },
  ],
  raters: { leader: 60, peer: 30, self: 10 },
  extraCap: 3,
  grades: [
    { name: "优秀", min: 90, quota: "20%" },
    { name: "良好", min: 80, quota: "30%" },
    { name: "合格", min: 60 },
    { name: "不合格", min: 0 },
  ],
  prizes: [900, 600, 300],
};

/**
 * The same scheme under the seeds' rules, as every scheme stored since issue 13 is (rules 2): the size coefficient
 * weights the pay split, not the score (篇5 line 95); grades go by rank within quotas by largest remainder, as the
 * templates set them (篇5 line 98); award points lie outside the 附加分 cap (line 99); place prizes on the year's result only (line 101).
 */
export const BENCH_SCHEME_RULES2: SchemeJson = {
  ...BENCH_SCHEME,
  rules: 2,
  coefficient: "pay",
  grades: [{ name: "优秀", quota: "20%" }, { name: "良好", quota: "30%" }, { name: "合格" }],
};

const LEAVES = ["village", "invest", "projects", "quality", "study", "discipline", "style"];
const RATERS = ["leader", "peer", "self"];

export function generateInputs(members: number, ratingsPerMember: number, seed: number): PeriodInputsJson {
  const rand = prng(seed);
  const combos = LEAVES.flatMap((leaf) => RATERS.map((rater) => ({ leaf, rater })));
  const out: Required<PeriodInputsJson> = {
    pool: 5_000_000,
    members: [],
    ratings: [],
    adjustments: [],
    awards: [],
    extras: [],
  };
  for (let i = 0; i < members; i++) {
    const id = `m${String(i).padStart(5, "0")}`;
    out.members.push({ id, name: `成员${i}`, coefficient: rand() < 0.1 ? 1.042 : 1 });
    const skip = Math.floor(rand() * combos.length);
    for (let k = 0; k < ratingsPerMember; k++) {
      const combo = combos[(skip + 1 + k) % combos.length];
      if (!combo) continue;
      // Rater id per (combo, pass): several passes over the combos never repeat a (rater, item) pair.
      const by = `${combo.rater}-${Math.floor(k / combos.length)}`;
      out.ratings.push({
        member: id,
        dimension: combo.leaf,
        rater: combo.rater,
        score: Math.round(600 + rand() * 400) / 10,
        by,
      });
    }
    if (rand() < 0.2)
      out.adjustments.push({ member: id, dimension: "village", points: rand() < 0.5 ? -2 : 3, reason: "专项考核" });
    if (rand() < 0.05) out.awards.push({ member: id, level: "city", reason: "市级先进" });
  }
  return out;
}

const MB = 1024 * 1024;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export async function benchScoring(options: BenchOptions = {}): Promise<ScoringBenchFigures> {
  const { members = 10_000, ratingsPerMember = 20, runs = 5, seed = 20240601, scheme: schemeJson } = options;
  const startRss = process.memoryUsage().rss;
  const parsed = parseScheme(schemeJson ?? BENCH_SCHEME);
  if (!parsed.ok) throw new Error(`bench scheme invalid: ${JSON.stringify(parsed.errors)}`);
  const scheme: Scheme = parsed.scheme;
  const json = generateInputs(members, ratingsPerMember, seed);

  const gc = (globalThis as { gc?: () => void }).gc;
  const t0 = performance.now();
  const inputs = parsePeriodInputs(scheme, json);
  const validateMs = performance.now() - t0;
  if (!inputs.ok) throw new Error(`bench inputs invalid: ${JSON.stringify(inputs.errors.slice(0, 3))}`);

  computePeriod(scheme, inputs.inputs); // warm-up for the JIT, not timed, dropped
  const firstMonthPeak = process.resourceUsage().maxRSS;
  const times: number[] = [];
  const validations: number[] = [];
  const totals: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const again = parsePeriodInputs(scheme, json);
    const validated = performance.now();
    if (!again.ok) throw new Error("bench inputs invalid on a second parse");
    computePeriod(scheme, again.inputs);
    const end = performance.now();
    validations.push(validated - start);
    times.push(end - validated);
    totals.push(end - start);
  }
  // Memory held by one result: measured across a single run, collected before and after where gc is exposed.
  gc?.();
  const before = process.memoryUsage();
  const last = computePeriod(scheme, inputs.inputs);
  gc?.();
  const after = process.memoryUsage();
  await Promise.resolve();

  return {
    rules: scheme.rules,
    members,
    ratings: inputs.inputs.ratings.length,
    runs,
    computeMedianMs: Math.round(median(times)),
    computeMinMs: Math.round(Math.min(...times)),
    computeMaxMs: Math.round(Math.max(...times)),
    validateMs: Math.round(validateMs),
    validateMedianMs: Math.round(median(validations)),
    totalMedianMs: Math.round(median(totals)),
    totalMaxMs: Math.round(Math.max(...totals)),
    heapDeltaMB: Math.round(((after.heapUsed - before.heapUsed) / MB) * 10) / 10,
    rssDeltaMB: Math.round(((after.rss - before.rss) / MB) * 10) / 10,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    firstMonthPeakRssMB: Math.round(firstMonthPeak / 1024),
    startRssMB: Math.round(startRss / MB),
    gcAvailable: gc !== undefined,
    payFenTotal: last.members.reduce((sum, m) => sum + m.payFen, 0),
    poolFen: last.poolFen,
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const figures = await benchScoring(process.argv.includes("--rules2") ? { scheme: BENCH_SCHEME_RULES2 } : {});
  console.log(JSON.stringify(figures, null, 2));
}
