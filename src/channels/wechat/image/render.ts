import { Resvg } from "@resvg/resvg-js";
import { createRequire } from "node:module";
import type { ImageSpec } from "../../../outbox/message";
import { rankingSvg } from "./ranking";
import { reportSvg } from "./report";
import { FONT } from "./svg";

/**
 * The CJK font ships with the npm dependencies (Noto Sans SC, SIL OFL 1.1, in
 * @expo-google-fonts/noto-sans-sc), so a fresh clone draws Chinese without
 * any system font; system fonts are not loaded, so the output is the same on
 * every machine.
 */
const require = createRequire(import.meta.url);
export const FONT_FILES = [
  require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"),
  require.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf"),
];

/** SVG → PNG with the bundled font only. */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, { font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT }, background: "#ffffff" });
  return resvg.render().asPng();
}

export function imageSvg(spec: ImageSpec): string {
  return spec.kind === "ranking" ? rankingSvg(spec.model) : reportSvg(spec.model);
}

/** Draws a ranking or a report card as PNG (the WeChat sender's image renderer). */
export async function renderImage(spec: ImageSpec): Promise<Uint8Array> {
  return svgToPng(imageSvg(spec));
}
