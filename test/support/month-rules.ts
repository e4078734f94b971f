import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/**
 * The fingerprint MONTH_RULES must equal: a hash of the source of every file
 * a kept result (a month's, or a quarter's or year's export figures) is
 * computed and kept by, found by following relative imports from the batched
 * loader, the cache's encoding and the export. src/db/** is left
 * out (rows are shaped there, not scored: reading a new column means a change
 * here too), and so is month-rules.ts, which holds the fingerprint itself.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const ENTRIES = ["src/app/period-data.ts", "src/app/month-cache.ts", "src/app/export.ts"];
const SKIP = (path: string) => path.startsWith("src/db/") || path === "src/app/month-rules.ts";
const IMPORT = /(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/g;

export function monthRuleFiles(): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path) || SKIP(path)) return;
    seen.add(path);
    const text = readFileSync(join(ROOT, path), "utf8");
    for (const [, spec] of text.matchAll(IMPORT)) {
      const base = resolve(ROOT, dirname(path), spec!);
      const file = [`${base}.ts`, join(base, "index.ts"), base].find((f) => f.endsWith(".ts") && existsSync(f));
      if (file) visit(relative(ROOT, file));
    }
  };
  for (const e of ENTRIES) visit(e);
  return [...seen].sort();
}

export function monthRulesFingerprint(): string {
  const hash = createHash("sha256");
  for (const f of monthRuleFiles()) hash.update(`${f}\0${readFileSync(join(ROOT, f), "utf8")}\0`);
  return hash.digest("hex").slice(0, 16);
}
