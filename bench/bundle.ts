/** The Worker bundle as `wrangler deploy --dry-run` builds it: raw and gzip sizes. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleFigures {
  rawKiB: number;
  gzipKiB: number;
}

export function measureBundle(): BundleFigures {
  const out = mkdtempSync(join(tmpdir(), "appraisal-bundle-"));
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", out], { stdio: "ignore" });
  const file = readdirSync(out).find((f) => f.endsWith(".js"))!;
  const raw = readFileSync(join(out, file));
  const kib = (n: number) => Math.round((n / 1024) * 10) / 10;
  return { rawKiB: kib(statSync(join(out, file)).size), gzipKiB: kib(gzipSync(raw).length) };
}
