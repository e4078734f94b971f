import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

/**
 * The import graph of our TypeScript and the layering rules it must keep (issue 17), as a
 * checker on plain data so that test/layering.test.ts can show it fails on a bad graph.
 *
 * Layers, lowest first; a file may import its own layer and those below, never above:
 *   domain < db < outbox < app < cards < bot < jobs < commands < channels < top
 * - domain: src/domain (pure rules); db: src/db; outbox: src/outbox; app: src/app (use cases);
 * - cards: cards/ — sit beside commands but below the bot: they render what src/app computes,
 *   so they may import src/domain, other cards and src/app's view-model types, and nothing of
 *   src/db or src/outbox (a card never reads or queues; see `cardsRule`);
 * - bot: src/bot; jobs: src/jobs; commands: commands/; channels: src/channels;
 * - top: what assembles and runs it all (src/http.ts, src/assemble.ts, src/node*, src/worker*,
 *   src/wechat.ts, src/admin.ts, src/config.ts).
 */
export const LAYERS = ["domain", "db", "outbox", "app", "cards", "bot", "jobs", "commands", "channels", "top"] as const;
export type Layer = (typeof LAYERS)[number];

/** One import of one file: `to` is a repository path for our files, else the bare package specifier. */
export interface ImportEdge {
  from: string;
  to: string;
  /** `import type` / `export type`, or every name imported with `type`. */
  typeOnly: boolean;
}

/** Which layer a repository path (forward slashes, from the repository root) belongs to. */
export function layerOf(path: string): Layer | undefined {
  if (path.startsWith("src/domain/")) return "domain";
  if (path.startsWith("src/db/")) return "db";
  if (path.startsWith("src/outbox/")) return "outbox";
  if (path.startsWith("src/app/")) return "app";
  if (path.startsWith("cards/")) return "cards";
  if (path.startsWith("src/bot/")) return "bot";
  if (path.startsWith("src/jobs/")) return "jobs";
  if (path.startsWith("commands/")) return "commands";
  if (path.startsWith("src/channels/")) return "channels";
  if (path.startsWith("src/")) return "top"; // src/http.ts, src/assemble.ts, src/node/, src/worker/…
  return undefined;
}

const rank = (layer: Layer) => LAYERS.indexOf(layer);

/** An import that breaks a layering rule, with why. */
export interface Violation {
  from: string;
  to: string;
  rule: string;
}

/** What cards may not import even below them: they render, they never read the database or queue. */
function cardsRule(edge: ImportEdge): string | undefined {
  const to = layerOf(edge.to);
  if (to === "db" || to === "outbox") return `cards never import ${to}`;
  if (to === "app" && !edge.typeOnly) return "cards import only types (view models) from src/app";
  return undefined;
}

/** Every import running up the layers (and the cards' own rule). */
export function layeringViolations(edges: readonly ImportEdge[]): Violation[] {
  const out: Violation[] = [];
  for (const edge of edges) {
    const from = layerOf(edge.from);
    const to = layerOf(edge.to);
    if (!from || !to) continue;
    if (rank(to) > rank(from)) out.push({ from: edge.from, to: edge.to, rule: `${from} imports ${to}` });
    else if (from === "cards") {
      const broken = cardsRule(edge);
      if (broken) out.push({ from: edge.from, to: edge.to, rule: broken });
    }
  }
  return out;
}

/** Command files that still reach the database themselves: drizzle-orm or the schema. */
export function commandsReachingTheDatabase(edges: readonly ImportEdge[]): string[] {
  const offenders = edges.filter(
    (e) =>
      layerOf(e.from) === "commands" &&
      (e.to === "drizzle-orm" || e.to.startsWith("drizzle-orm/") || e.to === "src/db/schema.ts"),
  );
  return [...new Set(offenders.map((e) => e.from))].sort();
}

/**
 * The outbox's row builders. Queuing with them skips routing (`route` in src/outbox/queue.ts): a Lark
 * group's linked WeChat rooms and its members' linked WeChat contacts would not get the message.
 */
export const ROW_BUILDERS = ["enqueueRows", "queuedRows"] as const;

/** One file's text, by repository path. */
export interface SourceText {
  path: string;
  text: string;
}

/**
 * Files outside src/outbox that import or call a row builder, with the builder's name: every producer
 * queues through `queueFor`, so routing keeps one home. Comments are left out (they may name a builder
 * to say why it is not used). The outbox's `enqueue` (one Lark insert) is not counted: its one user
 * outside, src/app/welcome.ts, queues a card update, which `route` sends to Lark in any case.
 */
export function queuingPastTheRouting(files: readonly SourceText[]): { path: string; name: string }[] {
  const out: { path: string; name: string }[] = [];
  for (const { path, text } of files) {
    if (layerOf(path) === "outbox") continue;
    // Block comments open a line (Biome writes them so); a line comment follows the start or a space
    // (so "https://…" in a string stays).
    const code = text.replace(/^\s*\/\*[\s\S]*?\*\//gm, "").replace(/(^|\s)\/\/.*$/gm, "$1");
    for (const name of ROW_BUILDERS) if (new RegExp(`\\b${name}\\b`).test(code)) out.push({ path, name });
  }
  return out;
}

/**
 * The import specifiers of one file's text. Imports start a line (Biome writes them so): a
 * statement `import … from "x"`, `export … from "x"`, `import "x"`, or a dynamic `import("x")`.
 * Comment lines start with `//` or ` *`, so imports quoted in comments are not read.
 */
export function importsOf(text: string): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const statement = /^(import|export)\s+([^;]*?)\s*from\s*["']([^"']+)["']/gm;
  for (const m of text.matchAll(statement)) {
    const clause = m[2]!;
    const named = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
    const names = named
      ?.split(",")
      .map((n) => n.trim())
      .filter(Boolean);
    const typeOnly = /^type\b/.test(clause) || Boolean(names?.length && names.every((n) => /^type\s/.test(n)));
    found.push({ specifier: m[3]!, typeOnly });
  }
  for (const m of text.matchAll(/^import\s*["']([^"']+)["']/gm)) found.push({ specifier: m[1]!, typeOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g))
    found.push({ specifier: m[1]!, typeOnly: false });
  return found;
}

/** Our TypeScript files (no declaration files) under the given folders, as repository paths. */
function sourceFiles(root: string, folders: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir))) {
      const path = `${dir}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (path.endsWith(".ts") && !path.endsWith(".d.ts")) out.push(path);
    }
  };
  for (const folder of folders) walk(folder);
  return out.sort();
}

/** A relative specifier as the repository path it names (`./x` → `dir/x.ts`, a folder → its index.ts). */
function resolve(root: string, from: string, specifier: string): string {
  const base = normalize(join(dirname(from), specifier)).replaceAll("\\", "/");
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    try {
      if (statSync(join(root, candidate)).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return base;
}

/** The text of every TypeScript file of src/, commands/ and cards/ in the repository at `root`. */
export function sourceTexts(root: string): SourceText[] {
  return sourceFiles(root, ["src", "commands", "cards"]).map((path) => ({
    path,
    text: readFileSync(join(root, path), "utf8"),
  }));
}

/** The import graph of src/, commands/ and cards/ in the repository at `root`. */
export function importGraph(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of sourceFiles(root, ["src", "commands", "cards"])) {
    for (const { specifier, typeOnly } of importsOf(readFileSync(join(root, from), "utf8"))) {
      const to = specifier.startsWith(".") ? resolve(root, from, specifier) : specifier;
      edges.push({ from: relative(".", from).replaceAll("\\", "/"), to, typeOnly });
    }
  }
  return edges;
}
