/**
 * Score a period from two JSON files:
 *   npx tsx scripts/score.ts scheme.json inputs.json [--explain] [--kind=month|quarter|year]
 * `--kind` says what the period is (default month): a rules-2 scheme pays place prizes only on the kind it names.
 * `--kind=year` with a year file instead of period inputs, { "quarters": [inputs, …], "reviews": { key: [{ id, name,
 * score }] } }, scores each quarter, then the year: quarters weighted by `yearWeights`, and each of the scheme's
 * `yearReviews` (篇9 line 193: 半年综合管理评价 30%) as its own part with its own weight.
 * Prints the result as JSON on stdout (or, with --explain, each member's explanation) and exits 0;
 * on a missing file, bad JSON or validation errors prints them on stderr (zh + en) and exits 2.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseScheme } from "../src/domain/scheme";
import type { FieldError } from "../src/domain/scheme";
import {
  combinePeriods,
  computePeriod,
  explain,
  parsePeriodInputs,
  yearParts,
  type PartResult,
  type ReviewScores,
} from "../src/domain/scoring";
import type { Scheme } from "../src/domain/scheme";

export const EXIT_OK = 0;
export const EXIT_INVALID = 2;

export interface RunOutput {
  code: number;
  stdout: string;
  stderr: string;
}

const USAGE = "用法 / usage: tsx scripts/score.ts <scheme.json> <inputs.json> [--explain] [--kind=month|quarter|year]";
const KINDS = ["month", "quarter", "year"] as const;

const fail = (lines: string[]): RunOutput => ({ code: EXIT_INVALID, stdout: "", stderr: `${lines.join("\n")}\n` });
const describe = (file: string, errors: FieldError[]) => errors.map((e) => `${file}: ${e.path}: ${e.zh} / ${e.en}`);

function readJson(
  file: string,
  read: (file: string) => string,
): { ok: true; value: unknown } | { ok: false; lines: string[] } {
  let text: string;
  try {
    text = read(file);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, lines: [`${file}: 无法读取文件 / cannot read file (${reason})`] };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, lines: [`${file}: JSON 格式错误 / invalid JSON (${reason})`] };
  }
}

/** The whole command as a function of its arguments and a file reader, so tests need no process. */
export function runScore(args: readonly string[], read: (file: string) => string): RunOutput {
  const wantExplain = args.includes("--explain");
  const kindArg = args.find((a) => a.startsWith("--kind="))?.slice("--kind=".length);
  const kind = KINDS.find((k) => k === kindArg);
  if (kindArg !== undefined && !kind)
    return fail([`--kind 须为 month、quarter 或 year / must be month, quarter or year`]);
  const files = args.filter((a) => a !== "--explain" && !a.startsWith("--kind="));
  const [schemeFile, inputsFile] = files;
  if (files.length !== 2 || !schemeFile || !inputsFile) return fail([USAGE]);

  const schemeJson = readJson(schemeFile, read);
  const inputsJson = readJson(inputsFile, read);
  if (!schemeJson.ok || !inputsJson.ok) {
    return fail([...(schemeJson.ok ? [] : schemeJson.lines), ...(inputsJson.ok ? [] : inputsJson.lines)]);
  }
  const scheme = parseScheme(schemeJson.value);
  if (!scheme.ok) return fail(describe(schemeFile, scheme.errors));
  if (kind === "year" && isYearFile(inputsJson.value)) return scoreYear(scheme.scheme, inputsFile, inputsJson.value);
  const inputs = parsePeriodInputs(scheme.scheme, inputsJson.value);
  if (!inputs.ok) return fail(describe(inputsFile, inputs.errors));

  const result = computePeriod(scheme.scheme, inputs.inputs, { kind: kind ?? "month" });
  const stdout = wantExplain
    ? `${result.members.map((m) => explain(m).join("\n")).join("\n\n")}\n`
    : `${JSON.stringify(result, null, 2)}\n`;
  const stderr = result.warnings.map((w) => `警告 / warning: ${w.zh} / ${w.en}\n`).join("");
  return { code: EXIT_OK, stdout, stderr };
}

interface YearFile {
  quarters: unknown[];
  reviews?: Record<string, { id: string; name: string; score: number }[]>;
}

const isYearFile = (v: unknown): v is YearFile =>
  typeof v === "object" && v !== null && Array.isArray((v as { quarters?: unknown }).quarters);

function scoreYear(scheme: Scheme, file: string, year: YearFile): RunOutput {
  if (year.quarters.length < 1 || year.quarters.length > 4)
    return fail([`${file}: quarters: 须为 1 至 4 个季度 / 1 to 4 quarters`]);
  const parts: PartResult[] = [];
  for (const [i, q] of year.quarters.entries()) {
    const inputs = parsePeriodInputs(scheme, q);
    if (!inputs.ok) return fail(describe(`${file} quarters[${i}]`, inputs.errors));
    const result = computePeriod(scheme, inputs.inputs, { kind: "quarter" });
    parts.push({ period: `Q${i + 1}`, result, weight: scheme.yearWeights[i]! });
  }
  const reviews: ReviewScores[] = [];
  for (const [key, scores] of Object.entries(year.reviews ?? {})) {
    const bad = !Array.isArray(scores) || scores.some((s) => !(s?.score >= 0 && s.score <= 100) || !s.id);
    if (!scheme.yearReviews.some((r) => r.key === key) || bad)
      return fail([
        `${file}: reviews.${key}: 方案没有此评价项，或分数不在 0–100 / not a review of the scheme, or bad scores`,
      ]);
    reviews.push({ key, scores });
  }
  const combined = combinePeriods(scheme, yearParts(scheme, parts, reviews), { kind: "year" });
  return { code: EXIT_OK, stdout: `${JSON.stringify(combined, null, 2)}\n`, stderr: "" };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const out = runScore(process.argv.slice(2), (file) => readFileSync(file, "utf8"));
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  // exitCode, not exit(): a large result piped to another process must be flushed first.
  process.exitCode = out.code;
}
