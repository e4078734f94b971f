import { Resvg } from "@resvg/resvg-js";
import type { ImageSpec } from "../../../outbox/message";
import { rankingSvg } from "./ranking";
import { reportSvg } from "./report";
import { FONT } from "./svg";
import { FONT_FILES, fontFilesFor } from "./fonts";

/**
 * The CJK font ships with the npm dependencies (Noto Sans SC, SIL OFL 1.1, in
 * @expo-google-fonts/noto-sans-sc), so a fresh clone draws Chinese without
 * any system font; system fonts are not loaded, so the output is the same on
 * every machine. The faces are loaded once per process (see fonts.ts).
 */
export { FONT_FILES };

/**
 * Device pixels per layout pixel. The layouts are 720 px wide with 20 px body text; phones show
 * pictures at 2–3 device pixels per point, so drawn at 1× they looked soft. 2× gives 1440 px.
 */
export const IMAGE_SCALE = 2;

/** SVG → PNG with the bundled font only, at `scale` device pixels per layout pixel. */
export function svgToPng(svg: string, scale = 1): Uint8Array {
  const fonts = fontFilesFor(svg);
  try {
    const resvg = new Resvg(svg, {
      font: { fontFiles: fonts.files, loadSystemFonts: false, defaultFontFamily: FONT },
      background: "#ffffff",
      fitTo: { mode: "zoom", value: scale },
    });
    return resvg.render().asPng();
  } finally {
    fonts.done();
  }
}

function imageSvg(spec: ImageSpec): string {
  return spec.kind === "ranking" ? rankingSvg(spec.model) : reportSvg(spec.model);
}

/** Draws a ranking or a report card as PNG (the WeChat sender's image renderer). */
export async function renderImage(spec: ImageSpec): Promise<Uint8Array> {
  return svgToPng(imageSvg(spec), IMAGE_SCALE);
}
