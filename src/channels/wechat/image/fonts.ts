import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The bundled CJK faces, read and parsed once per process, and cut down per
 * image to the characters it draws.
 *
 * resvg-js takes fonts only as file paths and reads a whole font file again
 * for every text element it lays out: with the two 10 MB Noto Sans SC faces
 * that is ~20 MB read per line of text. So the faces live in memory here
 * (HarfBuzz's hb-subset, WebAssembly, no native code), and each image gets a
 * few-kilobyte subset with exactly its characters, written to a private
 * temporary directory for resvg and removed after the render. Glyphs, metrics
 * and names are HarfBuzz's own copies, so the image is the same as drawn from
 * the full faces.
 */
const require = createRequire(import.meta.url);
export const FONT_FILES = [
  require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"),
  require.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf"),
];

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

interface LoadedFonts {
  hb: HbSubset;
  /** HarfBuzz faces, in FONT_FILES order. */
  faces: number[];
  dir: string;
}

let loaded: LoadedFonts | undefined;
let renders = 0;

function load(): LoadedFonts {
  if (loaded) return loaded;
  const wasm = new WebAssembly.Module(readFileSync(require.resolve("harfbuzzjs/dist/harfbuzz-subset.wasm")));
  const hb = new WebAssembly.Instance(wasm, {}).exports as unknown as HbSubset;
  const faces = FONT_FILES.map((file) => {
    const bytes = readFileSync(file);
    const ptr = hb.malloc(bytes.length);
    new Uint8Array(hb.memory.buffer, ptr, bytes.length).set(bytes);
    // The blob keeps the bytes for the life of the process: the faces are never freed.
    const blob = hb.hb_blob_create(ptr, bytes.length, HB_MEMORY_MODE_WRITABLE, 0, 0);
    const face = hb.hb_face_create(blob, 0);
    hb.hb_blob_destroy(blob);
    return face;
  });
  const dir = mkdtempSync(join(tmpdir(), "wechat-fonts-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  loaded = { hb, faces, dir };
  return loaded;
}

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

/**
 * Font files holding every character of `text` (and all of printable ASCII),
 * for one render; `done` removes them.
 */
export function fontFilesFor(text: string): { files: string[]; done: () => void } {
  const { hb, faces, dir } = load();
  const codepoints = new Set<number>();
  for (let cp = 0x20; cp < 0x7f; cp++) codepoints.add(cp);
  for (const ch of text) codepoints.add(ch.codePointAt(0)!);
  const n = ++renders;
  const files = faces.map((face, i) => {
    const file = join(dir, `${n}-${i}.ttf`);
    writeFileSync(file, subset(hb, face, codepoints));
    return file;
  });
  return { files, done: () => files.forEach((f) => rmSync(f, { force: true })) };
}
