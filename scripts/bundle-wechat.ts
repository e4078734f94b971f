import { basename, extname } from "node:path";
import { build } from "esbuild";

/**
 * `npm run wechat` runs the bridge from one JavaScript file instead of through
 * tsx: the long-running process then holds neither tsx and its transforms
 * (each module's compiled text with an inline source map, all kept by V8)
 * nor the source maps Node parses when tsx turns them on — ≈ 12 MB RSS and
 * 10 MB of heap at idle (docs/BENCHMARKS.md, 2026-12-02, "without tsx").
 * Packages stay external: node_modules is loaded as it is, only our own
 * TypeScript is bundled.
 *
 * The output sits two folders below the repository root, as src/db/ does, so
 * that paths taken from `import.meta.url` resolve the same as from the
 * sources: `../../migrations` (src/db/migrate.ts) and node_modules
 * (src/channels/wechat/image/fonts.ts). The picture renderer is its own entry,
 * `worker.js`, next to the bridge, where src/channels/wechat/image/lazy.ts
 * looks for it when it runs as JavaScript.
 *
 * Usage: tsx scripts/bundle-wechat.ts [--outdir=.build/<name>] [extra entry …];
 * each extra entry (the memory bench) is bundled the same way beside the
 * bridge. A test bundles into a folder of its own, at the same depth.
 */
const ENTRIES = ["src/wechat.ts", "src/channels/wechat/image/worker.ts"];

async function bundleWechat(outdir: string, extra: readonly string[]): Promise<void> {
  await build({
    entryPoints: [...ENTRIES, ...extra].map((file) => ({ in: file, out: basename(file, extname(file)) })),
    outdir,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node22",
    logLevel: "warning",
  });
}

const args = process.argv.slice(2);
const outdir = args.find((a) => a.startsWith("--outdir="))?.slice("--outdir=".length) ?? ".build/wechat";
await bundleWechat(
  outdir,
  args.filter((a) => !a.startsWith("--")),
);
