import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The bundled CJK faces, cut down per image to the characters it draws.
 *
 * resvg-js takes fonts only as file paths and reads a whole font file again
 * for every text element it lays out: with the two 10 MB Noto Sans SC faces
 * that is ~20 MB read per line of text. So each image gets a few-kilobyte
 * subset with exactly its characters (HarfBuzz's hb-subset, WebAssembly, no
 * native code), written to a private temporary directory for resvg and
 * removed after the render. Glyphs, metrics and names are HarfBuzz's own
 * copies, so the image is the same as drawn from the full faces.
 *
 * Memory: HarfBuzz's WebAssembly memory only grows; holding both full faces
 * and the tables it builds to subset them took ~65 MB, for the life of the
 * bridge. So the full faces are subset once, to the characters of GB 2312
 * (6,763 hanzi and its symbols: nearly every name and label) plus ASCII, and
 * that pair of small faces is cached on disk and is all a bridge keeps in
 * memory, loaded with its first picture. A picture with a character outside
 * them (a rare hanzi in a name) is cut from the full faces in a HarfBuzz
 * instance of its own, dropped afterwards.
 */
const require = createRequire(import.meta.url);
export const FONT_FILES = [
  require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"),
  require.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf"),
];
const FONT_VERSION = (require("@expo-google-fonts/noto-sans-sc/package.json") as { version: string }).version;

interface HbSubset {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
  hb_subset_preprocess(face: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;

function subset(hb: HbSubset, face: number, codepoints: Iterable<number>): Uint8Array {
  const input = hb.hb_subset_input_create_or_fail();
  if (!input) throw new Error("hb_subset_input_create_or_fail failed");
  const unicodes = hb.hb_subset_input_unicode_set(input);
  for (const cp of codepoints) hb.hb_set_add(unicodes, cp);
  const result = hb.hb_subset_or_fail(face, input);
  hb.hb_subset_input_destroy(input);
  if (!result) throw new Error("hb_subset_or_fail failed");
  const blob = hb.hb_face_reference_blob(result);
  const data = hb.hb_blob_get_data(blob, 0);
  const bytes = new Uint8Array(hb.memory.buffer, data, hb.hb_blob_get_length(blob)).slice();
  hb.hb_blob_destroy(blob);
  hb.hb_face_destroy(result);
  return bytes;
}

/** Printable ASCII, drawn in every picture (digits, scores). */
const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i);

/** Every character of GB 2312 (its two-byte codes A1A1–F7FE, read through the GB 18030 decoder) and ASCII. */
function commonSet(): Set<number> {
  const set = new Set<number>(ASCII);
  const gb = new TextDecoder("gb18030");
  for (let hi = 0xa1; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = gb.decode(new Uint8Array([hi, lo]));
      if (ch !== "\ufffd") set.add(ch.codePointAt(0)!);
    }
  }
  return set;
}

interface Faces {
  hb: HbSubset;
  /** HarfBuzz faces, in FONT_FILES order. */
  faces: number[];
}

let compiled: WebAssembly.Module | undefined;

/** A HarfBuzz instance with the given font files loaded. */
function loadFaces(files: readonly string[]): Faces {
  compiled ??= new WebAssembly.Module(readFileSync(require.resolve("harfbuzzjs/dist/harfbuzz-subset.wasm")));
  const hb = new WebAssembly.Instance(compiled, {}).exports as unknown as HbSubset;
  const faces: number[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    const ptr = hb.malloc(bytes.length);
    new Uint8Array(hb.memory.buffer, ptr, bytes.length).set(bytes);
    // The blob keeps the bytes for the life of the instance.
    const blob = hb.hb_blob_create(ptr, bytes.length, HB_MEMORY_MODE_WRITABLE, 0, 0);
    faces.push(hb.hb_face_create(blob, 0));
    hb.hb_blob_destroy(blob);
  }
  return { hb, faces };
}

/** Cuts each face to `codepoints` and writes it to `files` (same order). No closure keeps `full` alive. */
function writeSubsets(full: Faces, codepoints: Iterable<number>, files: readonly string[]): void {
  for (let i = 0; i < files.length; i++) writeFileSync(files[i]!, subset(full.hb, full.faces[i]!, codepoints));
}

let common: { faces: Faces; set: Set<number> } | undefined;

/** The GB 2312 faces: from the disk cache, or cut once from the full faces and cached. */
function commonFaces(): { faces: Faces; set: Set<number> } {
  if (common) return common;
  const set = commonSet();
  const dir = join(tmpdir(), `appraisal-fonts-noto-sans-sc-${FONT_VERSION}-gb2312`);
  const files = FONT_FILES.map((_, i) => join(dir, `${i}.ttf`));
  if (!files.every((f) => existsSync(f))) {
    mkdirSync(dir, { recursive: true });
    const parts = files.map((f) => `${f}.${process.pid}.part`);
    writeSubsets(loadFaces(FONT_FILES), set, parts);
    // Renamed into place, so a process that dies mid-write never leaves a cut-off font behind.
    parts.forEach((p, i) => renameSync(p, files[i]!));
  }
  common = { faces: loadFaces(files), set };
  return common;
}

let renderDir: string | undefined;
let renders = 0;

function tempDir(): string {
  if (renderDir) return renderDir;
  const made = mkdtempSync(join(tmpdir(), "wechat-fonts-"));
  process.once("exit", () => rmSync(made, { recursive: true, force: true }));
  return (renderDir = made);
}

/**
 * Font files holding every character of `text` (and all of printable ASCII),
 * for one render; `done` removes them.
 */
export function fontFilesFor(text: string): { files: string[]; done: () => void } {
  const codepoints = new Set<number>(ASCII);
  for (const ch of text) codepoints.add(ch.codePointAt(0)!);
  const n = ++renders;
  const files = FONT_FILES.map((_, i) => join(tempDir(), `${n}-${i}.ttf`));
  const { faces, set } = commonFaces();
  const rare = [...codepoints].some((cp) => !set.has(cp));
  writeSubsets(rare ? loadFaces(FONT_FILES) : faces, codepoints, files);
  return { files, done: () => files.forEach((f) => rmSync(f, { force: true })) };
}
