import { Resvg } from "@resvg/resvg-js";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { FONT_FILES, IMAGE_SCALE, renderImage, svgToPng } from "../../../src/channels/wechat/image/render";
import { svg, text } from "../../../src/channels/wechat/image/svg";
import { lazyRenderImage, stopRenderer } from "../../../src/channels/wechat/image/lazy";
import type { RankingImageModel } from "../../../src/outbox/message";

/** RGBA pixels of a PNG, decoded by drawing it with resvg (no other image library needed). */
function pixels(png: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const b64 = Buffer.from(png).toString("base64");
  // PNG header: width and height are big-endian at bytes 16 and 20.
  const width = Buffer.from(png).readUInt32BE(16);
  const height = Buffer.from(png).readUInt32BE(20);
  const r = new Resvg(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${b64}"/></svg>`,
  ).render();
  return { width: r.width, height: r.height, data: new Uint8Array(r.pixels) };
}

function glyph(char: string, scale = 1): Uint8Array {
  return pixels(svgToPng(svg(64, 64, [text(4, 52, char, { size: 56 })]), scale)).data;
}

const ink = (data: Uint8Array) => data.filter((_, i) => i % 4 === 0).filter((v) => v < 128).length;
const differing = (a: Uint8Array, b: Uint8Array) => a.reduce((n, v, i) => n + (Math.abs(v - b[i]!) > 64 ? 1 : 0), 0);

const MODEL: RankingImageModel = {
  title: "综合办公室 · 11 月考核排名",
  subtitle: "2026 年 11 月 · 共 3 人 · 平均 88.20 分",
  rows: [
    { rank: 1, name: "张三", total: 95.5, grade: "优秀", movement: 1 },
    { rank: 2, name: "李四", total: 88, grade: "称职", movement: -1 },
    { rank: 3, name: "王五", total: 81.1, grade: "基本称职", movement: null },
  ],
  footer: "流动红旗：本群（平均 88.20 分）",
};

describe("PNG rendering with the bundled CJK font", () => {
  test("the font ships inside node_modules, not the system", () => {
    for (const file of FONT_FILES) expect(file).toMatch(/node_modules\/@expo-google-fonts\/noto-sans-sc\//);
  });

  test("Chinese characters draw as real glyphs, each different, none the .notdef box", () => {
    // U+E000 is a private-use code point the font has no glyph for: it draws the .notdef (tofu) box.
    const tofu = glyph("\uE000");
    const chars = ["考", "核", "排", "名", "张", "三"];
    const drawn = chars.map((c) => glyph(c));
    for (const g of drawn) {
      expect(ink(g)).toBeGreaterThan(150);
      expect(differing(g, tofu)).toBeGreaterThan(200);
    }
    for (let i = 1; i < drawn.length; i++) expect(differing(drawn[i]!, drawn[0]!)).toBeGreaterThan(200);
  });

  test("at 2× a glyph is drawn with four times the pixels (the same shape, finer), not the .notdef box", () => {
    expect(IMAGE_SCALE).toBe(2);
    const tofu = glyph("\uE000", 2);
    for (const ch of ["考", "核"]) {
      const fine = glyph(ch, 2);
      expect(fine.length).toBe(glyph(ch).length * 4);
      const ratio = ink(fine) / ink(glyph(ch));
      expect(ratio).toBeGreaterThan(3.5);
      expect(ratio).toBeLessThan(4.5);
      expect(differing(fine, tofu)).toBeGreaterThan(800);
    }
  });

  test("a ranking renders like the stored reference image (1440 px wide: 2× the 720 px layout)", async () => {
    const reference = join(import.meta.dirname, "../../fixtures/wechat/ranking.png");
    const png = await renderImage({ kind: "ranking", model: MODEL });
    if (process.env.UPDATE_REFERENCE) writeFileSync(reference, png);
    const want = pixels(readFileSync(reference));
    const got = pixels(png);
    expect([got.width, got.height]).toEqual([want.width, want.height]);
    expect(got.width).toBe(1440);
    // Anti-aliasing may differ a little between resvg builds: at most 0.5% of pixels may differ clearly.
    expect(differing(got.data, want.data) / (got.width * got.height)).toBeLessThan(0.005);
  });

  test("a report card with a trend chart renders, and long names are clipped, not overflowing", async () => {
    const png = await renderImage({
      kind: "report",
      model: {
        title: `${"很长的名字".repeat(10)} · 2026年第四季度成绩单`,
        subtitle: "综合办公室",
        facts: [["总分", "92.30"]],
        rows: [{ name: "德", score: "9.50", max: "10" }],
        trend: [
          { label: "10月", value: 90 },
          { label: "11月", value: 93.5 },
        ],
      },
    });
    expect(pixels(png).width).toBe(1440);
  });

  test("the bridge draws in a child process (its memory leaves with it): the same pixels as in process, a rare hanzi included", async () => {
    // 堃 is not in GB 2312: it is cut from the full faces, not the cached GB 2312 pair.
    const model = {
      ...MODEL,
      rows: [...MODEL.rows, { rank: 4, name: "李堃", total: 80, grade: "基本称职", movement: null }],
    };
    try {
      const [inChild, here] = await Promise.all([
        lazyRenderImage({ kind: "ranking", model }),
        renderImage({ kind: "ranking", model }),
      ]);
      const a = pixels(inChild);
      const b = pixels(here);
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      expect(differing(a.data, b.data)).toBe(0);
      const tofu = glyph("\uE000");
      expect(differing(glyph("堃"), tofu)).toBeGreaterThan(200);
    } finally {
      stopRenderer();
    }
  });
});
