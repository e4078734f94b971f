/**
 * Score a period from two JSON files:
 *   npx tsx scripts/score.ts scheme.json inputs.json [--explain] [--kind=month|quarter|year]
 * `--kind` says what the period is (default month): a rules-2 scheme pays place prizes only on the kind it names.
 * Prints the result as JSON on stdout (or, with --explain, each member's explanation) and exits 0;
 * on a missing file, bad JSON or validation errors prints them on stderr (zh + en) and exits 2.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseScheme } from "../src/domain/scheme";
import type { FieldError } from "../src/domain/scheme";
import { computePeriod, explain, parsePeriodInputs } from "../src/domain/scoring";

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
  const inputs = parsePeriodInputs(scheme.scheme, inputsJson.value);
  if (!inputs.ok) return fail(describe(inputsFile, inputs.errors));

  const result = computePeriod(scheme.scheme, inputs.inputs, { kind: kind ?? "month" });
  const stdout = wantExplain
    ? `${result.members.map((m) => explain(m).join("\n")).join("\n\n")}\n`
    : `${JSON.stringify(result, null, 2)}\n`;
  const stderr = result.warnings.map((w) => `警告 / warning: ${w.zh} / ${w.en}\n`).join("");
  return { code: EXIT_OK, stdout, stderr };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const out = runScore(process.argv.slice(2), (file) => readFileSync(file, "utf8"));
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  // exitCode, not exit(): a large result piped to another process must be flushed first.
  process.exitCode = out.code;
}
